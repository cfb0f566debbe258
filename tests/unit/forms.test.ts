import { loginSchema, newPasswordSchema } from "../../app/forms/auth";
import { cohortSchema } from "../../app/forms/cohort";
import { formDataToObject, parseForm } from "../../app/forms/parse.server";
import { invitePersonSchema } from "../../app/forms/people";
import { isMessageKey } from "../../app/i18n/translate";

function fd(entries: [string, string][]): FormData {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
}

describe("form schemas (shared by browser and server)", () => {
  it("log-in: needs a valid email and a password", () => {
    const bad = parseForm(loginSchema, fd([["email", "geen-email"], ["password", ""]]));
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.fieldErrors).toEqual({ email: "form.email.invalid", password: "form.password.required" });
      expect(bad.values.password).toBe("");
    }
    const good = parseForm(loginSchema, fd([["email", " Trainer@Leerlijn.test "], ["password", "x"]]));
    expect(good).toEqual({ ok: true, data: { email: "Trainer@Leerlijn.test", password: "x" } });
  });

  it("new password: at least 12 characters and typed twice the same", () => {
    const short = newPasswordSchema.safeParse({ password: "kort", confirm: "kort" });
    expect(short.success).toBe(false);
    expect(short.error?.issues[0].message).toBe("form.password.tooShort");
    const mismatch = newPasswordSchema.safeParse({ password: "twaalf-tekens!", confirm: "twaalf-tekens?" });
    expect(mismatch.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["confirm", "form.password.mismatch"]]);
    expect(newPasswordSchema.safeParse({ password: "twaalf-tekens!", confirm: "twaalf-tekens!" }).success).toBe(true);
  });

  it("never echoes a password back in the values", () => {
    const r = parseForm(newPasswordSchema, fd([["password", "kort"], ["confirm", "anders"]]));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.values).toEqual({ password: "", confirm: "" });
  });

  it("cohort: end after start, ids as numbers, checkbox groups of any size", () => {
    const base: [string, string][] = [["name", "Groep A"], ["startDate", "2027-01-10"], ["leerlijnVersionId", "1"]];
    const before = parseForm(cohortSchema, fd([...base, ["endDate", "2027-01-09"]]));
    expect(!before.ok && before.fieldErrors.endDate).toBe("cohort.endBeforeStart");
    const none = parseForm(cohortSchema, fd([...base, ["endDate", "2027-06-01"]]));
    expect(none.ok && none.data.trainerIds).toEqual([]);
    const one = parseForm(cohortSchema, fd([...base, ["endDate", "2027-06-01"], ["trainerIds", "4"]]));
    expect(one.ok && one.data).toEqual({ name: "Groep A", startDate: "2027-01-10", endDate: "2027-06-01", leerlijnVersionId: 1, trainerIds: [4] });
    const two = parseForm(cohortSchema, fd([...base, ["endDate", "2027-06-01"], ["trainerIds", "4"], ["trainerIds", "7"]]));
    expect(two.ok && two.data.trainerIds).toEqual([4, 7]);
    const evil = parseForm(cohortSchema, fd([...base, ["endDate", "2027-06-01"], ["trainerIds", "1 OR 1=1"]]));
    expect(evil.ok).toBe(false);
  });

  it("invite: a known role; an unknown role is refused with a Dutch key", () => {
    const r = parseForm(invitePersonSchema, fd([["name", "Nieuwe Deelnemer"], ["email", "n@voorbeeld.nl"], ["role", "admin"]]));
    expect(!r.ok && r.fieldErrors.role).toBe("form.role.invalid");
  });

  it("every error message a schema can give is a dictionary key", () => {
    const results = [
      loginSchema.safeParse({}),
      newPasswordSchema.safeParse({}),
      cohortSchema.safeParse({ name: "", startDate: "x", endDate: "y", leerlijnVersionId: "z" }),
      invitePersonSchema.safeParse({ name: "", email: "", role: "" }),
    ];
    for (const r of results) for (const issue of r.error?.issues ?? []) expect(isMessageKey(issue.message)).toBe(true);
  });

  it("turns repeated keys into arrays", () => {
    expect(formDataToObject(fd([["a", "1"], ["b", "2"], ["b", "3"]]))).toEqual({ a: "1", b: ["2", "3"] });
  });
});
