import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as fontkit from "fontkit";
import { renderCertificatePdf, type CertificateSnapshot } from "../../app/services/pdf/certificate-pdf.server";
import { FONT_BOLD } from "../../app/services/pdf/fonts.server";

/** Names on the printed certificate (issue 24, point 9): long names fit, other scripts print. */

const base: CertificateSnapshot = {
  number: "2026-0999",
  verificationCode: "naamtest",
  verifyUrl: "https://leerlijn.example/verify/naamtest",
  participantName: "",
  leerlijn: { name: "Leerlijn Buurtteams", version: 1, level: "post-mbo" },
  cohort: { name: "Groep", startDate: "2026-01-01", endDate: "2026-06-30" },
  hours: { learning: 60, practice: 60 },
  trainings: ["Training"],
  issuedOn: "2026-07-01",
  place: "Amsterdam",
  issuer: "Vrijwilligersacademie",
  partners: [],
  title: "Certificaat",
  statement: "heeft met goed gevolg afgerond",
  signatories: [{ name: "J. Voorbeeld", role: "Examinator" }],
  replaces: null,
};

interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** The words on the first page with their boxes, as poppler reads them from the PDF. */
async function wordsOf(name: string): Promise<{ words: Word[]; text: string; pageWidth: number }> {
  const pdf = await renderCertificatePdf({ ...base, participantName: name }, "nl", new Date("2026-07-01T10:00:00Z"));
  const file = path.join(os.tmpdir(), `naam-${process.pid}-${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(file, pdf);
  try {
    const html = execFileSync("pdftotext", ["-enc", "UTF-8", "-f", "1", "-l", "1", "-bbox", file, "-"]).toString("utf8");
    const pageWidth = Number(/<page width="([\d.]+)"/.exec(html)![1]);
    const words = [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
      xMin: Number(m[1]),
      yMin: Number(m[2]),
      xMax: Number(m[3]),
      yMax: Number(m[4]),
      text: m[5]!.replace(/&amp;/g, "&").replace(/&#39;/g, "'"),
    }));
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", "-f", "1", "-l", "1", file, "-"]).toString("utf8");
    return { words, text, pageWidth };
  } finally {
    fs.rmSync(file, { force: true });
  }
}

describe("the name on the certificate", () => {
  it("shrinks a 120-character name to fit between 'awarded to' and the statement, inside the page", async () => {
    const name = "Anna-Maria Wilhelmina Theodora Zwaantje van Oldenbarnevelt-Hoogstraten tot Duivenvoorde en Ter Horst Scheltema-Beukelaar";
    expect(name.length).toBe(120);
    const { words, pageWidth } = await wordsOf(name);
    // The line above the name and the statement below it (both fixed in place on the page).
    const awardedBottom = Math.max(...words.filter((w) => w.text === "dat").map((w) => w.yMax));
    const statementTop = Math.min(...words.filter((w) => w.text === "heeft").map((w) => w.yMin));
    // Every word of the name lies between the two, inside the page's border, in reading order.
    const between = words.filter((w) => w.yMin >= awardedBottom && w.yMax <= statementTop).sort((a, b) => a.yMin - b.yMin || a.xMin - b.xMin);
    expect(
      between
        .map((w) => w.text)
        .join(" ")
        .replace(/- /g, "-"),
    ).toBe(name);
    for (const w of between) {
      expect(w.xMin).toBeGreaterThan(32);
      expect(w.xMax).toBeLessThan(pageWidth - 32);
    }
  });

  it("prints Turkish, Polish, Cyrillic and Tifinagh letters as themselves (no empty boxes)", async () => {
    for (const name of ["Şükrü Ağaoğlu İnce", "Łukasz Żółć", "Олена Шевченко", "ⵜⴰⵎⴰⵣⵉⵖⵜ ⵎⵓⵃⵏⴷ"]) {
      const { text } = await wordsOf(name);
      expect(text.replace(/\s+/g, " ")).toContain(name);
    }
  });

  it("prints an Arabic name with its words in right-to-left order, shaped by the font", async () => {
    const name = "محمد علي";
    const { words } = await wordsOf(name);
    // Poppler reads the page left to right: read backwards, that is the name as written (the
    // first word on the right), its letters mapped back from the joined forms the font drew.
    const seen = words
      .filter((w) => /[\u0600-\u06ff]/.test(w.text))
      .sort((a, b) => a.xMin - b.xMin)
      .map((w) => w.text)
      .join("");
    expect([...seen].reverse().join("")).toBe(name.replace(" ", ""));
    // The joined forms: the font engine pdfkit uses turns the letters into initial, medial and
    // final forms (Arabic presentation forms), not isolated letters.
    const run = fontkit.create(FONT_BOLD).layout("محمد");
    expect(run.glyphs.map((g) => g.name)).toEqual(["uniFEAA", "uniFEE4", "uniFEA4", "uniFEE3"]);
  });
});

describe("a person's name in the app", () => {
  it("is checked by the service too: hidden characters and unprintable ones are refused, the name is stored normalised", async () => {
    const { createTestDb } = await import("../support/db");
    const { createInvitedUser } = await import("../../app/services/users.server");
    const t = await createTestDb("empty");
    try {
      const refusalOf = (name: string) =>
        createInvitedUser(t.db, { name, email: `n${Math.random().toString(36).slice(2)}@voorbeeld.test`, role: "participant" }, null).then(
          () => "accepted",
          (e: unknown) => (e as { messageKey?: string }).messageKey,
        );
      expect(await refusalOf("Anna\u202Eaksel")).toBe("form.name.hidden");
      expect(await refusalOf("Ann\u200Ba")).toBe("form.name.hidden");
      expect(await refusalOf("Anna 😀")).toBe("form.name.script");
      // A Latin letter outside the font (Latin Extended-D) would print as an empty box: refused.
      expect(await refusalOf("Anna \uA7C0")).toBe("form.name.script");
      const stored = await createInvitedUser(t.db, { name: " Jose\u0301  Şükrü ", email: "jose@voorbeeld.test", role: "participant" }, null);
      expect(stored.name).toBe("José Şükrü");
    } finally {
      await t.close();
    }
  });
});
