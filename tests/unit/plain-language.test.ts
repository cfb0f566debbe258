import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describeMissing, forStaff, FOR_PARTICIPANT, STAFF_FORM } from "../../app/i18n/eligibility";
import type { MessageKey } from "../../app/i18n/nl";
import { dictionaryFor } from "../../app/i18n/dictionaries";
import { translate } from "../../app/i18n/translate";
import { TERMS } from "../../app/components/explain";
import type { Missing } from "../../app/rules/eligibility";

// Both languages with the e-mails' words (nl-mail.ts, en-mail.ts), as the server reads them.
const nl = dictionaryFor("nl");
const en = dictionaryFor("en");

/**
 * Issue 27, points 4 and 5: Dutch a participant understands the first time (B1: short sentences,
 * active voice), and one voice per audience ("je" for participants and staff, "u" for the
 * werkbegeleider and public visitors; the engine's reasons in a form for each reader).
 */

// Values for every placeholder the texts below use; plural forms pick their branch from these.
const SAMPLE = {
  count: 3,
  attended: 10,
  needed: 17,
  total: 21,
  percent: 80,
  hours: 52.5,
  done: 7.5,
  target: 60,
  meetings: 5,
  months: 6,
  minutes: 12,
  date: "7 september 2026",
  name: "Sanne de Vries",
  status: "concept",
  number: 3,
};

const sentences = (text: string) =>
  text
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter(Boolean);
const words = (sentence: string) => sentence.split(/\s+/).filter((w) => /[\p{L}\d]/u.test(w));
// "wordt … door" / "worden … door" in one sentence: the passive with its actor; also "is … goedgekeurd door".
const PASSIVE = /\b(wordt|worden|werd|werden)\b.*\bdoor\b|\b(is|zijn|was|waren)\b.*\b\w*ge\w+[dt]\b.*\bdoor\b/i;

const REWRITTEN: MessageKey[] = [
  "requirement.attendance",
  "requirement.attendance.rate",
  "requirement.attendance.hours",
  "requirement.attendance.intervisie",
  "eligibility.rate.missing",
  "requirement.interview",
  "eligibility.interview.notHeld",
  "pop.consent",
  "pop.consentRequired",
  "myData.contents",
  "gop.intro",
  "gop.conflict",
  "progress.atRisk",
  "error.csrf",
  "eligibility.pop.notApproved",
  "privacy.keepDrafts.intro.after",
  "login.locked",
];

describe("the rewritten texts are B1", () => {
  const texts = [
    ...REWRITTEN,
    ...TERMS.flatMap((term) => [`term.${term}.question`, `term.${term}.text`] as MessageKey[]),
    ...(Object.keys(STAFF_FORM) as MessageKey[]),
    ...Object.values(STAFF_FORM),
  ];

  it.each(texts)("%s: every sentence has at most 15 words and no 'wordt … door'", (key) => {
    for (const count of [1, 3]) {
      const text = translate("nl", key, { ...SAMPLE, count });
      for (const sentence of sentences(text)) {
        expect({ key, sentence, words: words(sentence).length }).toEqual({ key, sentence, words: Math.min(15, words(sentence).length) });
        expect({ key, sentence, passive: PASSIVE.test(sentence) }).toEqual({ key, sentence, passive: false });
      }
    }
  });

  it("the old long texts would have failed (the measure bites)", () => {
    const old =
      "{count, plural, one {Nog # les of training bijwonen} other {Nog # lessen of trainingen bijwonen}}: je hebt er {attended} en moet er {needed} van de {total} hebben ({percent}%).";
    expect(Math.max(...sentences(old).map((s) => words(s).length))).toBeGreaterThan(15);
    expect(PASSIVE.test("Het POP is nog niet goedgekeurd door de trainer.")).toBe(true);
    expect(PASSIVE.test("Dan wordt mijn verhaal door de app uit alle versies gehaald.")).toBe(true);
    expect(PASSIVE.test("Je trainer heeft je POP nog niet goedgekeurd.")).toBe(false);
  });

  it("never explains the eindgesprek as a 'criteriumgericht interview'", () => {
    for (const key of ["requirement.interview", "eligibility.interview.notHeld", "term.eindgesprek.question", "term.eindgesprek.text"] as MessageKey[]) {
      expect(nl[key]).not.toMatch(/criteriumgericht/i);
      expect(en[key]).not.toMatch(/criterion-based/i);
    }
  });

  it("explains each course word a participant meets, in Dutch and English", () => {
    expect([...TERMS].sort()).toEqual(["competentie", "eindgesprek", "gop", "intervisie", "keuzeUren", "leerplek", "ontwikkelpunten", "pop", "werkbegeleider"]);
    for (const term of TERMS) {
      expect(nl[`term.${term}.question`]).toMatch(/^Wat (is|zijn) .+\?$/);
      expect(en[`term.${term}.question`]).toMatch(/^What (is|are) .+\?$/);
      expect(sentences(nl[`term.${term}.text`]).length).toBeLessThanOrEqual(6);
    }
  });
});

