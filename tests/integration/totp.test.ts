import { createHash } from "node:crypto";
import { totp } from "../../app/rules/totp";
import { attemptLogin } from "../../app/services/login.server";
import {
  answerLoginChallenge,
  challengeIsOpen,
  confirmTotpEnrolment,
  createLoginChallenge,
  disableTotp,
  mustEnrolTotp,
  recoveryCodesLeft,
  regenerateRecoveryCodes,
  restartTotp,
  setTotpRequired,
  startTotpEnrolment,
  totpRequired,
} from "../../app/services/totp.server";
import { createTestDb, type TestDb } from "../support/db";
import { FACTORY_PASSWORD, makeUser } from "../support/factories";
import { auditLines } from "../support/audit";

// scrypt is slow on purpose and the machine is shared.
jest.setTimeout(60_000);

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb("empty");
});
afterAll(() => t.close());

const at = (iso: string) => new Date(iso);
const reload = (id: number) => t.db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

describe("second factor (TOTP)", () => {
  it("is on only after a right code from the app, and logged", async () => {
    const examiner = await makeUser(t.db, { role: "examiner" });
    const now = at("2026-11-22T10:00:00Z");
    const secret = await startTotpEnrolment(t.db, examiner, now);
    expect((await reload(examiner.id)).totp_enabled_at).toBeNull();
    await expect(confirmTotpEnrolment(t.db, examiner, "000000", null, now)).rejects.toMatchObject({ messageKey: "totp.codeWrong", field: "code" });
    await confirmTotpEnrolment(t.db, examiner, totp(secret, now), "10.4.0.1", now);
    expect((await reload(examiner.id)).totp_enabled_at).toBe(now.toISOString());
    const log = await auditLines(t.db).select(["action", "ip"]).where("target_id", "=", String(examiner.id)).where("action", "like", "totp.%").execute();
    expect(log).toEqual([{ action: "totp.enable", ip: "10.4.0.1" }]);
  });

  it("is offered to trainers (who read POPs and intervisie records) and to participants too", async () => {
    for (const role of ["trainer", "participant"] as const) {
      const person = await makeUser(t.db, { role });
      const now = at("2026-11-22T10:30:00Z");
      const secret = await startTotpEnrolment(t.db, person, now);
      const codes = await confirmTotpEnrolment(t.db, person, totp(secret, now), null, now);
      expect(codes).toHaveLength(10);
      expect((await reload(person.id)).totp_enabled_at).toBe(now.toISOString());
      // and asked for at the next sign-in
      const t1 = at("2026-11-22T10:35:00Z");
      const token = await createLoginChallenge(t.db, person.id, t1);
      expect(await answerLoginChallenge(t.db, token, totp(secret, t1), null, t1)).toMatchObject({ ok: true, method: "totp", user: { id: person.id } });
    }
  });

  it("asks for the code after the password; a code works once, five wrong codes close the challenge", async () => {
    const coordinator = await makeUser(t.db, { role: "coordinator" });
    const t0 = at("2026-11-22T11:00:00Z");
    const secret = await startTotpEnrolment(t.db, coordinator, t0);
    await confirmTotpEnrolment(t.db, coordinator, totp(secret, t0), null, t0);

    const t1 = at("2026-11-22T11:05:00Z");
    const token = await createLoginChallenge(t.db, coordinator.id, t1);
    expect(await challengeIsOpen(t.db, token, t1)).toBe(true);
    expect(await answerLoginChallenge(t.db, token, "123456", null, t1)).toEqual({ ok: false, reason: "wrong" });
    const ok = await answerLoginChallenge(t.db, token, totp(secret, t1), null, t1);
    expect(ok).toMatchObject({ ok: true, user: { id: coordinator.id } });
    // the challenge is spent, and the same code does not work again
    expect(await answerLoginChallenge(t.db, token, totp(secret, t1), null, t1)).toEqual({ ok: false, reason: "closed" });
    const again = await createLoginChallenge(t.db, coordinator.id, t1);
    expect(await answerLoginChallenge(t.db, again, totp(secret, t1), null, t1)).toEqual({ ok: false, reason: "wrong" });

    const t2 = at("2026-11-22T12:00:00Z");
    const brute = await createLoginChallenge(t.db, coordinator.id, t2);
    for (let i = 0; i < 4; i++) expect(await answerLoginChallenge(t.db, brute, `00000${i}`, null, t2)).toEqual({ ok: false, reason: "wrong" });
    expect(await answerLoginChallenge(t.db, brute, "000009", null, t2)).toEqual({ ok: false, reason: "closed" });
    expect(await answerLoginChallenge(t.db, brute, totp(secret, t2), null, t2)).toEqual({ ok: false, reason: "closed" });

    const late = await createLoginChallenge(t.db, coordinator.id, t2);
    const t3 = at("2026-11-22T12:05:00Z");
    expect(await challengeIsOpen(t.db, late, t3)).toBe(false);
    expect(await answerLoginChallenge(t.db, late, totp(secret, t3), null, t3)).toEqual({ ok: false, reason: "closed" });
  });

  it("counts wrong codes as failed sign-ins, so the password step locks after five", async () => {
    const examiner = await makeUser(t.db, { role: "examiner" });
    const t0 = at("2026-11-23T09:00:00Z");
    const secret = await startTotpEnrolment(t.db, examiner, t0);
    await confirmTotpEnrolment(t.db, examiner, totp(secret, t0), null, t0);
    const t1 = at("2026-11-23T09:10:00Z");
    expect((await attemptLogin(t.db, { email: examiner.email, password: FACTORY_PASSWORD, ip: null, now: t1 })).ok).toBe(true);
    const challenge = await createLoginChallenge(t.db, examiner.id, t1);
    const wrong = totp(secret, t1) === "000000" ? "111111" : "000000";
    for (let i = 0; i < 5; i++) await answerLoginChallenge(t.db, challenge, wrong, null, t1);
    const next = await attemptLogin(t.db, { email: examiner.email, password: FACTORY_PASSWORD, ip: null, now: at("2026-11-23T09:11:00Z") });
    expect(next).toMatchObject({ ok: false, reason: "locked" });
  });

  it("can be required by the coordinator for coordinators, examiners and trainers, and then cannot be turned off", async () => {
    const coordinator = await makeUser(t.db, { role: "coordinator" });
    const examiner = await makeUser(t.db, { role: "examiner" });
    const trainer = await makeUser(t.db, { role: "trainer" });
    const participant = await makeUser(t.db);
    expect(await totpRequired(t.db)).toBe(false);
    await expect(setTotpRequired(t.db, trainer, true)).rejects.toMatchObject({ status: 403 });
    await setTotpRequired(t.db, coordinator, true);
    expect(await totpRequired(t.db)).toBe(true);
    expect(await mustEnrolTotp(t.db, examiner)).toBe(true);
    expect(await mustEnrolTotp(t.db, coordinator)).toBe(true);
    // Trainers read POPs and intervisie records: the setting covers them too; participants may choose.
    expect(await mustEnrolTotp(t.db, trainer)).toBe(true);
    expect(await mustEnrolTotp(t.db, participant)).toBe(false);

    const now = at("2026-11-22T13:00:00Z");
    const secret = await startTotpEnrolment(t.db, examiner, now);
    await confirmTotpEnrolment(t.db, examiner, totp(secret, now), null, now);
    expect(await mustEnrolTotp(t.db, await reload(examiner.id))).toBe(false);
    const later = at("2026-11-22T13:01:00Z");
    await expect(disableTotp(t.db, await reload(examiner.id), totp(secret, later), null, later)).rejects.toMatchObject({
      messageKey: "totp.requiredCannotDisable",
    });

    await setTotpRequired(t.db, coordinator, false);
    await expect(disableTotp(t.db, await reload(examiner.id), "000000", null, later)).rejects.toMatchObject({
      messageKey: "totp.codeOrRecoveryWrong",
      field: "code",
    });
    await disableTotp(t.db, await reload(examiner.id), totp(secret, later), null, later);
    expect(await reload(examiner.id)).toMatchObject({ totp_secret: null, totp_enabled_at: null });
    const actions = await t.db
      .selectFrom("audit_log")
      .select(["action", "outcome"])
      .where("action", "in", ["settings.totp_required", "totp.disable"])
      .orderBy("id")
      .execute();
    expect(actions.map((a) => `${a.action}:${a.outcome}`)).toEqual([
      "settings.totp_required:success",
      "settings.totp_required:success",
      "totp.disable:failure",
      "totp.disable:success",
    ]);
  });

  it("holds the five-code limit and the once-only rule when answers arrive all at once", async () => {
    const examiner = await makeUser(t.db, { role: "examiner" });
    const t0 = at("2026-11-24T09:00:00Z");
    const secret = await startTotpEnrolment(t.db, examiner, t0);
    await confirmTotpEnrolment(t.db, examiner, totp(secret, t0), null, t0);

    // Twenty guesses at one challenge in parallel: only five are counted and checked.
    const t1 = at("2026-11-24T09:10:00Z");
    const right = totp(secret, t1);
    const guesses = Array.from({ length: 20 }, (_, i) => String(100000 + i)).filter((g) => g !== right);
    const brute = await createLoginChallenge(t.db, examiner.id, t1);
    const answers = await Promise.all(guesses.map((g) => answerLoginChallenge(t.db, brute, g, null, t1)));
    expect(answers.filter((a) => !a.ok && a.reason === "wrong")).toHaveLength(4);
    expect(answers.every((a) => !a.ok)).toBe(true);
    const failures = await t.db.selectFrom("login_attempts").select("id").where("email", "=", examiner.email).where("succeeded", "=", 0).execute();
    expect(failures).toHaveLength(5);

    // One right code sent on two challenges at once signs in once.
    const t2 = at("2026-11-24T10:00:00Z");
    const [a, b] = [await createLoginChallenge(t.db, examiner.id, t2), await createLoginChallenge(t.db, examiner.id, t2)];
    const both = await Promise.all([answerLoginChallenge(t.db, a, totp(secret, t2), null, t2), answerLoginChallenge(t.db, b, totp(secret, t2), null, t2)]);
    expect(both.filter((x) => x.ok)).toHaveLength(1);
  });
});

