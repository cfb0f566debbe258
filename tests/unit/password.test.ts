import { hashPassword, needsRehash, SCRYPT_PARAMS, verifyPassword } from "../../app/services/password.server";

describe("password hashing (scrypt)", () => {
  it("hashes at a lower cost only inside jest, and only when asked to", async () => {
    expect(process.env.JEST_WORKER_ID).toBeDefined();
    expect((await hashPassword("een lang wachtwoord")).split("$")[1]).toBe(String(2 ** 14));
    // A hash at the production cost needs no rehash; a lower one outside the tests would.
    const worker = process.env.JEST_WORKER_ID;
    delete process.env.JEST_WORKER_ID;
    try {
      expect((await hashPassword("een lang wachtwoord")).split("$")[1]).toBe(String(2 ** 17));
      expect(needsRehash(`scrypt$${2 ** 14}$8$1$c2FsdA==$a2V5`)).toBe(true);
    } finally {
      process.env.JEST_WORKER_ID = worker;
    }
  });

  it("uses OWASP's minimum scrypt parameters and stores them in the hash", async () => {
    expect(SCRYPT_PARAMS.N).toBeGreaterThanOrEqual(2 ** 17);
    expect(SCRYPT_PARAMS.r).toBeGreaterThanOrEqual(8);
    // The lower cost for tests (jest.config.js) is off here: this is what the app does.
    const testCost = process.env.LEERLIJN_TEST_SCRYPT_N;
    delete process.env.LEERLIJN_TEST_SCRYPT_N;
    const hash = await hashPassword("een lang wachtwoord").finally(() => {
      process.env.LEERLIJN_TEST_SCRYPT_N = testCost;
    });
    const [scheme, n, r, p, salt, key] = hash.split("$");
    expect(scheme).toBe("scrypt");
    expect(Number(n)).toBe(2 ** 17);
    expect(Number(r)).toBe(8);
    expect(Number(p)).toBe(1);
    expect(Buffer.from(salt, "base64")).toHaveLength(16);
    expect(Buffer.from(key, "base64")).toHaveLength(64);
  });

  it("verifies the right password and refuses a wrong one", async () => {
    const hash = await hashPassword("leerlijn-demo-wachtwoord");
    await expect(verifyPassword("leerlijn-demo-wachtwoord", hash)).resolves.toBe(true);
    await expect(verifyPassword("leerlijn-demo-wachtwoorD", hash)).resolves.toBe(false);
    await expect(verifyPassword("", hash)).resolves.toBe(false);
  });

  it("salts every hash, so equal passwords give different hashes", async () => {
    const [a, b] = await Promise.all([hashPassword("hetzelfde-wachtwoord"), hashPassword("hetzelfde-wachtwoord")]);
    expect(a).not.toBe(b);
  });

  it("refuses a malformed stored hash and asks for a rehash of weaker parameters", async () => {
    await expect(verifyPassword("x", "plain-text")).resolves.toBe(false);
    expect(needsRehash("scrypt$1024$8$1$c2FsdA==$a2V5")).toBe(true);
    expect(needsRehash(await hashPassword("nog-een-wachtwoord"))).toBe(false);
  });
});
