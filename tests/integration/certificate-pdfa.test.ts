import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { renderCertificateBook, renderCertificatePdf, type CertificateSnapshot } from "../../app/services/pdf/certificate-pdf.server";

/**
 * The certificate as an archival PDF (issue 30, point 6): PDF/A-3b with embedded fonts, XMP
 * metadata and, when asked, files attached as PDF/A-3 associated files. Read back with poppler
 * (pdfinfo, pdffonts, pdfdetach), as any archive or reader would.
 */

const ISSUED = new Date("2026-07-01T10:00:00Z");

const base: CertificateSnapshot = {
  number: "2026-0042",
  verificationCode: "pdfatest",
  verifyUrl: "https://leerlijn.example/verify/pdfatest",
  participantName: "Fatima El Idrissi",
  leerlijn: { name: "Leerlijn Buurtteams", version: 1, level: "post-mbo" },
  cohort: { name: "Groep", startDate: "2026-01-01", endDate: "2026-06-30" },
  hours: { learning: 60, practice: 60 },
  trainings: ["Training"],
  issuedOn: "2026-07-01",
  place: "Amsterdam",
  // An ampersand and angle brackets: pdfkit puts these in the XML metadata unescaped.
  issuer: "Buurt & Co <Amsterdam>",
  partners: [],
  title: "Certificaat",
  statement: "heeft met goed gevolg afgerond",
  signatories: [{ name: "J. Voorbeeld", role: "Examinator" }],
  replaces: null,
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pdfa-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let n = 0;
function save(pdf: Buffer): string {
  const file = path.join(dir, `c${++n}.pdf`);
  fs.writeFileSync(file, pdf);
  return file;
}

function run(cmd: string, ...args: string[]): string {
  return execFileSync(cmd, args).toString("utf8");
}

/** The rows of pdffonts: name, type and whether the font is embedded. */
function fonts(file: string): { name: string; emb: string }[] {
  return run("pdffonts", file)
    .split("\n")
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      // name, type (may hold spaces), encoding, emb, sub, uni, object id, generation
      const cols = l.trim().split(/\s+/);
      return { name: cols[0]!, emb: cols[cols.length - 5]! };
    });
}

const credential = JSON.stringify({
  "@context": ["https://www.w3.org/ns/credentials/v2"],
  type: ["VerifiableCredential", "OpenBadgeCredential"],
  credentialSubject: { name: "Fatima El Idrissi", achievement: { name: "Leerlijn Buurtteams – ervaringsdeskundige" } },
  proof: { proofValue: "z3FXQjecWufY46…" },
});

