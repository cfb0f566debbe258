import { VERIFY_MISS_LIMIT, verifyForVisitor, verifyHoneypot } from "../../app/services/verify.server";
import { createDb } from "../../db/connect";
import { createTestDb, type TestDb } from "../support/db";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb("demo");
});
afterAll(() => t.close());

describe("public verification", () => {
  it("answers the demo certificate and slows down someone guessing codes", async () => {
    const cert = await t.db.selectFrom("certificates").select("verification_code").executeTakeFirstOrThrow();
    const ip = "198.51.100.7";
    expect(VERIFY_MISS_LIMIT).toEqual({ max: 20, windowMinutes: 10 });
    expect((await verifyForVisitor(t.db, cert.verification_code, ip)).status).toBe(200);
    for (let i = 0; i < 20; i++) expect((await verifyForVisitor(t.db, `geraden-code-nummer-${i}`, ip)).status).toBe(404);
    // Over the limit: unknown codes get no answer from this address for a while, and are not
    // counted further; a real code is still answered (an office behind one address can check it).
    expect((await verifyForVisitor(t.db, "nog-een-geraden-code-xyz", ip)).status).toBe(429);
    expect((await verifyForVisitor(t.db, cert.verification_code, ip)).status).toBe(200);
    expect((await verifyForVisitor(t.db, "en-nog-een-geraden-code", ip)).status).toBe(429);
    expect(await t.db.selectFrom("rate_limit_hits").select("id").where("key", "=", `verify:${ip}`).execute()).toHaveLength(20);
    // Someone else is not affected.
    expect((await verifyForVisitor(t.db, cert.verification_code, "198.51.100.8")).status).toBe(200);
  });

  it("counts misses in the database: two connections (two app processes) share one allowance, and it ends after the window", async () => {
    const other = createDb(t.file);
    try {
      const ip = "198.51.100.9";
      const start = Date.now();
      for (let i = 0; i < VERIFY_MISS_LIMIT.max; i++) {
        const db = i % 2 === 0 ? t.db : other;
        expect((await verifyForVisitor(db, `geraden-code-${i}-abcdefghij`, ip, start + i)).status).toBe(404);
      }
      expect((await verifyForVisitor(t.db, "nog-een-geraden-code-abc", ip, start + 100)).status).toBe(429);
      expect((await verifyForVisitor(other, "nog-een-geraden-code-abc", ip, start + 100)).status).toBe(429);
      // The address is stored only for the window: a new miss after it forgets the old ones.
      const later = start + VERIFY_MISS_LIMIT.windowMinutes * 60_000 + 1_000;
      expect((await verifyForVisitor(other, "weer-een-geraden-code-abc", ip, later)).status).toBe(404);
      const rows = await t.db.selectFrom("rate_limit_hits").select("created_at").where("key", "=", `verify:${ip}`).execute();
      expect(rows.map((r) => r.created_at)).toEqual([new Date(later).toISOString()]);
    } finally {
      await other.destroy();
    }
  });

  it("counts a filled-in honeypot as a miss of the address, and audits a flood once", async () => {
    const ip = "198.51.100.20";
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await verifyHoneypot(t.db, ip)).status);
    expect(statuses).toEqual([...Array(20).fill(400), ...Array(5).fill(429)]);
    // Guessing from that address is now refused too.
    expect((await verifyForVisitor(t.db, "geraden-code-na-robot", ip)).status).toBe(429);
    const audited = await t.db
      .selectFrom("audit_log as a")
      .innerJoin("audit_traces as tr", "tr.audit_id", "a.id")
      .select("a.id")
      .where("a.action", "=", "verify.honeypot")
      .where("tr.ip", "=", ip)
      .execute();
    expect(audited).toHaveLength(1);
  });
});
