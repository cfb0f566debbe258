import { en } from "../../app/i18n/en";
import { nl } from "../../app/i18n/nl";
import { formatDate, translate } from "../../app/i18n/translate";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("dictionaries", () => {
  it("have exactly the same keys in Dutch and English", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
  });

  it("have no empty texts and the same placeholders in both languages", () => {
    for (const key of Object.keys(nl) as (keyof typeof nl)[]) {
      expect(nl[key].trim()).not.toBe("");
      expect(en[key].trim()).not.toBe("");
      expect({ key, placeholders: placeholders(en[key]) }).toEqual({ key, placeholders: placeholders(nl[key]) });
    }
  });

  it("fill in placeholders and leave unknown ones visible", () => {
    expect(translate("nl", "login.locked", { minutes: 12 })).toBe(
      "Er is te vaak een verkeerd wachtwoord ingevuld. Probeer het over 12 minuten opnieuw.",
    );
    expect(translate("nl", "participant.home.title")).toBe("Welkom, {name}");
  });

  it("uses the generic Dutch sign-in error for a wrong email or password", () => {
    expect(translate("nl", "login.invalid")).toBe("Het e-mailadres of het wachtwoord klopt niet.");
  });

  it("writes dates in words, in the Amsterdam time zone", () => {
    expect(formatDate("nl", "2026-09-07")).toBe("7 september 2026");
    expect(formatDate("en", "2026-09-07")).toBe("7 September 2026");
    expect(formatDate("nl", "2026-12-31T23:30:00.000Z")).toBe("1 januari 2027");
  });
});
