import { checkPasswordStrength, userInputsFor } from "../../app/rules/password-strength";

const esther = { name: "Esther de Groot", email: "esther.degroot@voorbeeld.test" };

describe("password strength: common and guessable passwords are refused", () => {
  it.each([
    ["welkom123456", "common"],
    ["password1234", "common"],
    ["P@ssw0rd12345", "common"],
    ["Wachtwoord2024!", "common"],
    ["qwertyuiop12", "common"],
    ["iloveyou1234!", "common"],
    ["111111111111", "guessable"],
    ["abcdefghijkl", "guessable"],
  ])("refuses %s (%s)", (password, reason) => {
    expect(checkPasswordStrength(password, esther)).toEqual({ ok: false, reason });
  });

  it("refuses the person's own e-mail, name and the name of the course", () => {
    expect(checkPasswordStrength("esther.degroot@voorbeeld.test", esther)).toEqual({ ok: false, reason: "personal" });
    expect(checkPasswordStrength("EstherdeGroot1", esther)).toEqual({ ok: false, reason: "personal" });
    expect(checkPasswordStrength("leerlijn2026!!", esther)).toEqual({ ok: false, reason: "personal" });
    expect(checkPasswordStrength("Buurtteam-2026", esther)).toEqual({ ok: false, reason: "personal" });
  });

  it("only calls the name personal for that person", () => {
    // Someone else may have a name-like word in a long passphrase.
    expect(checkPasswordStrength("groot huis aan de amstel", { name: "Piet Jansen", email: "piet@voorbeeld.test" })).toEqual({ ok: true });
  });

  it.each(["paardenbloem-regen-fiets-7", "Lente in Amsterdam is mooi", "mijn nieuwe wachtwoord", "kX9#vQ2m!Lp7zR"])("accepts %s", (password) => {
    expect(checkPasswordStrength(password, esther)).toEqual({ ok: true });
  });

  it("judges a very long passphrase quickly", () => {
    const long = "de fiets staat bij de bakker op de hoek van de straat ".repeat(5);
    const started = Date.now();
    expect(checkPasswordStrength(long, esther)).toEqual({ ok: true });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("builds the person's words from name and e-mail", () => {
    expect(userInputsFor(esther)).toEqual(
      expect.arrayContaining([
        "leerlijn",
        "buurtteam",
        "esther de groot",
        "esther",
        "groot",
        "esther.degroot@voorbeeld.test",
        "esther.degroot",
        "degroot",
        "voorbeeld",
      ]),
    );
    expect(userInputsFor(esther)).not.toContain("de");
  });
});
