import { Migrator, sql } from "kysely";
import { sessionCookie } from "../../app/auth.server";
import { setDb } from "../../app/db.server";
import { action as homeAction, loader as homeLoader } from "../../app/routes/deelnemer.digitaal-certificaat";
import { loader as publicCredentialLoader } from "../../app/routes/verify.$code_.credential[.]json";
import { loader as verifyPageLoader } from "../../app/routes/verify.$code";
import { setCredentialNameChoice } from "../../app/services/credentials/access.server";
import { checkCredential, credentialJsonFor, identityHash } from "../../app/services/credentials/open-badge.server";
import { createSession } from "../../app/services/sessions.server";
import { migrateToLatest } from "../../db/connect";
import { migrations } from "../../db/migrations";
import { createTestDb, type TestDb } from "../support/db";
import { userByEmail } from "../support/factories";
import { independentVerify } from "../support/independent-verifier";

/*
 * Issue 30, point 1: the participant chooses whether their name is in the digital certificate
 * (docs/decisions/021-open-badges.md). Through the real route action of /deelnemer/digitaal-certificaat, the real
 * queries, and the independent verifier (not the app's own check).
 */

// The route's loader and action are called here; its component (and the UI library) is not rendered.
jest.mock("@utrecht/component-library-react", () => ({}), { virtual: true });

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb("demo");
  setDb(t.db);
});
afterAll(() => t.close());

const OWNER = "deelnemer15@leerlijn.test";

async function certificate() {
  const u = await userByEmail(t.db, OWNER);
  return t.db.selectFrom("certificates").selectAll().where("participant_id", "=", u.id).orderBy("id", "desc").executeTakeFirstOrThrow();
}

async function cookieOf(email: string): Promise<string> {
  const user = await userByEmail(t.db, email);
  const { token } = await createSession(t.db, user.id);
  return (await sessionCookie.serialize(token)).split(";")[0]!;
}