// Second person: je/jij/jou/jouw/jouwe (Dutch), you/your (English). Formal: u/uw.
const INFORMAL_NL = /\b(je|jij|jou|jouw|jouwe)\b/i;
const FORMAL_NL = /(^|[\s(])(u|uw|U|Uw)(?=[\s,.!?)])/;
const YOU_EN = /\b(you|your|yours)\b/i;

describe("the engine's reasons come in a form for each reader", () => {
  const reasons = Object.keys(STAFF_FORM) as Missing["key"][];

  it("every reason has a staff form that names the person and never says 'je'", () => {
    expect(reasons.length).toBe(12);
    for (const key of reasons) {
      const staff = STAFF_FORM[key];
      expect(nl[staff]).toContain("{name}");
      expect({ staff, je: INFORMAL_NL.test(nl[staff]), u: FORMAL_NL.test(nl[staff]) }).toEqual({ staff, je: false, u: false });
      expect({ staff, you: YOU_EN.test(en[staff]) }).toEqual({ staff, you: false });
    }
  });

  it("the participant forms say 'je' or nothing, never 'u'", () => {
    for (const key of reasons) expect({ key, u: FORMAL_NL.test(nl[key]) }).toEqual({ key, u: false });
  });

  it("the caller chooses: the same reason, addressed to the participant or about them by name", () => {
    const missing: Missing = { key: "eligibility.rate.missing", params: { count: 7, attended: 10, needed: 17, total: 21, percent: 80 } };
    expect(describeMissing("nl", missing, FOR_PARTICIPANT)).toBe(
      "Je moet nog 7 lessen of trainingen bijwonen. Je was er bij 10. Nodig zijn er 17 van de 21 (80%).",
    );
    expect(describeMissing("nl", missing, forStaff("Sanne de Vries"))).toBe(
      "Sanne de Vries moet nog 7 lessen of trainingen bijwonen. Sanne de Vries was er bij 10. Nodig zijn er 17 van de 21 (80%).",
    );
    expect(describeMissing("nl", { key: "eligibility.pop.notStarted", params: { status: "" } }, forStaff(null))).toBe(
      "De deelnemer is nog niet begonnen aan het POP.",
    );
    expect(describeMissing("en", { key: "eligibility.left", params: { date: "2026-09-07" } }, forStaff("Sam"))).toBe(
      "Sam left the course on 7 September 2026. So there will be no final interview and no certificate.",
    );
    // A reason that is not the engine's (a certificate refusal) reads the same for everyone.
    expect(describeMissing("nl", { key: "certificate.refused.alreadyIssued", params: {} }, forStaff("Sam"))).toBe(nl["certificate.refused.alreadyIssued"]);
  });

  it("every page that shows reasons to staff chooses the staff form", () => {
    // The staff pages and the participant's own pages, and the reader each must pass.
    const readers: Record<string, "staff" | "participant"> = {
      "app/routes/eindgesprekken.$id.tsx": "staff",
      "app/routes/groepen.$cohortId.voortgang.$participantId.tsx": "staff",
      "app/routes/deelnemer._index.tsx": "participant",
      "app/routes/deelnemer.rooster.tsx": "participant",
    };
    for (const [file, reader] of Object.entries(readers)) {
      const source = readFileSync(file, "utf8");
      expect({ file, staff: source.includes("forStaff("), participant: source.includes("FOR_PARTICIPANT") }).toEqual({
        file,
        staff: reader === "staff",
        participant: reader === "participant",
      });
    }
  });
});

