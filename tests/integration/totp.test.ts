import { totp } from "../../app/rules/totp";
import { attemptLogin } from "../../app/services/login.server";
import {
  answerLoginChallenge,
  challengeIsOpen,
  confirmTotpEnrolment,
  createLoginChallenge,
  disableTotp,
  mustEnrolTotp,
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

  it("is not offered to participants and trainers", async () => {
    const participant = await makeUser(t.db);
    await expect(startTotpEnrolment(t.db, participant)).rejects.toMatchObject({ status: 403 });
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

  it("can be required by the coordinator for coordinators and examiners, and then cannot be turned off", async () => {
    const coordinator = await makeUser(t.db, { role: "coordinator" });
    const examiner = await makeUser(t.db, { role: "examiner" });
    const trainer = await makeUser(t.db, { role: "trainer" });
    expect(await totpRequired(t.db)).toBe(false);
    await expect(setTotpRequired(t.db, trainer, true)).rejects.toMatchObject({ status: 403 });
    await setTotpRequired(t.db, coordinator, true);
    expect(await totpRequired(t.db)).toBe(true);
    expect(await mustEnrolTotp(t.db, examiner)).toBe(true);
    expect(await mustEnrolTotp(t.db, trainer)).toBe(false);

    const now = at("2026-11-22T13:00:00Z");
    const secret = await startTotpEnrolment(t.db, examiner, now);
    await confirmTotpEnrolment(t.db, examiner, totp(secret, now), null, now);
    expect(await mustEnrolTotp(t.db, await reload(examiner.id))).toBe(false);
    const later = at("2026-11-22T13:01:00Z");
    await expect(disableTotp(t.db, await reload(examiner.id), totp(secret, later), null, later)).rejects.toMatchObject({ messageKey: "totp.requiredCannotDisable" });

    await setTotpRequired(t.db, coordinator, false);
    await expect(disableTotp(t.db, await reload(examiner.id), "000000", null, later)).rejects.toMatchObject({ messageKey: "totp.codeWrong" });
    await disableTotp(t.db, await reload(examiner.id), totp(secret, later), null, later);
    expect(await reload(examiner.id)).toMatchObject({ totp_secret: null, totp_enabled_at: null });
    const actions = await t.db.selectFrom("audit_log").select("action").where("action", "in", ["settings.totp_required", "totp.disable"]).execute();
    expect(actions.map((a) => a.action)).toEqual(["settings.totp_required", "settings.totp_required", "totp.disable"]);
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