describe("recovery codes", () => {
  /** A person of the role with the second factor on; returns the secret and the ten codes shown once. */
  async function withSecondFactor(role: "trainer" | "examiner" | "coordinator", day: string) {
    const person = await makeUser(t.db, { role });
    const now = at(`${day}T08:00:00Z`);
    const secret = await startTotpEnrolment(t.db, person, now);
    const codes = await confirmTotpEnrolment(t.db, person, totp(secret, now), null, now);
    return { person, secret, codes };
  }
  const signIn = async (userId: number, code: string, when: Date) =>
    answerLoginChallenge(t.db, await createLoginChallenge(t.db, userId, when), code, "10.9.0.1", when);

  it("are ten random codes, shown once and stored only as hashes", async () => {
    const { person, codes } = await withSecondFactor("trainer", "2026-11-25");
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-7]{16}$/);
    const rows = await t.db.selectFrom("totp_recovery_codes").selectAll().where("user_id", "=", person.id).execute();
    expect(rows).toHaveLength(10);
    const stored = JSON.stringify(rows).toUpperCase();
    for (const code of codes) expect(stored).not.toContain(code.toUpperCase());
    expect(rows.map((r) => r.code_hash).sort()).toEqual(codes.map((c) => createHash("sha256").update(c.toUpperCase()).digest("hex")).sort());
    // Another person's enrolment makes other codes.
    const other = await withSecondFactor("trainer", "2026-11-25");
    expect(other.codes.filter((c) => codes.includes(c))).toEqual([]);
  });

  it("each work once at the sign-in step instead of a code from the app, and are logged", async () => {
    const { person, codes } = await withSecondFactor("trainer", "2026-11-26");
    const t1 = at("2026-11-26T09:00:00Z");
    expect(await signIn(person.id, codes[0], t1)).toMatchObject({ ok: true, method: "recovery", user: { id: person.id } });
    expect(await recoveryCodesLeft(t.db, person.id)).toBe(9);
    // the same code a second time: refused, and counted as a wrong code
    expect(await signIn(person.id, codes[0], at("2026-11-26T09:01:00Z"))).toEqual({ ok: false, reason: "wrong" });
    // typed in capitals, in groups, with spaces: still the same code
    const typed = codes[1].toUpperCase().replace(/(.{4})(?=.)/g, "$1 - ");
    expect(await signIn(person.id, typed, at("2026-11-26T09:02:00Z"))).toMatchObject({ ok: true, method: "recovery" });
    expect(await recoveryCodesLeft(t.db, person.id)).toBe(8);
    const log = await auditLines(t.db)
      .select(["action", "outcome", "details", "ip"])
      .where("target_id", "=", String(person.id))
      .where("action", "=", "auth.recovery_code")
      .orderBy("id")
      .execute();
    expect(log).toEqual([
      { action: "auth.recovery_code", outcome: "success", details: JSON.stringify({ left: 9 }), ip: "10.9.0.1" },
      { action: "auth.recovery_code", outcome: "failure", details: null, ip: "10.9.0.1" },
      { action: "auth.recovery_code", outcome: "success", details: JSON.stringify({ left: 8 }), ip: "10.9.0.1" },
    ]);
    // Someone else's code does not work for this person.
    const other = await withSecondFactor("examiner", "2026-11-26");
    expect(await signIn(person.id, other.codes[0], at("2026-11-26T09:03:00Z"))).toEqual({ ok: false, reason: "wrong" });
  });

  it("count against the same five attempts and the same lock-out as codes from the app", async () => {
    const { person, codes } = await withSecondFactor("examiner", "2026-11-27");
    const t1 = at("2026-11-27T09:00:00Z");
    const challenge = await createLoginChallenge(t.db, person.id, t1);
    const wrong = ["aaaa-aaaa-aaaa-aaaa", "bbbb-bbbb-bbbb-bbbb", "cccc-cccc-cccc-cccc", "dddd-dddd-dddd-dddd"];
    for (const code of wrong) expect(await answerLoginChallenge(t.db, challenge, code, null, t1)).toEqual({ ok: false, reason: "wrong" });
    expect(await answerLoginChallenge(t.db, challenge, "eeee-eeee-eeee-eeee", null, t1)).toEqual({ ok: false, reason: "closed" });
    // a right recovery code on the closed challenge does nothing and is not spent
    expect(await answerLoginChallenge(t.db, challenge, codes[0], null, t1)).toEqual({ ok: false, reason: "closed" });
    expect(await recoveryCodesLeft(t.db, person.id)).toBe(10);
    const next = await attemptLogin(t.db, { email: person.email, password: FACTORY_PASSWORD, ip: null, now: at("2026-11-27T09:01:00Z") });
    expect(next).toMatchObject({ ok: false, reason: "locked" });
  });

  it("one code sent on two challenges at once signs in once", async () => {
    const { person, codes } = await withSecondFactor("coordinator", "2026-11-28");
    const t1 = at("2026-11-28T09:00:00Z");
    const [a, b] = [await createLoginChallenge(t.db, person.id, t1), await createLoginChallenge(t.db, person.id, t1)];
    const both = await Promise.all([answerLoginChallenge(t.db, a, codes[3], null, t1), answerLoginChallenge(t.db, b, codes[3], null, t1)]);
    expect(both.filter((x) => x.ok)).toHaveLength(1);
    expect(await recoveryCodesLeft(t.db, person.id)).toBe(9);
  });

  it("can be made anew with a code from the app; every earlier code stops working", async () => {
    const { person, secret, codes } = await withSecondFactor("trainer", "2026-11-29");
    const t1 = at("2026-11-29T09:00:00Z");
    await expect(regenerateRecoveryCodes(t.db, await reload(person.id), "000000", null, t1)).rejects.toMatchObject({
      messageKey: "totp.codeOrRecoveryWrong",
      field: "code",
    });
    const fresh = await regenerateRecoveryCodes(t.db, await reload(person.id), totp(secret, t1), "10.9.0.2", t1);
    expect(fresh).toHaveLength(10);
    expect(fresh.filter((c) => codes.includes(c))).toEqual([]);
    expect(await recoveryCodesLeft(t.db, person.id)).toBe(10);
    // an old, never used code no longer works; a new one does
    expect(await signIn(person.id, codes[5], at("2026-11-29T09:05:00Z"))).toEqual({ ok: false, reason: "wrong" });
    expect(await signIn(person.id, fresh[5], at("2026-11-29T09:06:00Z"))).toMatchObject({ ok: true, method: "recovery" });
    const log = await t.db
      .selectFrom("audit_log")
      .select(["action", "outcome", "details"])
      .where("target_id", "=", String(person.id))
      .where("action", "=", "totp.recovery_codes")
      .orderBy("id")
      .execute();
    expect(log).toEqual([
      { action: "totp.recovery_codes", outcome: "failure", details: null },
      { action: "totp.recovery_codes", outcome: "success", details: JSON.stringify({ provedWith: "totp" }) },
    ]);
  });

  it("let someone who lost their phone set up a new one without a coordinator, also while it is required", async () => {
    const coordinator = await makeUser(t.db, { role: "coordinator" });
    const { person, codes } = await withSecondFactor("trainer", "2026-11-30");
    await setTotpRequired(t.db, coordinator, true);
    try {
      // Phone gone: sign in with a recovery code, then start again with another one.
      const t1 = at("2026-11-30T09:00:00Z");
      expect(await signIn(person.id, codes[0], t1)).toMatchObject({ ok: true });
      await expect(restartTotp(t.db, await reload(person.id), codes[0], null, t1)).rejects.toMatchObject({ messageKey: "totp.codeOrRecoveryWrong" });
      const secret = await restartTotp(t.db, await reload(person.id), codes[1], null, t1);
      const after = await reload(person.id);
      expect(after).toMatchObject({ totp_secret: secret, totp_enabled_at: null });
      expect(await recoveryCodesLeft(t.db, person.id)).toBe(0);
      // Required for trainers: until the new phone works, only the account page is open.
      expect(await mustEnrolTotp(t.db, after)).toBe(true);
      const t2 = at("2026-11-30T09:02:00Z");
      const fresh = await confirmTotpEnrolment(t.db, after, totp(secret, t2), null, t2);
      expect(fresh).toHaveLength(10);
      expect(await mustEnrolTotp(t.db, await reload(person.id))).toBe(false);
      const log = await t.db
        .selectFrom("audit_log")
        .select("action")
        .where("target_id", "=", String(person.id))
        .where("action", "like", "totp.%")
        .where("outcome", "=", "success")
        .orderBy("id")
        .execute();
      expect(log.map((l) => l.action)).toEqual(["totp.enable", "totp.restart", "totp.enable"]);
    } finally {
      await setTotpRequired(t.db, coordinator, false);
    }
  });
});
