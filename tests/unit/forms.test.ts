import { loginSchema, newPasswordSchema } from "../../app/forms/auth";
import { cohortSchema } from "../../app/forms/cohort";
import { countUrlencodedFields, formDataToObject, MAX_FORM_FIELDS, parseForm, readForm } from "../../app/forms/parse.server";
import { invitePersonSchema } from "../../app/forms/people";
import { practiceEntrySchema } from "../../app/forms/practice";
import { signatoriesSchema } from "../../app/forms/signatories";
import { codeFrom } from "../../app/forms/verify";
import { isMessageKey } from "../../app/i18n/translate";
import { csvDate } from "../../app/rules/csv";
import { isCalendarDate } from "../../app/rules/dates";

function fd(entries: [string, string][]): FormData {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
}

describe("form schemas (shared by browser and server)", () => {
  it("log-in: needs a valid email and a password", () => {
    const bad = parseForm(
      loginSchema,
      fd([
        ["email", "geen-email"],
        ["password", ""],
      ]),
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.fieldErrors).toEqual({ email: "form.email.invalid", password: "form.password.required" });
      expect(bad.values.password).toBe("");
    }
    const good = parseForm(
      loginSchema,
      fd([
        ["email", " Trainer@Leerlijn.test "],
        ["password", "x"],
      ]),
    );
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
    const r = parseForm(
      newPasswordSchema,
      fd([
        ["password", "kort"],
        ["confirm", "anders"],
      ]),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.values).toEqual({ password: "", confirm: "" });
  });

  it("cohort: end after start, ids as numbers, checkbox groups of any size", () => {
    const base: [string, string][] = [
      ["name", "Groep A"],
      ["startDate", "2027-01-10"],
      ["leerlijnVersionId", "1"],
    ];
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
    const r = parseForm(
      invitePersonSchema,
      fd([
        ["name", "Nieuwe Deelnemer"],
        ["email", "n@voorbeeld.nl"],
        ["role", "admin"],
      ]),
    );
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
    expect(
      formDataToObject(
        fd([
          ["a", "1"],
          ["b", "2"],
          ["b", "3"],
        ]),
      ),
    ).toEqual({ a: "1", b: ["2", "3"] });
  });
});

describe("reading a form (readForm, formDataToObject)", () => {
  const urlencoded = (body: string) =>
    new Request("http://localhost/bevestigen/x", { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body });

  it("refuses 40,000 fields with a 413 before parsing them, within 100 ms", async () => {
    const body = Array.from({ length: 40_000 }, (_, i) => `k${i}=1`).join("&");
    const started = performance.now();
    const thrown = await readForm(urlencoded(body)).then(
      () => null,
      (e: unknown) => e,
    );
    const elapsed = performance.now() - started;
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(413);
    expect(elapsed).toBeLessThan(100);
  });

  it("counts fields by their separators, and takes exactly the cap", async () => {
    expect(countUrlencodedFields("")).toBe(0);
    expect(countUrlencodedFields("a=1")).toBe(1);
    expect(countUrlencodedFields("a=1&b=2&a=3")).toBe(3);
    const atCap = Array.from({ length: MAX_FORM_FIELDS }, (_, i) => `k${i}=${i}`).join("&");
    const form = await readForm(urlencoded(atCap));
    expect(form.get("k999")).toBe("999");
    await expect(readForm(urlencoded(`${atCap}&one=more`))).rejects.toMatchObject({ status: 413 });
    // The same cap holds for a FormData that did not come through readForm.
    const big = new FormData();
    for (let i = 0; i <= MAX_FORM_FIELDS; i++) big.append(`k${i}`, "1");
    expect(() => formDataToObject(big)).toThrow(Response);
  });

  it("keeps repeated keys as arrays in order, a key with only files as '', and __proto__ as a plain field", async () => {
    const form = await readForm(urlencoded("ids=3&naam=An&ids=1&ids=2&__proto__=x&leeg="));
    const values = formDataToObject(form);
    expect(values).toEqual({ ids: ["3", "1", "2"], naam: "An", leeg: "", ["__proto__"]: "x" });
    expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(values, "__proto__")).toBe(true);
    const withFile = new FormData();
    withFile.append("bijlage", new Blob(["x"]), "a.txt");
    withFile.append("naam", "An");
    expect(formDataToObject(withFile)).toEqual({ bijlage: "", naam: "An" });
  });
});

