import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from "node:crypto";

/**
 * Password hashing with scrypt at OWASP's recommended minimum (N=2^17, r=8, p=1).
 * The parameters are stored in the hash, so they can be raised later without
 * breaking existing hashes; `needsRehash` says when to upgrade at sign-in.
 */
export const SCRYPT_PARAMS = { N: 2 ** 17, r: 8, p: 1 } as const;

/**
 * Inside jest only (a JEST_WORKER_ID is set) LEERLIJN_TEST_SCRYPT_N lowers the cost of new
 * hashes, so the tests' many sign-ins do not each take a quarter second. The app, its scripts and
 * the servers the browser tests start never run inside a jest worker: they always use the above.
 */
function activeParams(): { N: number; r: number; p: number } {
  const n = process.env.JEST_WORKER_ID ? Number(process.env.LEERLIJN_TEST_SCRYPT_N) : Number.NaN;
  return Number.isInteger(n) && n >= 1024 && (n & (n - 1)) === 0 ? { ...SCRYPT_PARAMS, N: n } : SCRYPT_PARAMS;
}
const KEY_LENGTH = 64;
const SALT_BYTES = 16;

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCb(password.normalize("NFKC"), salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

function maxmemFor(N: number, r: number, p: number): number {
  // scrypt needs 128 * N * r * p bytes; leave headroom.
  return 128 * N * r * p + 32 * 1024 * 1024;
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const { N, r, p } = activeParams();
  const key = await scrypt(password, salt, KEY_LENGTH, { N, r, p, maxmem: maxmemFor(N, r, p) });
  return `scrypt$${N}$${r}$${p}$${salt.toString("base64")}$${key.toString("base64")}`;
}

interface ParsedHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

function parseHash(stored: string): ParsedHash | null {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return null;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0)) return null;
  return { N, r, p, salt: Buffer.from(parts[4], "base64"), key: Buffer.from(parts[5], "base64") };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const { N, r, p, salt, key } = parsed;
  const candidate = await scrypt(password, salt, key.length, { N, r, p, maxmem: maxmemFor(N, r, p) });
  return candidate.length === key.length && timingSafeEqual(candidate, key);
}

export function needsRehash(stored: string): boolean {
  const parsed = parseHash(stored);
  if (!parsed) return true;
  const wanted = activeParams();
  return parsed.N < wanted.N || parsed.r < wanted.r || parsed.p < wanted.p;
}

let dummyHash: Promise<string> | null = null;
/** Spends the same time as a real check, so a wrong email and a wrong password look alike. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword("dummy-password-for-timing");
  await verifyPassword(password, await dummyHash);
  return false;
}
