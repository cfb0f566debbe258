import { nameField, personNameField } from "../../app/forms/fields";
import { charactersOutsideNameScripts, hiddenCharacters, isRightToLeftName, normaliseName } from "../../app/rules/names";

/** Names of people (issue 24, point 9): one rule in the forms, client and server alike. */

const errorOf = (schema: { safeParse: (v: unknown) => { success: boolean; error?: { issues: { message: string }[] } } }, value: string) => {
  const r = schema.safeParse(value);
  return r.success ? null : r.error!.issues[0]!.message;
};

describe("names", () => {
  it("are normalised: NFC, one space between words, none at the ends", () => {
    expect(normaliseName("  Jose\u0301   de\u00a0 Vries ")).toBe("José de Vries");
    expect(personNameField.parse("Jose\u0301 de Vries")).toBe("José de Vries");
    expect(personNameField.parse("José de Vries")).toBe(personNameField.parse("Jose\u0301 de Vries"));
  });

  it("refuse hidden characters: bidi overrides and isolates, zero-width characters, control characters", () => {
    for (const [name, hidden] of [
      ["Anna\u202Eaksel", "U+202E"],
      ["Anna\u2066Bakker", "U+2066"],
      ["Ann\u200Ba", "U+200B"],
      ["Ann\u200Da", "U+200D"],
      ["\uFEFFAnna", "U+FEFF"],
      ["Anna\u0007", "U+0007"],
      ["Anna\u00ADBakker", "U+00AD"],
    ] as const) {
      expect(hiddenCharacters(name)).toEqual([hidden]);
      expect(errorOf(nameField, name)).toBe("form.name.hidden");
      expect(errorOf(personNameField, name)).toBe("form.name.hidden");
    }
  });

  it("accept the scripts people in Amsterdam write their names in", () => {
    for (const name of [
      "Şükrü Ağaoğlu İnce",
      "Łukasz Żółć-Wójcik",
      "Zoë van 't Hof",
      "O’Brien",
      "محمد علي",
      "Олена Шевченко",
      "Νίκος Παπαδόπουλος",
      "ⵜⴰⵎⴰⵣⵉⵖⵜ ⵎⵓⵃⵏⴷ",
      "Ngô Bảo Châu",
    ]) {
      expect({ name, error: errorOf(personNameField, name) }).toEqual({ name, error: null });
    }
  });

  it("refuse for a person's name what the certificate cannot print, and say so", () => {
    expect(charactersOutsideNameScripts("Anna 😀")).toEqual(["😀"]);
    expect(errorOf(personNameField, "Anna 😀")).toBe("form.name.script");
    expect(errorOf(personNameField, "王小明")).toBe("form.name.script");
    expect(errorOf(personNameField, "Anna <b>")).toBe("form.name.script");
    // A group's name is no person's name: there only hidden characters are refused.
    expect(errorOf(nameField, "Groep 2026-1 (dinsdag)")).toBeNull();
  });

  it("know a name written right to left", () => {
    expect(isRightToLeftName("محمد علي")).toBe(true);
    expect(isRightToLeftName("Mohammed محمد")).toBe(false);
    expect(isRightToLeftName("Anna Bakker")).toBe(false);
  });
});
