import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import type { DB } from "../../../db/connect";
import { currentTime } from "../../clock.server";
import { config } from "../../config.server";
import { audit } from "../audit.server";
import { log } from "../log.server";
import type { Actor } from "../users.server";
import { DID_CONTEXT, MULTIKEY_CONTEXT } from "./contexts.server";

/*
 * Issue 30, point 2: the issuer's signing keys (docs/decisions/021-open-badges.md).
 *
 * The app is the issuer `did:web:<public host>`; its DID document (/.well-known/did.json) lists
 * every key it ever signed with, so credentials signed with a retired key keep verifying. The
 * newest key that is not retired signs. The secret half is stored sealed with AES-256-GCM under a
 * key derived (HKDF-SHA256) from CREDENTIAL_KEY_SECRET: not in a page, not in an export, never in
 * a log line (only key_ref is ever logged or audited).
 */

const BUILT_IN_SECRET = "leerlijn-built-in-credential-key-secret";
let warned = false;

function sealingKey(keyRef: string): Buffer {
  const secret = config().credentialKeySecret;
  if (!secret && !warned && config().nodeEnv === "production") {
    warned = true;
    log({ level: "warn", event: "credentials.key.builtInSecret", data: { note: "CREDENTIAL_KEY_SECRET is not set" } });
  }
  return Buffer.from(hkdfSync("sha256", secret || BUILT_IN_SECRET, "leerlijn issuer key", `issuer_keys:${keyRef}`, 32));
}

export function sealSecretKey(keyRef: string, publicKeyMultibase: string, secretKeyMultibase: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", sealingKey(keyRef), iv);
  cipher.setAAD(Buffer.from(`${keyRef}|${publicKeyMultibase}`));
  const sealed = Buffer.concat([cipher.update(secretKeyMultibase, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), sealed.toString("base64url")].join(".");
}

export function openSecretKey(keyRef: string, publicKeyMultibase: string, sealed: string): string {
  const [version, iv, tag, data] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || !data) throw new Error("Unknown sealed key format.");
  const decipher = createDecipheriv("aes-256-gcm", sealingKey(keyRef), Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(`${keyRef}|${publicKeyMultibase}`));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}

/** The DID of the app at `baseUrl`: did:web of its host (with the port, as did:web writes it). */
export function issuerDid(baseUrl: string): string {
  const url = new URL(baseUrl);
  return `did:web:${encodeURIComponent(url.host)}`;
}

export interface IssuerKey {
  keyRef: string;
  publicKeyMultibase: string;
}

/** The key that signs now; made at first use (also when two processes ask at once: one key). */
export async function currentIssuerKey(db: DB, now = currentTime()): Promise<IssuerKey & { secretKeyMultibase: string }> {
  const row = await db
    .selectFrom("issuer_keys")
    .select(["key_ref", "public_key_multibase", "secret_key_sealed"])
    .where("retired_at", "is", null)
    .orderBy("id", "desc")
    .executeTakeFirst();
  if (row)
    return {
      keyRef: row.key_ref,
      publicKeyMultibase: row.public_key_multibase,
      secretKeyMultibase: openSecretKey(row.key_ref, row.public_key_multibase, row.secret_key_sealed),
    };
  await insertKey(db, "key-1", now).catch((error: unknown) => {
    // Another process made key-1 at the same moment: use that one.
    if (!/UNIQUE|duplicate key/i.test(String((error as Error).message))) throw error;
  });
  return currentIssuerKey(db, now);
}

async function insertKey(db: DB, keyRef: string, now: Date): Promise<void> {
  const pair = await Ed25519Multikey.generate();
  const exported = await pair.export({ publicKey: true, secretKey: true });
  const publicKeyMultibase = String(exported.publicKeyMultibase);
  const secretKeyMultibase = String(exported.secretKeyMultibase);
  await db
    .insertInto("issuer_keys")
    .values({
      key_ref: keyRef,
      public_key_multibase: publicKeyMultibase,
      secret_key_sealed: sealSecretKey(keyRef, publicKeyMultibase, secretKeyMultibase),
      created_at: now.toISOString(),
      retired_at: null,
    })
    .execute();
}

/**
 * Rotation: a new key signs from now on; the old ones are retired but stay in the DID document,
 * so every credential they signed keeps verifying. Audited (only the key names).
 */
export async function rotateIssuerKey(db: DB, actor: Actor | null, now = currentTime()): Promise<IssuerKey> {
  await currentIssuerKey(db, now);
  const created = await db.transaction().execute(async (trx) => {
    const keys = await trx.selectFrom("issuer_keys").select(["id", "key_ref"]).execute();
    const next = `key-${Math.max(...keys.map((k) => Number(k.key_ref.replace(/^key-/, "")) || 0)) + 1}`;
    await trx.updateTable("issuer_keys").set({ retired_at: now.toISOString() }).where("retired_at", "is", null).execute();
    await insertKey(trx, next, now);
    await audit(trx, {
      actor,
      action: "credentials.key.rotate",
      target: { type: "issuer_key", id: next },
      details: { retired: keys.map((k) => k.key_ref) },
      at: now,
    });
    return next;
  });
  const row = await db.selectFrom("issuer_keys").select(["key_ref", "public_key_multibase"]).where("key_ref", "=", created).executeTakeFirstOrThrow();
  return { keyRef: row.key_ref, publicKeyMultibase: row.public_key_multibase };
}

/** The key pair that signs, for the suite (its id is the verification method in the DID document). */
export async function signingKeyPair(db: DB, baseUrl: string, now = currentTime()): Promise<{ keyRef: string; pair: Ed25519Multikey.Ed25519KeyPair }> {
  const key = await currentIssuerKey(db, now);
  const did = issuerDid(baseUrl);
  const pair = await Ed25519Multikey.from({
    type: "Multikey",
    id: `${did}#${key.keyRef}`,
    controller: did,
    publicKeyMultibase: key.publicKeyMultibase,
    secretKeyMultibase: key.secretKeyMultibase,
  });
  return { keyRef: key.keyRef, pair };
}

/** The app's DID document: every key, current and retired (only public halves). */
export async function didDocument(db: DB, baseUrl: string, now = currentTime()): Promise<Record<string, unknown>> {
  const did = issuerDid(baseUrl);
  const listKeys = () => db.selectFrom("issuer_keys").select(["key_ref", "public_key_multibase"]).orderBy("id").execute();
  let keys = await listKeys();
  // The first key is made here when none exists yet; otherwise the secret halves are not touched.
  if (keys.length === 0) {
    await currentIssuerKey(db, now);
    keys = await listKeys();
  }
  const methods = keys.map((k) => ({ id: `${did}#${k.key_ref}`, type: "Multikey", controller: did, publicKeyMultibase: k.public_key_multibase }));
  return {
    "@context": [DID_CONTEXT, MULTIKEY_CONTEXT],
    id: did,
    verificationMethod: methods,
    assertionMethod: methods.map((m) => m.id),
  };
}

/** One verification method of the DID document (`did:web:…#key-1`), as a document of its own. */
export async function verificationMethodDocument(db: DB, baseUrl: string, url: string): Promise<Record<string, unknown> | undefined> {
  const doc = await didDocument(db, baseUrl);
  const method = (doc.verificationMethod as { id: string }[]).find((m) => m.id === url);
  return method ? { "@context": MULTIKEY_CONTEXT, ...method } : undefined;
}
