import { dictionaryFor } from "../../app/i18n/dictionaries";
import { nl as pageWords, type MessageKey } from "../../app/i18n/nl";
import { nlMail } from "../../app/i18n/nl-mail";
import { amsterdamDay } from "../../app/rules/amsterdam";
import { formatDate, formatNumber, translate } from "../../app/i18n/translate";

// Both languages with the e-mails' words (nl-mail.ts, en-mail.ts), as the server reads them.
const nl = dictionaryFor("nl");
const en = dictionaryFor("en");

// Plain {name} placeholders and the variables of {name, plural, …} forms.
const placeholders = (s: string) => [...new Set([...s.matchAll(/(?<!(?:zero|one|two|few|many|other|=\d+) )\{(\w+)(?:\}|, plural,)/g)].map((m) => m[1]))].sort();

describe("dictionaries", () => {
  it("keeps the e-mails' words out of the dictionary the browser loads, and has every key once", () => {
    const mailKeys = Object.keys(nlMail);
    expect(mailKeys.length).toBeGreaterThan(50);
    for (const key of mailKeys) expect(Object.prototype.hasOwnProperty.call(pageWords, key)).toBe(false);
    // What pages show about mail (names of types and statuses) is in the pages' dictionary.
    expect(Object.keys(pageWords).filter((k) => k.startsWith("mail.type.")).length).toBeGreaterThan(10);
    expect(Object.keys(nl).length).toBe(Object.keys(pageWords).length + mailKeys.length);
  });

  it("have exactly the same keys in Dutch and English", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
  });

  it("have no empty texts and the same placeholders in both languages", () => {
    for (const key of Object.keys(nl) as MessageKey[]) {
      expect(nl[key].trim()).not.toBe("");
      expect(en[key].trim()).not.toBe("");
      expect({ key, placeholders: placeholders(en[key]) }).toEqual({ key, placeholders: placeholders(nl[key]) });
    }
  });

  it("choose the plural form by the number, in both languages", () => {
    expect(translate("nl", "cohort.memberCount", { count: 1 })).toBe("1 deelnemer");
    expect(translate("nl", "cohort.memberCount", { count: 0 })).toBe("0 deelnemers");
    expect(translate("nl", "cohort.memberCount", { count: 12 })).toBe("12 deelnemers");
    expect(translate("en", "cohort.memberCount", { count: 1 })).toBe("1 participant");
    expect(translate("nl", "dashboard.commentsWaiting", { count: 1 })).toBe("1 opmerking van je trainer wacht op je reactie");
    expect(translate("nl", "dashboard.commentsWaiting", { count: 3 })).toBe("3 opmerkingen van je trainer wachten op je reactie");
    expect(translate("nl", "signoff.thanks", { count: 1 })).toBe("Dank u wel. 1 regel is beoordeeld.");
    expect(translate("nl", "practice.log.caption", { count: 1 })).toBe("Praktijkuren: 1 regel, nieuwste eerst");
    // A plural form next to ordinary placeholders, with a decimal number ("other" in both languages).
    expect(translate("nl", "overview.summary", { total: 1, ready: 1, risk: 0 })).toBe("1 deelnemer · 1 klaar voor het eindgesprek · 0 met een risico");
    expect(translate("en", "eligibility.praktijk.missing", { hours: 1, done: 59, target: 60 })).toMatch(/^1 more practice hour needed/);
    expect(translate("en", "eligibility.praktijk.missing", { hours: 1.5, done: 58.5, target: 60 })).toMatch(/^1\.5 more practice hours needed/);
    expect(translate("en", "mySchedule.countOf", { count: 0, target: 1 })).toBe("0 of 1 time");
  });

  it("count no Dutch or English text that puts a counted noun in the plural after a bare number placeholder", () => {
    // "{count} regels" says "1 regels" for one: such texts use the plural form instead.
    const bare =
      /\{(count|total|minutes|days|months|left)\} (deelnemers|regels|opmerkingen|minuten|dagen|maanden|plekken|lessen|participants|entries|comments|minutes|days|months|places|lessons)\b/;
    for (const [lang, dict] of [
      ["nl", nl],
      ["en", en],
    ] as const) {
      for (const [key, text] of Object.entries(dict)) expect({ lang, key, bare: bare.test(text) }).toEqual({ lang, key, bare: false });
    }
  });

  it("fill in placeholders and leave unknown ones visible", () => {
    expect(translate("nl", "login.locked", { minutes: 12 })).toBe("Het wachtwoord was te vaak fout. Wacht 12 minuten en probeer het dan opnieuw.");
    expect(translate("nl", "participant.home.title")).toBe("Welkom, {name}");
    // With parameters, but not the one the text asks for; then the same text with two different values.
    expect(translate("nl", "participant.home.title", { other: "x" })).toBe("Welkom, {name}");
    expect(translate("nl", "overview.summary", { total: 3, ready: 1, risk: 0 })).toMatch(/3.*1.*0/);
    expect(translate("nl", "overview.summary", { total: 25, ready: 7, risk: 2 })).toMatch(/25.*7.*2/);
    expect(translate("nl", "schedule.back", { name: "{name} $& $1" })).toContain("{name} $& $1");
  });

  it("uses the generic Dutch sign-in error for a wrong email or password", () => {
    expect(translate("nl", "login.invalid")).toBe("Het e-mailadres of het wachtwoord klopt niet.");
  });

  it("writes dates in words, in the Amsterdam time zone", () => {
    expect(formatDate("nl", "2026-09-07")).toBe("7 september 2026");
    expect(formatDate("en", "2026-09-07")).toBe("7 September 2026");
    expect(formatDate("nl", "2026-12-31T23:30:00.000Z")).toBe("1 januari 2027");
    // Kept answers never cross languages, and a bad date stays as it was.
    expect(formatDate("nl", "2026-09-07")).toBe("7 september 2026");
    expect(formatDate("nl", "2026-13-45")).toBe("2026-13-45");
    expect(formatDate("nl", "2026-13-45")).toBe("2026-13-45");
  });

  it("writes numbers the Dutch or English way, also when asked again", () => {
    for (let i = 0; i < 2; i++) {
      expect(formatNumber("nl", 1395.25)).toBe("1.395,25");
      expect(formatNumber("en", 1395.25)).toBe("1,395.25");
      expect(formatNumber("nl", 0.125)).toBe("0,13");
    }
  });

  it("knows the Amsterdam day at the second the year turns, also going back in time", () => {
    expect(amsterdamDay(new Date("2026-12-31T22:59:59.999Z"))).toBe("2026-12-31");
    expect(amsterdamDay(new Date("2026-12-31T23:00:00.000Z"))).toBe("2027-01-01");
    expect(amsterdamDay(new Date("2026-12-31T22:59:59.000Z"))).toBe("2026-12-31");
    expect(amsterdamDay(new Date("2026-06-30T21:59:59.999Z"))).toBe("2026-06-30");
    expect(amsterdamDay(new Date("2026-06-30T22:00:00.000Z"))).toBe("2026-07-01");
  });
});

describe("one way of addressing people on the public check", () => {
  // Public visitors (an employer checking a certificate) are addressed with "u", like the
  // werkbegeleider (issue 27); tests/unit/plain-language.test.ts checks the other audiences.
  it("says 'u' on /verify and /verify/<code> alike, never 'je' or 'jouw'", () => {
    const verifyTexts = Object.entries(nl).filter(([key]) => key.startsWith("verify."));
    expect(verifyTexts.length).toBeGreaterThan(10);
    for (const [key, text] of verifyTexts) expect({ key, informal: /\b(je|jij|jou|jouw)\b/i.test(text) }).toEqual({ key, informal: false });
    expect(verifyTexts.filter(([, text]) => /(^|[\s(])(u|uw|U|Uw)(?=[\s,.!?)])/.test(text)).length).toBeGreaterThan(3);
  });
});