describe("the certificate as PDF/A-3b", () => {
  it("identifies itself as PDF/A-3b, with title, provider, subject, language and dates in the XMP equal to the document information", async () => {
    const file = save(await renderCertificatePdf(base, "nl", ISSUED));
    const meta = run("pdfinfo", "-meta", file);
    expect(meta).toMatch(/<pdfaid:part>3<\/pdfaid:part>/);
    expect(meta).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
    expect(meta).toContain('<rdf:li xml:lang="x-default">Certificaat Fatima El Idrissi</rdf:li>');
    expect(meta).toContain("<rdf:li>Buurt &amp; Co &lt;Amsterdam&gt;</rdf:li>");
    expect(meta).toContain('<rdf:li xml:lang="x-default">Leerlijn Buurtteams, certificaat 2026-0042</rdf:li>');
    expect(meta).toMatch(/<dc:language>\s*<rdf:Bag>\s*<rdf:li>nl<\/rdf:li>/);
    expect(meta).toContain("<xmp:CreateDate>2026-07-01T10:00:00Z</xmp:CreateDate>");
    expect(meta).toContain("<xmp:ModifyDate>2026-07-01T10:00:00Z</xmp:ModifyDate>");
    expect(meta).toContain("<xmp:CreatorTool>Leerlijn</xmp:CreatorTool>");
    expect(meta).toContain("<pdf:Producer>Leerlijn</pdf:Producer>");
    // Well-formed: no bare ampersand or bracket from the provider's name anywhere in the XML.
    expect(meta).not.toMatch(/&(?!amp;|lt;|gt;|quot;)/);
    expect(meta).not.toContain("<Amsterdam>");

    const info = run("pdfinfo", file);
    expect(info).toMatch(/Title:\s+Certificaat Fatima El Idrissi\n/);
    expect(info).toMatch(/Author:\s+Buurt & Co <Amsterdam>\n/);
    expect(info).toMatch(/PDF version:\s+1\.7\n/);
    expect(info).toMatch(/Tagged:\s+yes\n/);
    expect(info).toMatch(/Encrypted:\s+no\n/);
  });

  it("carries pdfkit's sRGB output intent and a tagged structure in reading order", async () => {
    const pdf = await renderCertificatePdf(base, "nl", ISSUED);
    const raw = pdf.toString("latin1");
    expect(raw).toMatch(/\/OutputIntents \[\d+ 0 R\]/);
    expect(raw).toContain("/S /GTS_PDFA1");
    expect(raw).toContain("/OutputConditionIdentifier (sRGB IEC61966-2.1)");
    const struct = run("pdfinfo", "-struct-text", save(pdf));
    expect(struct).toMatch(/^Document\n {2}Sect\n {4}P \(block\)\n {6}"Buurt & Co <Amsterdam>"\n {4}H1 \(block\)\n {6}"Certificaat"/);
    expect(struct).toContain('"Fatima El Idrissi"');
    expect(struct).toContain('"Controlecode: pdfatest · https://leerlijn.example/verify/pdfatest"');
  });

  it("embeds every font it uses, and no standard font", async () => {
    const list = fonts(save(await renderCertificatePdf({ ...base, participantName: "محمد العلي" }, "nl", ISSUED)));
    expect(list.length).toBeGreaterThanOrEqual(2);
    for (const f of list) {
      expect(f.emb).toBe("yes");
      expect(f.name).toMatch(/^[A-Z]{6}\+DejaVuSans/);
    }
  });

  it("has no attachment unless asked", async () => {
    const file = save(await renderCertificatePdf(base, "nl", ISSUED));
    expect(run("pdfdetach", "-list", file).trim()).toBe("0 embedded files");
    expect((await fs.promises.readFile(file)).toString("latin1")).not.toContain("/AF [");
  });

  it("carries an attached credential as a PDF/A-3 associated file that comes back byte for byte", async () => {
    const binary = Buffer.from([0, 255, 1, 254, 0x25, 0x50, 0x44, 0x46, 10, 13]);
    const pdf = await renderCertificatePdf(base, "nl", ISSUED, {
      attachments: [
        {
          name: "leerlijn-credential.json",
          content: credential,
          mimeType: "application/ld+json",
          description: "Ondertekend certificaat (Open Badges 3.0)",
          relationship: "Alternative",
        },
        { name: "bron.bin", content: binary, mimeType: "application/octet-stream", description: "Bytes", relationship: "Data" },
      ],
    });
    const file = save(pdf);
    // The attachment list is a name tree: sorted by name.
    expect(run("pdfdetach", "-list", file)).toBe("2 embedded files\n1: bron.bin\n2: leerlijn-credential.json\n");
    const out = path.join(dir, "credential.json");
    execFileSync("pdfdetach", ["-savefile", "leerlijn-credential.json", "-o", out, file]);
    expect(fs.readFileSync(out).equals(Buffer.from(credential, "utf8"))).toBe(true);
    const outBin = path.join(dir, "bron.bin");
    execFileSync("pdfdetach", ["-savefile", "bron.bin", "-o", outBin, file]);
    expect(fs.readFileSync(outBin).equals(binary)).toBe(true);

    // PDF/A-3: each file in the catalog's associated files, with its relationship and MIME type.
    const raw = pdf.toString("latin1");
    expect(raw).toMatch(/\/Type \/Catalog[^]*?\/AF \[\d+ 0 R \d+ 0 R\]/);
    expect(raw).toMatch(/\/Type \/Filespec\n\/AFRelationship \/Alternative\n\/F \(leerlijn-credential\.json\)/);
    expect(raw).toMatch(/\/Type \/Filespec\n\/AFRelationship \/Data\n\/F \(bron\.bin\)/);
    expect(raw).toContain("/Subtype /application#2Fld+json");
    expect(raw).toContain("/UF (leerlijn-credential.json)");
    expect(raw).toContain("/ModDate (D:20260701100000Z)");
    // Still PDF/A-3b with the attachment.
    expect(run("pdfinfo", "-meta", file)).toMatch(/<pdfaid:part>3<\/pdfaid:part>/);
  });

  it("embeds a text as its own bytes, never as a path to read", async () => {
    const file = save(
      await renderCertificatePdf(base, "nl", ISSUED, {
        attachments: [{ name: "pad.txt", content: "/etc/hostname", mimeType: "text/plain", description: "Tekst" }],
      }),
    );
    const out = path.join(dir, "pad.txt");
    execFileSync("pdfdetach", ["-savefile", "pad.txt", "-o", out, file]);
    expect(fs.readFileSync(out, "utf8")).toBe("/etc/hostname");
    expect((await fs.promises.readFile(file)).toString("latin1")).toMatch(/\/AFRelationship \/Unspecified\n\/F \(pad\.txt\)/);
  });

  it("refuses two attachments with one name (a reader could only show one)", async () => {
    const a = { name: "x.json", content: "{}", mimeType: "application/json", description: "x" };
    await expect(renderCertificatePdf(base, "nl", ISSUED, { attachments: [a, a] })).rejects.toThrow(/x\.json/);
  });

  it("makes the cohort's certificate book PDF/A-3b too: a tagged section per page, fonts embedded, no attachments", async () => {
    const file = save(await renderCertificateBook([base, { ...base, participantName: "Sem de Vries", number: "2026-0043" }], "Groep 1", "nl", ISSUED));
    const info = run("pdfinfo", file);
    expect(info).toMatch(/Pages:\s+2\n/);
    expect(info).toMatch(/Title:\s+Certificaten Groep 1\n/);
    const meta = run("pdfinfo", "-meta", file);
    expect(meta).toMatch(/<pdfaid:part>3<\/pdfaid:part>/);
    expect(meta).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
    expect(
      run("pdfinfo", "-struct", file)
        .split("\n")
        .filter((l) => /^\S|^ {2}\S/.test(l)),
    ).toEqual(["Document", "  Sect", "  Sect"]);
    for (const f of fonts(file)) expect(f.emb).toBe("yes");
    expect(run("pdfdetach", "-list", file).trim()).toBe("0 embedded files");
    expect(run("pdftotext", "-enc", "UTF-8", file, "-")).toContain("Sem de Vries");
  });
});
