import { decideChoice, electiveHoursLeft, nextFromWaitingList, placesLeft } from "../../app/rules/trainings";

const base = { chosenHours: 0, trainingHours: 6, electiveHoursMax: 12, alreadyChosen: false, capacity: 12, taken: 0, waitingListWanted: false };

describe("choosing a training", () => {
  it("gives a place while there is room and hours are left", () => {
    expect(decideChoice(base)).toEqual({ ok: true, status: "gekozen" });
    expect(decideChoice({ ...base, chosenHours: 6 })).toEqual({ ok: true, status: "gekozen" });
  });

  it("refuses a choice beyond the elective hours of the leerlijn, also on the waiting list", () => {
    expect(decideChoice({ ...base, chosenHours: 12 })).toEqual({ ok: false, reason: "overLimit" });
    expect(decideChoice({ ...base, chosenHours: 7, waitingListWanted: true, taken: 12 })).toEqual({ ok: false, reason: "overLimit" });
    expect(decideChoice({ ...base, chosenHours: 4, trainingHours: 8 })).toEqual({ ok: true, status: "gekozen" });
    expect(decideChoice({ ...base, chosenHours: 4.25, trainingHours: 8 })).toEqual({ ok: false, reason: "overLimit" });
  });

  it("says a full training is full, and offers the waiting list when asked", () => {
    expect(decideChoice({ ...base, taken: 12 })).toEqual({ ok: false, reason: "full" });
    expect(decideChoice({ ...base, taken: 12, waitingListWanted: true })).toEqual({ ok: true, status: "wachtlijst" });
    expect(decideChoice({ ...base, capacity: null, taken: 400 })).toEqual({ ok: true, status: "gekozen" });
  });

  it("refuses the same training twice", () => {
    expect(decideChoice({ ...base, alreadyChosen: true })).toEqual({ ok: false, reason: "alreadyChosen" });
  });

  it("counts places and hours left without going below zero", () => {
    expect(placesLeft(12, 5)).toBe(7);
    expect(placesLeft(12, 14)).toBe(0);
    expect(placesLeft(null, 3)).toBeNull();
    expect(electiveHoursLeft(6, 12)).toBe(6);
    expect(electiveHoursLeft(18, 12)).toBe(0);
  });

  it("moves up the longest waiting person first", () => {
    const list = [
      { id: 3, status: "wachtlijst" as const, created_at: "2026-10-02T10:00:00.000Z" },
      { id: 1, status: "gekozen" as const, created_at: "2026-09-01T10:00:00.000Z" },
      { id: 2, status: "wachtlijst" as const, created_at: "2026-10-01T10:00:00.000Z" },
    ];
    expect(nextFromWaitingList(list)?.id).toBe(2);
    expect(nextFromWaitingList(list.filter((c) => c.id === 1))).toBeUndefined();
  });
});
