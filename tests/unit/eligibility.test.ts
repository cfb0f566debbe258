import { summarizeAttendance, type AttendanceFacts, type MeetingFacts } from "../../app/rules/attendance";
import { evaluateEligibility, meetingsNeeded, type EligibilityInput } from "../../app/rules/eligibility";

const RULES = { practiceHoursTarget: 60, learningHoursTarget: 60, minAttendanceRate: 0.8, minIntervisieMeetings: 5 };
const TODAY = "2026-11-22";

/** n lessons of `hours` each, before today; then intervisie meetings of 2 hours. */
function history(opts: { lessons: number; lessonHours?: number; intervisie?: number; cancelled?: number }) {
  const meetings: MeetingFacts[] = [];
  let id = 1;
  const hh = String(9 + (opts.lessonHours ?? 3)).padStart(2, "0");
  for (let i = 0; i < opts.lessons; i++)
    meetings.push({ id: id++, type: "les", date: `2026-09-${String(1 + i).padStart(2, "0")}`, startTime: "09:00", endTime: `${hh}:00`, cancelled: false });
  for (let i = 0; i < (opts.cancelled ?? 0); i++)
    meetings.push({ id: id++, type: "les", date: `2026-10-${String(1 + i).padStart(2, "0")}`, startTime: "09:00", endTime: "12:00", cancelled: true });
  for (let i = 0; i < (opts.intervisie ?? 0); i++)
    meetings.push({ id: id++, type: "intervisie", date: `2026-11-${String(1 + i).padStart(2, "0")}`, startTime: "10:00", endTime: "12:00", cancelled: false });
  return meetings;
}

function present(meetings: MeetingFacts[], except: number[] = [], over: Partial<AttendanceFacts> = {}): AttendanceFacts[] {
  return meetings
    .filter((s) => !s.cancelled && !except.includes(s.id))
    .map((s) => ({ meetingId: s.id, status: "aanwezig", minutesMissed: 0, active: true, makeupDone: false, ...over }));
}

function input(over: Partial<EligibilityInput> & { meetings?: MeetingFacts[]; records?: AttendanceFacts[] } = {}): EligibilityInput {
  const meetings = over.meetings ?? history({ lessons: 20, intervisie: 5 }); // 60 + 10 = 70 hours
  const records = over.records ?? present(meetings);
  const { meetings: _s, records: _r, ...rest } = over;
  return {
    rules: RULES,
    attendance: summarizeAttendance(meetings, records, { joinedOn: "2026-01-01", today: TODAY, rules: { countOnlyActive: true } }),
    upcomingLessonsAndTrainings: 0,
    upcomingIntervisie: 0,
    practice: [{ minutes: 3600, status: "bevestigd" }],
    pop: { status: "goedgekeurd", approved: true },
    gop: { status: "goedgekeurd", approved: true },
    interview: { outcome: "geslaagd" },
    course: { weeksElapsed: 25, weeksTotal: 25 },
    ...rest,
  };
}

const req = (e: ReturnType<typeof evaluateEligibility>, code: string) => e.requirements.find((r) => r.code === code)!;

