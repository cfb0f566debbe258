import { verifyForVisitor } from "../../app/services/verify.server";
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
    expect((await verifyForVisitor(t.db, cert.verification_code, ip)).status).toBe(200);
    for (let i = 0; i < 20; i++) expect((await verifyForVisitor(t.db, `geraden-code-nummer-${i}`, ip)).status).toBe(404);
    // Over the limit: even a real code gets no answer from this address for a while.
    expect((await verifyForVisitor(t.db, "nog-een-geraden-code-xyz", ip)).status).toBe(429);
    expect((await verifyForVisitor(t.db, cert.verification_code, ip)).status).toBe(429);
    // Someone else is not affected.
    expect((await verifyForVisitor(t.db, cert.verification_code, "198.51.100.8")).status).toBe(200);
  });
});
