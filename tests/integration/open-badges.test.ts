import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Ajv2019 from "ajv/dist/2019";
import addFormats from "ajv-formats";
import { reissueCertificate, revokeCertificate } from "../../app/services/certificates.server";
import { checkPastedCredential } from "../../app/services/credentials/access.server";
import { DocumentNotAllowedError } from "../../app/services/credentials/contexts.server";
import { openSecretKey, rotateIssuerKey } from "../../app/services/credentials/keys.server";
import { appDocumentLoader, checkCredential, credentialJsonFor, signCredential } from "../../app/services/credentials/open-badge.server";
import { loader as didLoader } from "../../app/routes/[.]well-known.did[.]json";
import { loader as verifyPageLoader } from "../../app/routes/verify.$code";
import { loader as publicCredentialLoader } from "../../app/routes/verify.$code_.credential[.]json";
import { action as checkAction } from "../../app/routes/verify.credential";
import { action as apiAction } from "../../app/routes/api.verify-credential";
import { setDb } from "../../app/db.server";
import { createTestDb, type TestDb } from "../support/db";
import { userByEmail } from "../support/factories";
import { independentVerify } from "../support/independent-verifier";

/*
 * Issue 30, "How it is shown": a credential for a demo certificate, checked with the independent
 * verifier library (@digitalbazaar/vc's verifyCredential, called here with a document loader built
 * in tests/support/independent-verifier.ts from the context packages and the documents the app's own routes publish), not with
 * the app's check. The Open Badges 3.0 JSON Schema by 1EdTech is bundled in tests/fixtures/open-badges.
 */

// The page routes' loaders and actions are called here; their components (and the UI library) are not rendered.
jest.mock("@utrecht/component-library-react", () => ({}), { virtual: true });

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb("demo");
  setDb(t.db);
});
afterAll(() => t.close());

async function certificateOf(email: string) {
  const u = await userByEmail(t.db, email);
  return t.db.selectFrom("certificates").selectAll().where("participant_id", "=", u.id).orderBy("id", "desc").executeTakeFirstOrThrow();
}