describe("the eligibility engine", () => {
  it("says eligible when all five are met, in a fixed order", () => {
    const e = evaluateEligibility(input());
    expect(e.requirements.map((r) => r.code)).toEqual(["praktijk", "aanwezigheid", "pop", "gop", "interview"]);
    expect(e).toMatchObject({ eligible: true, readyForInterview: true, atRisk: false });
    expect(e.requirements.every((r) => r.missing.length === 0 && r.progress === 1)).toBe(true);
  });

  it("practice: exactly 60 confirmed hours is enough, 59,75 is not; rejected and open hours never count", () => {
    expect(req(evaluateEligibility(input({ practice: [{ minutes: 3600, status: "bevestigd" }] })), "praktijk").met).toBe(true);
    const below = req(
      evaluateEligibility(
        input({
          practice: [
            { minutes: 3585, status: "bevestigd" },
            { minutes: 600, status: "afgewezen" },
            { minutes: 600, status: "open" },
          ],
        }),
      ),
      "praktijk",
    );
    expect(below.met).toBe(false);
    expect(below.figures[0]).toEqual({ value: 59.75, target: 60, unit: "hours" });
    expect(below.missing).toEqual([{ key: "eligibility.praktijk.missing", params: { hours: 0.25, done: 59.75, target: 60 } }]);
  });

  it("attendance rate: exactly 80% is enough, one fewer is not", () => {
    const meetings = history({ lessons: 20, lessonHours: 4, intervisie: 5 });
    // 16 of 20 lessons = 80%: 64 + 10 hours.
    const at = evaluateEligibility(input({ meetings, records: present(meetings, [1, 2, 3, 4]) }));
    expect(req(at, "aanwezigheid").met).toBe(true);
    const below = evaluateEligibility(input({ meetings, records: present(meetings, [1, 2, 3, 4, 5]) }));
    const a = req(below, "aanwezigheid");
    expect(a.met).toBe(false);
    expect(a.missing[0]).toEqual({ key: "eligibility.rate.missing", params: { count: 1, attended: 15, needed: 16, total: 20, percent: 80 } });
    expect(meetingsNeeded(15, 0.8)).toBe(12);
    expect(meetingsNeeded(20, 0.8)).toBe(16);
    expect(meetingsNeeded(21, 0.8)).toBe(17);
  });

  it("a granted and completed make-up assignment counts as attended", () => {
    const meetings = history({ lessons: 20, lessonHours: 4, intervisie: 5 });
    const records = present(meetings, [1, 2, 3, 4, 5]);
    records.push({ meetingId: 5, status: "afgemeld", minutesMissed: 0, active: false, makeupDone: true });
    expect(req(evaluateEligibility(input({ meetings, records })), "aanwezigheid").met).toBe(true);
    records[records.length - 1] = { ...records[records.length - 1], makeupDone: false };
    expect(req(evaluateEligibility(input({ meetings, records })), "aanwezigheid").met).toBe(false);
  });

  it("cancelled meetings count for nobody: not in the total, no hours", () => {
    const meetings = history({ lessons: 20, intervisie: 5, cancelled: 6 });
    const e = evaluateEligibility(input({ meetings }));
    const a = req(e, "aanwezigheid");
    expect(a.met).toBe(true);
    expect(a.figures[0]).toEqual({ value: 20, target: 16, unit: "sessions" });
  });

  it("learning hours and intervisie meetings are checked apart, with their own sentences", () => {
    const meetings = history({ lessons: 20, lessonHours: 2, intervisie: 3 }); // 40 + 6 hours
    const a = req(evaluateEligibility(input({ meetings })), "aanwezigheid");
    expect(a.met).toBe(false);
    expect(a.missing.map((m) => m.key)).toEqual(["eligibility.hours.missing", "eligibility.intervisie.missing"]);
    expect(a.missing[1].params).toEqual({ count: 2, done: 3, target: 5 });
  });

  it("counts only active participation when the leerlijn says so", () => {
    const meetings = history({ lessons: 20, intervisie: 5 });
    const passive = present(meetings, [], { active: false });
    const e = summarizeAttendance(meetings, passive, { joinedOn: "2026-01-01", today: TODAY, rules: { countOnlyActive: true } });
    expect(req(evaluateEligibility({ ...input(), attendance: e }), "aanwezigheid").met).toBe(false);
  });

  it("is at risk when the attendance rate can no longer be reached with the meetings left", () => {
    const meetings = history({ lessons: 10, intervisie: 5 });
    // 5 of 10 held attended, 10 more planned: 16 of 20 needed, at most 15 reachable.
    const risky = evaluateEligibility(input({ meetings, records: present(meetings, [1, 2, 3, 4, 5]), upcomingLessonsAndTrainings: 10, interview: null }));
    expect(req(risky, "aanwezigheid").atRisk).toBe(true);
    expect(risky.atRisk).toBe(true);
    const fine = evaluateEligibility(input({ meetings, records: present(meetings, [1, 2, 3, 4]), upcomingLessonsAndTrainings: 10, interview: null }));
    expect(req(fine, "aanwezigheid").atRisk).toBe(false);
  });

  it("is at risk when practice is far behind for the weeks elapsed", () => {
    const behind = evaluateEligibility(input({ practice: [{ minutes: 8 * 60, status: "bevestigd" }], course: { weeksElapsed: 12, weeksTotal: 24 } }));
    expect(req(behind, "praktijk").atRisk).toBe(true); // 8 < half of 30
    const onPace = evaluateEligibility(input({ practice: [{ minutes: 20 * 60, status: "bevestigd" }], course: { weeksElapsed: 12, weeksTotal: 24 } }));
    expect(req(onPace, "praktijk").atRisk).toBe(false);
  });

  it("a POP approved once keeps counting after it is edited again", () => {
    const edited = evaluateEligibility(input({ pop: { status: "concept", approved: true } }));
    expect(req(edited, "pop").met).toBe(true);
    const handedIn = req(evaluateEligibility(input({ pop: { status: "ingediend", approved: false } })), "pop");
    expect(handedIn).toMatchObject({ met: false, progress: 2 / 3, missing: [{ key: "eligibility.pop.notApproved" }] });
    expect(req(evaluateEligibility(input({ pop: { status: null, approved: false } })), "pop").missing[0].key).toBe("eligibility.pop.notStarted");
    expect(req(evaluateEligibility(input({ gop: { status: "terug", approved: false } })), "gop").missing[0].key).toBe("eligibility.gop.notApproved");
  });

  it("without the interview the participant is ready for it but not eligible", () => {
    const e = evaluateEligibility(input({ interview: null }));
    expect(e).toMatchObject({ readyForInterview: true, eligible: false });
    expect(req(e, "interview").missing[0].key).toBe("eligibility.interview.notHeld");
    expect(req(evaluateEligibility(input({ interview: { outcome: "herkansing" } })), "interview").missing[0].key).toBe("eligibility.interview.retake");
    expect(evaluateEligibility(input({ interview: { outcome: "niet_geslaagd" } })).eligible).toBe(false);
  });

  it("judges by the rules it is given: a later leerlijn version with other thresholds does not change an earlier judgement", () => {
    const records = input({ practice: [{ minutes: 50 * 60, status: "bevestigd" }] });
    const v1 = evaluateEligibility({ ...records, rules: { ...RULES, practiceHoursTarget: 48 } });
    const v2 = evaluateEligibility({ ...records, rules: { ...RULES, practiceHoursTarget: 60 } });
    expect(req(v1, "praktijk").met).toBe(true);
    expect(req(v2, "praktijk").met).toBe(false);
  });
});