describe("one voice per audience", () => {
  // What the werkbegeleider's link page (/bevestigen/<token>) and the public check (/verify) show.
  const werkbegeleiderKeys = [
    ...Object.keys(nl).filter((k) => k.startsWith("signoff.") || k.startsWith("practice.link.") || k.startsWith("practice.decision")),
    "practice.rejectNeedsComment",
    "practice.nothingDecided",
    "practice.changedMark",
    "practice.changedEntry",
    "practice.hoursValue",
    "practice.entry.description",
    "practice.entry.reflection",
  ] as MessageKey[];
  const verifyKeys = [...Object.keys(nl).filter((k) => k.startsWith("verify.")), "certificate.pdf.hours"] as MessageKey[];

  it.each([
    ["werkbegeleider", werkbegeleiderKeys],
    ["public check", verifyKeys],
  ] as const)("the %s reads 'u', never 'je'", (_, keys) => {
    expect(keys.length).toBeGreaterThan(10);
    for (const key of keys) expect({ key, je: INFORMAL_NL.test(nl[key]) }).toEqual({ key, je: false });
    // Where a text speaks to the reader, it says "u".
    expect(keys.filter((k) => FORMAL_NL.test(nl[k])).length).toBeGreaterThan(2);
  });

  it("the trainer's decision form (shared with the werkbegeleider) says neither 'u' nor 'je' in what both read", () => {
    for (const key of ["practice.rejectNeedsComment", "practice.changedMark", "practice.decisionComment", "practice.decisionComment.help"] as MessageKey[]) {
      expect({ key, u: FORMAL_NL.test(nl[key]), je: INFORMAL_NL.test(nl[key]) }).toEqual({ key, u: false, je: false });
    }
  });

  it("no label is a question followed by a colon ('Wat deed je?:')", () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
        d.isDirectory() ? files(path.join(dir, d.name)) : d.name.endsWith(".tsx") ? [path.join(dir, d.name)] : [],
      );
    const labelled = /\{t\("([\w.]+)"(?:,[^)]*)?\)\}:/g;
    let seen = 0;
    for (const file of [...files("app/routes"), ...files("app/components")]) {
      for (const match of readFileSync(file, "utf8").matchAll(labelled)) {
        seen += 1;
        const key = match[1] as MessageKey;
        expect({ file, key, question: nl[key]?.trim().endsWith("?") }).toEqual({ file, key, question: false });
      }
    }
    expect(seen).toBeGreaterThan(3);
  });

  it("one verb per action: plans are 'ingeleverd', things 'veranderd', practice hours 'bevestigd'", () => {
    const all = Object.entries(nl);
    expect(all.filter(([, v]) => /\b(indienen|ingediend|indiende)\b/i.test(v) && !/bezwaar/i.test(v)).map(([k]) => k)).toEqual([]);
    expect(all.filter(([, v]) => /\b(wijzigen|gewijzigd)\b/i.test(v)).map(([k]) => k)).toEqual([]);
    // Practice hours are confirmed ("bevestigd"), never "goedgekeurd" (that is for the POP and GOP).
    expect(all.filter(([, v]) => /uren\b.*\b(goedkeur|goedgekeurd|keurt .* goed)/i.test(v)).map(([k]) => k)).toEqual([]);
  });
});
