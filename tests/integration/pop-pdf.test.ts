import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { emptyLeerdoel } from "../../app/rules/pop";
import { renderGopPdf, renderPopPdf } from "../../app/services/pdf/pop-pdf.server";

const input = {
  participant: "Aïcha Toure",
  cohort: "Leerlijn Buurtteams 2026-1",
  status: "Goedgekeurd",
  version: 3,
  approvedVersion: 3,
  content: {
    wieBenIk: "",
    sterkeKanten: "Ik kan goed luisteren; ik ben geïnteresseerd in de ander.",
    ontwikkelpunten: "Grenzen aangeven (ook als het spannend wordt).",
    leerdoelen: [{ ...emptyLeerdoel(), doel: "Drie open vragen per gesprek", competentie: "contact", acties: "Oefenen" }],
  },
  competencies: [{ code: "contact", title: "Contact en communicatie" }],
  lang: "nl" as const,
  printedAt: new Date("2026-11-22T12:00:00Z"),
};

describe("POP as PDF", () => {
  it("is a PDF with an embedded font and the text readable back, Dutch characters intact", async () => {
    const pdf = await renderPopPdf(input);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.toString("latin1")).toMatch(/FontFile2/);
    const file = path.join(os.tmpdir(), `pop-${process.pid}.pdf`);
    fs.writeFileSync(file, pdf);
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"]).toString("utf8").replace(/\s+/g, " ");
    fs.rmSync(file);
    expect(text).toContain("POP van Aïcha Toure");
    expect(text).toContain("Ik kan goed luisteren; ik ben geïnteresseerd in de ander.");
    expect(text).toContain("Leerdoel 1");
    expect(text).toContain("Contact en communicatie");
    expect(text).toContain("versie 3 is goedgekeurd");
  });

  it("gives the same text for the same plan", async () => {
    const a = await renderPopPdf(input);
    const b = await renderPopPdf(input);
    expect(a.length).toBe(b.length);
  });
});

describe("GOP as PDF", () => {
  it("prints goals, agreements and evaluation", async () => {
    const pdf = await renderGopPdf({
      cohort: "Leerlijn Buurtteams 2026-1",
      status: "Concept",
      version: 2,
      content: {
        goals: [{ doel: "Feedback geven", actie: "Tip en top", wie: "Iedereen", wanneer: "Elke les" }],
        agreements: "Wat hier gezegd wordt, blijft hier.",
        evaluation: "",
      },
      lang: "nl",
      printedAt: new Date("2026-11-22T12:00:00Z"),
    });
    const file = path.join(os.tmpdir(), `gop-${process.pid}.pdf`);
    fs.writeFileSync(file, pdf);
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"]).toString("utf8").replace(/\s+/g, " ");
    fs.rmSync(file);
    expect(text).toContain("Groepsontwikkelingsplan van Leerlijn Buurtteams 2026-1");
    expect(text).toContain("1. Feedback geven");
    expect(text).toContain("Wat hier gezegd wordt, blijft hier.");
  });
});
