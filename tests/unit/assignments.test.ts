import { answerSchema, reviewSchema } from "../../app/forms/assignments";
import { meetingSchema } from "../../app/forms/meetings";
import {
  amsterdamDate,
  assignmentDeadline,
  assignmentState,
  compareAssignments,
  countStates,
  dueDateProblem,
  handedInLate,
  isOpen,
} from "../../app/rules/assignments";

describe("the deadline of an oefenopdracht", () => {
  it("is the due date the trainer set", () => {
    expect(assignmentDeadline("2026-09-08", "2026-09-12", ["2026-09-15"])).toBe("2026-09-12");
  });

  it("is otherwise the date of the next meeting after this one", () => {
    expect(assignmentDeadline("2026-09-08", null, ["2026-09-22", "2026-09-15", "2026-09-29"])).toBe("2026-09-15");
    expect(assignmentDeadline("2026-09-08", undefined, ["2026-09-01", "2026-09-08", "2026-09-15"])).toBe("2026-09-15");
  });

  it("is unknown when no later meeting is planned and no due date is set", () => {
    expect(assignmentDeadline("2026-09-08", null, [])).toBeNull();
    expect(assignmentDeadline("2026-09-08", null, ["2026-09-01", "2026-09-08"])).toBeNull();
  });

  it("may not lie before the meeting", () => {
    expect(dueDateProblem("2026-09-08", "2026-09-07")).toBe("session.assignmentDueBeforeDate");
    expect(dueDateProblem("2026-09-08", "2026-09-08")).toBeNull();
    expect(dueDateProblem("2026-09-08", null)).toBeNull();
  });
});

describe("the state of an answer", () => {
  const answer = { submittedAt: "2026-09-10T18:00:00.000Z", doneAt: null };

  it("is open until the deadline has passed, then late", () => {
    expect(assignmentState(null, "2026-09-15", "2026-09-15")).toBe("open");
    expect(assignmentState(null, "2026-09-15", "2026-09-16")).toBe("late");
    expect(assignmentState(null, null, "2030-01-01")).toBe("open");
  });

  it("is handed in once there is an answer, and done once the trainer marked it", () => {
    expect(assignmentState(answer, "2026-09-15", "2026-09-20")).toBe("handed_in");
    expect(assignmentState({ ...answer, doneAt: "2026-09-16T09:00:00.000Z" }, "2026-09-15", "2026-09-20")).toBe("done");
    expect(isOpen("open")).toBe(true);
    expect(isOpen("late")).toBe(true);
    expect(isOpen("handed_in")).toBe(false);
    expect(isOpen("done")).toBe(false);
  });

  it("counts an answer as late only after the deadline day, in Amsterdam time", () => {
    // 23:30 UTC on the 15th is already the 16th in Amsterdam (summer time).
    expect(amsterdamDate("2026-09-15T23:30:00.000Z")).toBe("2026-09-16");
    expect(handedInLate("2026-09-15T21:00:00.000Z", "2026-09-15")).toBe(false);
    expect(handedInLate("2026-09-15T23:30:00.000Z", "2026-09-15")).toBe(true);
    expect(handedInLate("2026-09-30T10:00:00.000Z", null)).toBe(false);
  });
});

describe("lists and counts", () => {
  it("puts late and open first (earliest deadline first), then waiting, then done (newest first)", () => {
    const items = [
      { id: "done-old", state: "done" as const, deadline: "2026-09-15", date: "2026-09-08" },
      { id: "waiting", state: "handed_in" as const, deadline: "2026-09-22", date: "2026-09-15" },
      { id: "open-later", state: "open" as const, deadline: "2026-10-06", date: "2026-09-29" },
      { id: "done-new", state: "done" as const, deadline: "2026-09-29", date: "2026-09-22" },
      { id: "late", state: "late" as const, deadline: "2026-09-29", date: "2026-09-22" },
      { id: "open-soon", state: "open" as const, deadline: "2026-10-01", date: "2026-09-30" },
      { id: "open-none", state: "open" as const, deadline: null, date: "2026-09-30" },
    ];
    expect(items.sort(compareAssignments).map((i) => i.id)).toEqual(["late", "open-soon", "open-later", "open-none", "waiting", "done-new", "done-old"]);
  });

  it("counts handed in (done included), done, waiting and open", () => {
    expect(countStates(["done", "handed_in", "open", "late", "done"])).toEqual({ expected: 5, handedIn: 3, done: 2, waiting: 1, open: 2 });
    expect(countStates([])).toEqual({ expected: 0, handedIn: 0, done: 0, waiting: 0, open: 0 });
  });
});

describe("the forms", () => {
  it("refuses an empty or too long answer with a Dutch message key", () => {
    expect(answerSchema.safeParse({ text: "  " }).error?.issues[0].message).toBe("assignments.answerRequired");
    expect(answerSchema.safeParse({ text: "x".repeat(4001) }).error?.issues[0].message).toBe("assignments.answerTooLong");
    expect(answerSchema.parse({ text: "  Mijn antwoord.  " })).toEqual({ text: "Mijn antwoord." });
  });

  it("reads feedback as optional, at most 1000 characters", () => {
    expect(reviewSchema.parse({ participantId: "7", feedback: "" })).toEqual({ participantId: 7, feedback: null });
    expect(reviewSchema.safeParse({ participantId: "7", feedback: "x".repeat(1001) }).error?.issues[0].message).toBe("assignments.feedbackTooLong");
    expect(reviewSchema.safeParse({ participantId: "iemand", feedback: "" }).success).toBe(false);
  });

  it("takes an optional hand-in date on a meeting, not before the meeting", () => {
    const base = {
      type: "les",
      title: "Stigma",
      date: "2026-09-08",
      startTime: "13:30",
      endTime: "16:30",
      trainerIds: [],
      assignment: "Schrijf een voorbeeld.",
    };
    expect(meetingSchema.parse({ ...base, assignmentDue: "" }).assignmentDue).toBeNull();
    expect(meetingSchema.parse(base).assignmentDue).toBeNull();
    expect(meetingSchema.parse({ ...base, assignmentDue: "2026-09-14" }).assignmentDue).toBe("2026-09-14");
    const early = meetingSchema.safeParse({ ...base, assignmentDue: "2026-09-07" });
    expect(early.error?.issues.find((i) => i.path[0] === "assignmentDue")?.message).toBe("session.assignmentDueBeforeDate");
    expect(meetingSchema.safeParse({ ...base, assignmentDue: "morgen" }).error?.issues[0].message).toBe("form.date.invalid");
  });
});