describe("calendar dates (one check for every form, template and export)", () => {
  it("refuses days that do not exist instead of rolling them over", () => {
    for (const bad of ["2026-11-31", "2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-1-05", "05-11-2026", "2026-11-05T00:00", ""]) {
      expect({ bad, ok: isCalendarDate(bad) }).toEqual({ bad, ok: false });
    }
    for (const good of ["2026-11-30", "2024-02-29", "2026-12-31", "2027-01-01"]) expect(isCalendarDate(good)).toBe(true);
  });

  it("refuses 2026-11-31 on a practice entry (it became 1 December and passed the 12-hours-a-day limit)", () => {
    const entry = (date: string) =>
      fd([
        ["date", date],
        ["hours", "12"],
        ["activity", "gesprek"],
        ["description", "Gesprek met bewoner."],
        ["reflection", "Ik leerde iets."],
      ]);
    const bad = parseForm(practiceEntrySchema, entry("2026-11-31"));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.fieldErrors.date).toBe("form.date.invalid");
    expect(parseForm(practiceEntrySchema, entry("2026-11-30")).ok).toBe(true);
  });

  it("writes an export's date cell for any stored value instead of failing", () => {
    expect(csvDate("2026-09-07")).toBe("07-09-2026");
    expect(csvDate("2026-11-31")).toBe("2026-11-31");
    expect(csvDate("onzin")).toBe("onzin");
    expect(csvDate(null)).toBe("");
    expect(csvDate("2026-09-07T08:00:00.000Z")).toBe("07-09-2026");
  });
});

describe("a typed verification code", () => {
  it("takes the code from a pasted address, and a stray % stays as typed instead of failing", () => {
    expect(codeFrom("  https://leerlijn.example/verify/abc%2Ddef?x=1 ")).toBe("abc-def");
    expect(codeFrom("abc%")).toBe("abc%");
    expect(codeFrom("https://leerlijn.example/verify/%E0%A4%A")).toBe("%E0%A4%A");
  });
});

describe("the certificate signatories form (issue 24, point 14)", () => {
  const form = (entries: Record<string, string>) => parseForm(signatoriesSchema, fd(Object.entries(entries)));

  it("gives the filled-in rows in order, trimmed, leaving empty rows out", () => {
    const ok = form({ name1: " J. Voorbeeld ", role1: "Directeur", name2: "", role2: "", name3: "A. Fictief", role3: "Coördinator" });
    expect(ok).toEqual({
      ok: true,
      data: [
        { name: "J. Voorbeeld", role: "Directeur" },
        { name: "A. Fictief", role: "Coördinator" },
      ],
    });
  });

  it("needs at least one signatory, a function with every name and a name with every function, within the length limits", () => {
    expect(form({ name1: "", role1: "" })).toMatchObject({ ok: false, fieldErrors: { name1: "signatories.none" } });
    expect(form({ name1: "J. Voorbeeld", role1: "" })).toMatchObject({ ok: false, fieldErrors: { role1: "signatories.role.required" } });
    expect(form({ name1: "J. Voorbeeld", role1: "Directeur", role2: "Secretaris" })).toMatchObject({
      ok: false,
      fieldErrors: { name2: "signatories.name.required" },
    });
    expect(form({ name1: "x".repeat(81), role1: "Directeur" })).toMatchObject({ ok: false, fieldErrors: { name1: "signatories.name.tooLong" } });
    expect(form({ name1: "J. Voorbeeld", role1: "x".repeat(121) })).toMatchObject({ ok: false, fieldErrors: { role1: "signatories.role.tooLong" } });
    // a fourth row does not exist: extra fields are ignored
    const three = form({ name1: "a", role1: "b", name2: "c", role2: "d", name3: "e", role3: "f", name4: "g", role4: "h" });
    expect(three.ok && three.data).toHaveLength(3);
    for (const key of ["signatories.none", "signatories.role.required", "signatories.name.required", "signatories.name.tooLong", "signatories.role.tooLong"])
      expect(isMessageKey(key)).toBe(true);
  });
});
