import { emptyGop, mergeGop, type GopContent } from "../../app/rules/gop";

const base: GopContent = {
  goals: [{ doel: "Samen oefenen", actie: "Elke week", wie: "Iedereen", wanneer: "Hele leerlijn" }],
  agreements: "We laten elkaar uitpraten.",
  evaluation: "",
};

describe("GOP merge", () => {
  it("takes the editor's sections when nobody else changed them", () => {
    const mine = { ...base, agreements: "We laten elkaar uitpraten. Wat hier gezegd wordt, blijft hier." };
    expect(mergeGop(base, base, mine)).toEqual({ ok: true, content: mine, changed: ["agreements"] });
  });

  it("keeps someone else's change in a section the editor did not touch", () => {
    const theirs = { ...base, evaluation: "Goed begin." };
    const mine = { ...base, agreements: "Nieuwe afspraak." };
    const r = mergeGop(base, theirs, mine);
    expect(r).toEqual({ ok: true, content: { ...base, agreements: "Nieuwe afspraak.", evaluation: "Goed begin." }, changed: ["agreements"] });
  });

  it("is a conflict when both changed the same section differently, with both texts", () => {
    const theirs = { ...base, agreements: "Afspraak A" };
    const mine = { ...base, agreements: "Afspraak B" };
    expect(mergeGop(base, theirs, mine)).toEqual({ ok: false, conflicts: [{ section: "agreements", mine: "Afspraak B", theirs: "Afspraak A" }] });
  });

  it("is no conflict when both made the same change", () => {
    const same = { ...base, agreements: "Zelfde" };
    expect(mergeGop(base, same, same)).toEqual({ ok: true, content: same, changed: [] });
  });

  it("compares goal rows as a whole section and ignores empty rows", () => {
    const mine = { ...base, goals: [...base.goals, { doel: "", actie: "", wie: "", wanneer: "" }] };
    expect(mergeGop(base, base, mine)).toMatchObject({ ok: true, changed: [] });
    expect(mergeGop(emptyGop(), emptyGop(), base)).toMatchObject({ ok: true, changed: ["goals", "agreements"] });
  });
});
