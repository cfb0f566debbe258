import { hashPassword, needsRehash, SCRYPT_PARAMS, verifyPassword } from "../../app/services/password.server";

describe("password hashing (scrypt)", () => {
  it("uses OWASP's minimum scrypt parameters and stores them in the hash", async () => {
    expect(SCRYPT_PARAMS.N).toBeGreaterThanOrEqual(2 ** 17);
    expect(SCRYPT_PARAMS.r).toBeGreaterThanOrEqual(8);
    const hash = await hashPassword("een lang wachtwoord");
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
    expect(needsRehash("scrypt$16384$8$1$c2FsdA==$a2V5")).toBe(true);
    expect(needsRehash(await hashPassword("nog-een-wachtwoord"))).toBe(false);
  });
});