describe("the Open Badges 3.0 credential of a certificate", () => {
  it("is signed and verifies with the independent library; a changed name or date does not", async () => {
    const cert = await certificateOf("deelnemer15@leerlijn.test");
    const json = (await credentialJsonFor(t.db, cert.id))!;
    const credential = JSON.parse(json);
    const base = (JSON.parse(cert.snapshot) as { verifyUrl: string }).verifyUrl.replace(/\/verify\/.*$/, "");
    expect(credential.type).toEqual(["VerifiableCredential", "OpenBadgeCredential"]);
    expect(credential.proof[0]).toMatchObject({ type: "DataIntegrityProof", cryptosuite: "eddsa-rdfc-2022", proofPurpose: "assertionMethod" });
    expect(credential.credentialSubject.name).toBe(cert.participant_name);
    expect(json).not.toContain("deelnemer15@leerlijn.test");

    const valid = await independentVerify(credential, base);
    expect(valid.error ? [valid.error.message, ...(valid.error.errors ?? []).map((e) => e.message)] : undefined).toBeUndefined();
    expect(valid.verified).toBe(true);
    expect(valid.statusResult).toMatchObject({ verified: true, results: [{ verified: true, status: false }] });

    const renamed = structuredClone(credential);
    renamed.credentialSubject.name = "Iemand Anders";
    expect((await independentVerify(renamed, base)).verified).toBe(false);

    const redated = structuredClone(credential);
    redated.validFrom = "2026-01-01T00:00:00Z";
    expect((await independentVerify(redated, base)).verified).toBe(false);

    // The same credential again on the next request: stored, not signed anew.
    expect(await credentialJsonFor(t.db, cert.id)).toBe(json);
  });

  it("validates against the Open Badges 3.0 JSON Schema by 1EdTech", async () => {
    const schema = JSON.parse(fs.readFileSync(path.join(__dirname, "../fixtures/open-badges/ob_v3p0_achievementcredential_schema.json"), "utf8"));
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const cert = await certificateOf("deelnemer15@leerlijn.test");
    const credential = JSON.parse((await credentialJsonFor(t.db, cert.id))!);
    expect(validate(credential) ? [] : validate.errors).toEqual([]);
    // The schema really checks: without the achievement it fails.
    delete credential.credentialSubject.achievement;
    expect(validate(credential)).toBe(false);
  });

  it("a reissued certificate gets its credential at once; the old credential is then revoked in the list", async () => {
    const old = await certificateOf("deelnemer15@leerlijn.test");
    const oldCredential = JSON.parse((await credentialJsonFor(t.db, old.id))!);
    const base = (JSON.parse(old.snapshot) as { verifyUrl: string }).verifyUrl.replace(/\/verify\/.*$/, "");
    const coordinator = await userByEmail(t.db, "coordinator@leerlijn.test");
    const created = await reissueCertificate(t.db, coordinator, old.id, "Test: naam verbeterd", { verifyBase: base });
    // Made right after issuing, without a request for it.
    const row = await t.db.selectFrom("open_badge_credentials").selectAll().where("certificate_id", "=", created.id).executeTakeFirstOrThrow();
    expect(row.status_index).not.toBe(
      (await t.db.selectFrom("open_badge_credentials").select("status_index").where("certificate_id", "=", old.id).executeTakeFirstOrThrow()).status_index,
    );
    const fresh = await independentVerify(JSON.parse(row.credential), base);
    expect(fresh.verified).toBe(true);
    expect(fresh.statusResult).toMatchObject({ results: [{ status: false }] });
    const superseded = await independentVerify(oldCredential, base);
    expect(superseded.statusResult).toMatchObject({ verified: true, results: [{ verified: true, status: true }] });

    // Point 6: the certificate's PDF/A carries exactly this credential as an attached file.
    const cert = await t.db.selectFrom("certificates").select(["pdf", "number"]).where("id", "=", created.id).executeTakeFirstOrThrow();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ll-ob-pdf-"));
    try {
      const file = path.join(dir, "certificaat.pdf");
      fs.writeFileSync(file, cert.pdf);
      expect(execFileSync("pdfdetach", ["-list", file], { encoding: "utf8" })).toContain(`certificaat-${cert.number}.json`);
      execFileSync("pdfdetach", ["-savefile", `certificaat-${cert.number}.json`, "-o", path.join(dir, "c.json"), file]);
      const attached = fs.readFileSync(path.join(dir, "c.json"), "utf8");
      expect(attached).toBe(row.credential);
      expect((await independentVerify(JSON.parse(attached), base)).verified).toBe(true);
      expect(execFileSync("pdfinfo", ["-meta", file], { encoding: "utf8" })).toMatch(/pdfaid:part>3</);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the public pages: the verify page checks the credential; the check page and the JSON endpoint answer for a pasted one", async () => {
    const cert = await certificateOf("deelnemer15@leerlijn.test");
    const base = (JSON.parse(cert.snapshot) as { verifyUrl: string }).verifyUrl.replace(/\/verify\/.*$/, "");
    const json = (await credentialJsonFor(t.db, cert.id))!;
    const page = (await verifyPageLoader({
      request: new Request(`${base}/verify/${cert.verification_code}`),
      params: { code: cert.verification_code },
      context: {},
    } as never)) as {
      credential: { signatureValid: boolean; revoked: boolean | null };
    };
    expect(page.credential).toEqual({ signatureValid: true, revoked: false });

    const download = await publicCredentialLoader({
      request: new Request(`${base}/verify/${cert.verification_code}/credential.json`),
      params: { code: cert.verification_code },
      context: {},
    } as never);
    expect(await download.text()).toBe(json);

    const form = new FormData();
    form.set("credential", json);
    const asJson = await checkAction({
      request: new Request(`${base}/verify/credential`, { method: "POST", body: form, headers: { Accept: "application/json" } }),
      params: {},
      context: {},
    } as never);
    expect(await (asJson as Response).json()).toMatchObject({ verdict: "echt", signatureValid: true, revoked: false, name: cert.participant_name });

    const upload = new FormData();
    upload.set("file", new File([json.replace(cert.participant_name!, "Iemand Anders")], "certificaat.json", { type: "application/json" }));
    const uploaded = (await checkAction({
      request: new Request(`${base}/verify/credential`, { method: "POST", body: upload }),
      params: {},
      context: {},
    } as never)) as {
      check: { verdict: string };
    };
    expect(uploaded.check.verdict).toBe("gewijzigd");

    const api = await apiAction({
      request: new Request(`${base}/api/verify-credential`, { method: "POST", body: '{"hello": 1}' }),
      params: {},
      context: {},
    } as never);
    expect(await api.json()).toMatchObject({ verdict: "onbekend" });
  });

  it("after revocation the status list says revoked, at once; the app's own check says ingetrokken", async () => {
    const cert = await certificateOf("deelnemer15@leerlijn.test");
    const credential = JSON.parse((await credentialJsonFor(t.db, cert.id))!);
    const base = (JSON.parse(cert.snapshot) as { verifyUrl: string }).verifyUrl.replace(/\/verify\/.*$/, "");
    expect((await checkCredential(t.db, credential, [base])).verdict).toBe("echt");
    const coordinator = await userByEmail(t.db, "coordinator@leerlijn.test");
    await revokeCertificate(t.db, coordinator, cert.id, "Test: ingetrokken");
    const after = await independentVerify(credential, base);
    // The signature still holds; the status list (signed, checked too) has its bit set.
    expect(after.results?.every((r) => r.verified)).toBe(true);
    expect(after.statusResult).toMatchObject({ verified: true, results: [{ verified: true, status: true }] });
    expect((await checkCredential(t.db, credential, [base])).verdict).toBe("ingetrokken");
    const changed = structuredClone(credential);
    changed.credentialSubject.name = "Iemand Anders";
    expect((await checkCredential(t.db, changed, [base])).verdict).toBe("gewijzigd");
  });

  it("after a key rotation an old credential still verifies, a new one is signed with the new key", async () => {
    // The demo's one certificate (revoked by the test before: its signature is what counts here).
    const other = await certificateOf("deelnemer15@leerlijn.test");
    const old = JSON.parse((await credentialJsonFor(t.db, other.id))!);
    const base = (JSON.parse(other.snapshot) as { verifyUrl: string }).verifyUrl.replace(/\/verify\/.*$/, "");
    const oldKey = old.proof[0].verificationMethod as string;
    const rotated = await rotateIssuerKey(t.db, null);
    expect(oldKey.endsWith(`#${rotated.keyRef}`)).toBe(false);
    const result = await independentVerify(old, base);
    expect(result.results?.map((r) => r.verified)).toEqual([true]);
    // The status list, now signed with the new key, verifies too.
    expect(result.statusResult).toMatchObject({ verified: true, results: [{ verified: true, status: true }] });
    const { proof: _proof, ...unsigned } = old;
    const { signed } = await signCredential(t.db, base, { ...unsigned, id: "urn:uuid:00000000-0000-4000-8000-000000000001" });
    expect((signed.proof as { verificationMethod: string }[])[0].verificationMethod).toBe(`${oldKey.split("#")[0]}#${rotated.keyRef}`);
    // The DID document lists both keys; no secret half anywhere in it.
    const response = await didLoader({ request: new Request(`${base}/.well-known/did.json`), params: {}, context: {} } as never);
    const text = await response.text();
    expect(JSON.parse(text).assertionMethod).toEqual([oldKey, `${oldKey.split("#")[0]}#${rotated.keyRef}`]);
    expect(text).not.toMatch(/secret/i);
    // The secret halves are stored sealed: not readable in the table, opened only with the server's secret.
    for (const key of await t.db.selectFrom("issuer_keys").selectAll().execute()) {
      const secret = openSecretKey(key.key_ref, key.public_key_multibase, key.secret_key_sealed);
      expect(secret).toMatch(/^z/);
      expect(key.secret_key_sealed).not.toContain(secret);
      expect(text).not.toContain(secret);
      expect(() => openSecretKey("key-99", key.public_key_multibase, key.secret_key_sealed)).toThrow();
    }
  });

  it("checks of pasted credentials are limited per address (each costs real work)", async () => {
    const answers: string[] = [];
    for (let i = 0; i < 31; i++) {
      const answer = await checkPastedCredential(t.db, "geen certificaat", "https://leerlijn.example", "203.0.113.9");
      answers.push(answer === "tooMany" ? answer : answer.verdict);
    }
    expect(answers.slice(0, 30).every((a) => a === "onbekend")).toBe(true);
    expect(answers[30]).toBe("tooMany");
    // Another address is not affected.
    expect(await checkPastedCredential(t.db, "geen certificaat", "https://leerlijn.example", "203.0.113.10")).toMatchObject({ verdict: "onbekend" });
  });

  it("the document loader serves the bundled contexts and refuses an unknown URL without touching the network", async () => {
    const loader = appDocumentLoader(t.db, ["https://leerlijn.example"]);
    expect((await loader("https://www.w3.org/ns/credentials/v2")).document).toBeTruthy();
    const realFetch = globalThis.fetch;
    const calls: string[] = [];
    globalThis.fetch = (async (input: RequestInfo | URL) => {
      calls.push(String(input));
      throw new Error("network used");
    }) as typeof fetch;
    try {
      await expect(loader("https://example.org/contexts/unknown.jsonld")).rejects.toBeInstanceOf(DocumentNotAllowedError);
      await expect(loader("did:web:elders.example")).rejects.toThrow(/never fetches/);
      // A credential with an unknown context: the app's check refuses it (as altered), without a fetch.
      const cert = await certificateOf("deelnemer15@leerlijn.test");
      const credential = JSON.parse((await credentialJsonFor(t.db, cert.id))!);
      const base = (JSON.parse(cert.snapshot) as { verifyUrl: string }).verifyUrl.replace(/\/verify\/.*$/, "");
      credential["@context"].push("https://example.org/contexts/unknown.jsonld");
      expect((await checkCredential(t.db, credential, [base])).verdict).toBe("gewijzigd");
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(calls).toEqual([]);
  });
});