/** The form on /deelnemer/digitaal-certificaat as the browser sends it (without JavaScript). */
async function choose(email: string, certificateId: number, showName: "ja" | "nee"): Promise<Response> {
  const request = new Request("http://localhost/deelnemer/digitaal-certificaat", {
    method: "POST",
    headers: { Cookie: await cookieOf(email), "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ intent: "credential-name", certificateId: String(certificateId), showName }).toString(),
  });
  try {
    return (await homeAction({ request, params: {}, context: {} } as never)) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

async function rowsOf(certificateId: number) {
  return t.db.selectFrom("open_badge_credentials").selectAll().where("certificate_id", "=", certificateId).orderBy("id").execute();
}

describe("the participant's choice: my name in the digital certificate", () => {
  it("no: a new credential without the name, still with the identity hash, verifies; the earlier one is revoked in the list", async () => {
    const cert = await certificate();
    const base = (JSON.parse(cert.snapshot) as { verifyUrl: string }).verifyUrl.replace(/\/verify\/.*$/, "");
    const firstJson = (await credentialJsonFor(t.db, cert.id))!;
    const first = JSON.parse(firstJson);
    expect(first.credentialSubject.name).toBe(cert.participant_name);
    // The public page's check of the first credential (kept per process): not revoked.
    const pageBefore = (await verifyPageLoader({
      request: new Request(`${base}/verify/${cert.verification_code}`),
      params: { code: cert.verification_code },
      context: {},
    } as never)) as { credential: { signatureValid: boolean; revoked: boolean | null } };
    expect(pageBefore.credential).toEqual({ signatureValid: true, revoked: false });

    const answer = await choose(OWNER, cert.id, "nee");
    expect(answer.status).toBe(302);
    expect(answer.headers.get("Location")).toBe("/deelnemer/digitaal-certificaat?klaar=naam#credential-name");

    const json = (await credentialJsonFor(t.db, cert.id))!;
    const fresh = JSON.parse(json);
    expect(fresh.id).not.toBe(first.id);
    expect(fresh.credentialSubject).not.toHaveProperty("name");
    expect(json).not.toContain(cert.participant_name!);
    const [identity] = fresh.credentialSubject.identifier;
    expect(identity).toMatchObject({ type: "IdentityObject", identityType: "emailAddress", hashed: true });
    expect(identity.identityHash).toBe(identityHash(OWNER, identity.salt));
    expect(fresh.credentialStatus.statusListIndex).not.toBe(first.credentialStatus.statusListIndex);

    const now = await independentVerify(fresh, base);
    expect(now.error ? [now.error.message, ...(now.error.errors ?? []).map((e) => e.message)] : undefined).toBeUndefined();
    expect(now.verified).toBe(true);
    expect(now.statusResult).toMatchObject({ verified: true, results: [{ verified: true, status: false }] });
    // The earlier credential: still signed by us, but revoked in the status list.
    const earlier = await independentVerify(first, base);
    expect(earlier.results?.every((r) => r.verified)).toBe(true);
    expect(earlier.statusResult).toMatchObject({ verified: true, results: [{ verified: true, status: true }] });
    expect((await checkCredential(t.db, first, [base])).verdict).toBe("ingetrokken");

    // Both rows are kept: the earlier one marked replaced.
    const rows = await rowsOf(cert.id);
    expect(rows.map((r) => [r.show_name, r.replaced_at !== null])).toEqual([
      [1, true],
      [0, false],
    ]);
    // The public download and the verify page serve the current one (the page's kept check is not reused).
    const download = await publicCredentialLoader({
      request: new Request(`${base}/verify/${cert.verification_code}/credential.json`),
      params: { code: cert.verification_code },
      context: {},
    } as never);
    expect(await download.text()).toBe(json);
    const pageAfter = (await verifyPageLoader({
      request: new Request(`${base}/verify/${cert.verification_code}`),
      params: { code: cert.verification_code },
      context: {},
    } as never)) as { credential: { signatureValid: boolean; revoked: boolean | null } };
    expect(pageAfter.credential).toEqual({ signatureValid: true, revoked: false });

    // The stored PDF keeps the credential it was issued with.
    expect((await certificate()).pdf_sha256).toBe(cert.pdf_sha256);

    // Audited, without the name.
    const line = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "credential.name.choose")
      .where("outcome", "=", "success")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(line.details!)).toEqual({
      showName: false,
      statusIndex: Number(fresh.credentialStatus.statusListIndex),
      replacedStatusIndex: Number(first.credentialStatus.statusListIndex),
    });
    expect(line.details).not.toContain(cert.participant_name!);

    // The page shows the choice as it is now.
    const page = (await homeLoader({
      request: new Request("http://localhost/deelnemer/digitaal-certificaat?klaar=naam", { headers: { Cookie: await cookieOf(OWNER) } }),
      params: {},
      context: {},
    } as never)) as { certificate: { showsName: boolean }; saved: boolean };
    expect(page.certificate.showsName).toBe(false);
    expect(page.saved).toBe(true);
  });

  it("the same choice again signs nothing new; yes again gives a credential with the name, and revokes the one without", async () => {
    const cert = await certificate();
    const base = (JSON.parse(cert.snapshot) as { verifyUrl: string }).verifyUrl.replace(/\/verify\/.*$/, "");
    const before = await rowsOf(cert.id);
    expect((await choose(OWNER, cert.id, "nee")).status).toBe(302);
    expect(await rowsOf(cert.id)).toEqual(before);

    const nameless = JSON.parse((await credentialJsonFor(t.db, cert.id))!);
    expect((await choose(OWNER, cert.id, "ja")).status).toBe(302);
    const named = JSON.parse((await credentialJsonFor(t.db, cert.id))!);
    expect(named.credentialSubject.name).toBe(cert.participant_name);
    expect(named.id).not.toBe(nameless.id);
    const result = await independentVerify(named, base);
    expect(result.verified).toBe(true);
    expect(result.statusResult).toMatchObject({ results: [{ status: false }] });
    expect((await independentVerify(nameless, base)).statusResult).toMatchObject({ verified: true, results: [{ verified: true, status: true }] });
    expect((await rowsOf(cert.id)).map((r) => [r.show_name, r.replaced_at !== null])).toEqual([
      [1, true],
      [0, true],
      [1, false],
    ]);
  });

  it("another participant cannot change it: refused (404), audited, nothing signed", async () => {
    const cert = await certificate();
    const before = await rowsOf(cert.id);
    const answer = await choose("deelnemer1@leerlijn.test", cert.id, "nee");
    expect(answer.status).toBe(404);
    expect(await rowsOf(cert.id)).toEqual(before);
    const other = await userByEmail(t.db, "deelnemer1@leerlijn.test");
    const refused = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "credential.name.choose")
      .where("actor_id", "=", other.id)
      .executeTakeFirstOrThrow();
    expect(refused.outcome).toBe("denied");
    // Nor staff: the choice is the participant's own.
    const coordinator = await userByEmail(t.db, "coordinator@leerlijn.test");
    expect(await setCredentialNameChoice(t.db, coordinator, cert.id, false, null)).toBe("denied");
    expect(await rowsOf(cert.id)).toEqual(before);
  });

  it("a wrong form is refused with the field's message; a revoked certificate cannot be changed", async () => {
    const cert = await certificate();
    const request = new Request("http://localhost/deelnemer/digitaal-certificaat", {
      method: "POST",
      headers: { Cookie: await cookieOf(OWNER), "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "credential-name", certificateId: String(cert.id), showName: "misschien" }).toString(),
    });
    const refused = (await homeAction({ request, params: {}, context: {} } as never)) as unknown as { init: { status: number }; data: unknown };
    expect(refused.init.status).toBe(400);
    expect(refused.data).toMatchObject({ ok: false, fieldErrors: { showName: "form.choice.invalid" } });

    await t.db.updateTable("certificates").set({ revoked_at: "2026-12-01T10:00:00.000Z" }).where("id", "=", cert.id).execute();
    const before = await rowsOf(cert.id);
    const owner = await userByEmail(t.db, OWNER);
    await expect(setCredentialNameChoice(t.db, owner, cert.id, false, null)).rejects.toMatchObject({ messageKey: "certificate.notValid" });
    expect(await rowsOf(cert.id)).toEqual(before);
  });
});

describe("migration 0037: one row per credential", () => {
  let m: TestDb;
  beforeAll(async () => {
    m = await createTestDb("demo");
  });
  afterAll(() => m.close());

  it("keeps the credentials of before as current rows with the name, and allows one current row per certificate", async () => {
    const u = await userByEmail(m.db, OWNER);
    const cert = await m.db.selectFrom("certificates").select("id").where("participant_id", "=", u.id).executeTakeFirstOrThrow();
    const json = (await credentialJsonFor(m.db, cert.id))!;
    const migrator = new Migrator({ db: m.db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo("0035_open_badges")).error).toBeUndefined();
    const old = await sql<{ certificate_id: number; credential: string }>`select certificate_id, credential from open_badge_credentials`.execute(m.db);
    // (The demo's alumni have certificates and credentials too; this test follows Lotte's.)
    expect(old.rows.filter((r) => r.certificate_id === cert.id)).toEqual([{ certificate_id: cert.id, credential: json }]);

    await migrateToLatest(m.db);
    const rows = await m.db.selectFrom("open_badge_credentials").selectAll().where("certificate_id", "=", cert.id).execute();
    expect(rows.map((r) => [r.certificate_id, r.credential, r.show_name, r.replaced_at])).toEqual([[cert.id, json, 1, null]]);
    const row = rows[0]!;
    const copy = { certificate_id: row.certificate_id, key_ref: row.key_ref, base_url: row.base_url, credential: row.credential, issued_at: row.issued_at };
    // A second current row of the same certificate is refused; a replaced one (and a new id) is not.
    await expect(
      m.db
        .insertInto("open_badge_credentials")
        .values({ ...copy, status_index: 900 })
        .execute(),
      // (Not toThrow: better-sqlite3's error class comes from the first test file's realm in a shared worker.)
    ).rejects.toMatchObject({ message: expect.stringMatching(/UNIQUE|duplicate key/i) });
    const added = await m.db
      .insertInto("open_badge_credentials")
      .values({ ...copy, status_index: 901, replaced_at: "2026-12-01T10:00:00.000Z" })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(added.id).toBeGreaterThan(row.id);
    // The place in the status list stays unique.
    await expect(
      m.db
        .insertInto("open_badge_credentials")
        .values({ ...copy, status_index: 901, replaced_at: "2026-12-01T10:00:00.000Z" })
        .execute(),
    ).rejects.toMatchObject({ message: expect.stringMatching(/UNIQUE|duplicate key/i) });
  });
});
