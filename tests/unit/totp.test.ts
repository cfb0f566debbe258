import { secondFactorCodeSchema } from "../../app/forms/auth";
import {
  base32Decode,
  base32Encode,
  formatRecoveryCode,
  groupSecret,
  hotp,
  looksLikeRecoveryCode,
  newRecoveryCode,
  newTotpSecret,
  otpauthUri,
  recoveryCodeHash,
  totp,
  verifyTotp,
} from "../../app/rules/totp";

// RFC 6238 appendix B (SHA-1): the key is the ASCII string "12345678901234567890".
const RFC_KEY = Buffer.from("12345678901234567890", "ascii");
const RFC_SECRET = base32Encode(RFC_KEY);

describe("TOTP (RFC 6238) and HOTP (RFC 4226)", () => {
  it("matches the RFC 4226 HOTP test values", () => {
    const expected = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"];
    expect(expected.map((_, counter) => hotp(RFC_KEY, counter))).toEqual(expected);
  });

  it.each([
    [59, "94287082"],
    [1111111109, "07081804"],
    [1111111111, "14050471"],
    [1234567890, "89005924"],
    [2000000000, "69279037"],
    [20000000000, "65353130"],
  ])("matches the RFC 6238 SHA-1 value at T=%i", (seconds, code) => {
    const now = new Date(seconds * 1000);
    expect(totp(RFC_SECRET, now, 8)).toBe(code);
    expect(totp(RFC_SECRET, now)).toBe(code.slice(-6));
  });

  it("accepts the code of the step before and after, not two steps away", () => {
    const now = new Date(1111111111 * 1000);
    const code = (dt: number) => totp(RFC_SECRET, new Date(now.getTime() + dt * 1000));
    const step = Math.floor(1111111111 / 30);
    expect(verifyTotp(RFC_SECRET, code(0), now)).toBe(step);
    expect(verifyTotp(RFC_SECRET, code(-30), now)).toBe(step - 1);
    expect(verifyTotp(RFC_SECRET, code(30), now)).toBe(step + 1);
    expect(verifyTotp(RFC_SECRET, code(-60), now)).toBeNull();
    expect(verifyTotp(RFC_SECRET, code(60), now)).toBeNull();
  });

  it("refuses a code that was already used, and anything that is not six digits", () => {
    const now = new Date(1234567890 * 1000);
    const code = totp(RFC_SECRET, now);
    const step = verifyTotp(RFC_SECRET, code, now)!;
    expect(verifyTotp(RFC_SECRET, code, now, { afterStep: step })).toBeNull();
    expect(verifyTotp(RFC_SECRET, `${code.slice(0, 3)} ${code.slice(3)}`, now)).toBe(step);
    expect(verifyTotp(RFC_SECRET, "12345", now)).toBeNull();
    expect(verifyTotp(RFC_SECRET, "abcdef", now)).toBeNull();
    expect(verifyTotp(RFC_SECRET, "", now)).toBeNull();
  });

  it("encodes base32 both ways (RFC 4648 vectors) and makes 160-bit secrets", () => {
    expect(base32Encode(Buffer.from("foobar"))).toBe("MZXW6YTBOI");
    expect(base32Decode("mzxw 6ytb-oi======").toString()).toBe("foobar");
    expect(() => base32Decode("MZXW1")).toThrow();
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(secret)).toHaveLength(20);
    expect(newTotpSecret()).not.toBe(secret);
    expect(groupSecret("ABCDEFGHIJKL")).toBe("ABCD EFGH IJKL");
  });

  it("builds the otpauth:// address for authenticator apps", () => {
    expect(otpauthUri("MZXW6YTBOI", "esther@voorbeeld.test")).toBe(
      "otpauth://totp/Leerlijn%20Buurtteams:esther%40voorbeeld.test?secret=MZXW6YTBOI&issuer=Leerlijn+Buurtteams&algorithm=SHA1&digits=6&period=30",
    );
  });
});

describe("recovery codes (shape)", () => {
  it("are 80 random bits in base32, shown in groups of four, and read back however they are typed", () => {
    const code = newRecoveryCode();
    expect(code).toMatch(/^[a-z2-7]{16}$/);
    expect(base32Decode(code)).toHaveLength(10);
    expect(newRecoveryCode()).not.toBe(code);
    expect(formatRecoveryCode("abcdefghijklmnop")).toBe("abcd-efgh-ijkl-mnop");
    expect(recoveryCodeHash("ABCD efgh-IJKL mnop")).toBe(recoveryCodeHash("abcdefghijklmnop"));
    // 0 and 1 are not base32: read as O and I
    expect(recoveryCodeHash("0000-1111-aaaa-bbbb")).toBe(recoveryCodeHash("oooo-iiii-aaaa-bbbb"));
    expect(recoveryCodeHash("abcdefghijklmnop")).toMatch(/^[0-9a-f]{64}$/);
    expect(looksLikeRecoveryCode("abcd-efgh-ijkl-mnop")).toBe(true);
    expect(looksLikeRecoveryCode("123456")).toBe(false);
    expect(looksLikeRecoveryCode("abcd-efgh-ijkl")).toBe(false);
  });

  it("the sign-in form takes six digits or a recovery code, nothing else", () => {
    const parse = (code: string) => secondFactorCodeSchema.safeParse({ code });
    expect(parse("123 456")).toMatchObject({ success: true, data: { code: "123456" } });
    expect(parse(" abcd-efgh-ijkl-mnop ")).toMatchObject({ success: true, data: { code: "abcd-efgh-ijkl-mnop" } });
    expect(parse("12345").success).toBe(false);
    expect(parse("abcd-efgh").success).toBe(false);
    expect(parse("").success).toBe(false);
  });
});
