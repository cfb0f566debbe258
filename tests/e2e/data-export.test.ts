import fs from "node:fs";
import { strFromU8, unzipSync } from "fflate";
import type { Browser } from "playwright-core";
import { baseUrl, launchBrowser, withCheckedPage, type CheckedPage } from "./support";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const withPage = (fn: (p: CheckedPage) => Promise<void>, opts?: Parameters<typeof CheckedPage.open>[1]) => withCheckedPage(browser, fn, opts);

describe("download my data", () => {
  it("a participant finds the page from the home page and downloads a ZIP with the JSON and the PDF", async () => {
    await withPage(async (p) => {
      await p.login("deelnemer11@leerlijn.test");
      await Promise.all([p.page.waitForURL(/\/deelnemer\/mijn-gegevens$/), p.page.getByRole("link", { name: "Mijn gegevens downloaden" }).click()]);
      await p.afterNavigation();
      await p.page.getByRole("heading", { level: 1, name: "Mijn gegevens downloaden" }).waitFor();
      await p.page.getByText("Gegevens van andere deelnemers staan er niet in.").waitFor();

      const [download] = await Promise.all([p.page.waitForEvent("download"), p.page.getByRole("link", { name: "Download mijn gegevens (ZIP)" }).click()]);
      expect(download.suggestedFilename()).toMatch(/^mijn-gegevens-\d{4}-\d{2}-\d{2}\.zip$/);
      const file = await download.path();
      const entries = unzipSync(new Uint8Array(fs.readFileSync(file)));
      expect(Object.keys(entries).sort()).toEqual(["gegevens.json", "gegevens.pdf"]);
      const data = JSON.parse(strFromU8(entries["gegevens.json"])) as {
        participant: { name: string };
        sections: Record<string, { uitleg: string; rows: { email?: string }[] }>;
      };
      expect(data.sections.account.rows[0].email).toBe("deelnemer11@leerlijn.test");
      expect(data.sections.practice_entries.rows.length).toBeGreaterThan(0);
      expect(data.sections.attendance.uitleg).toMatch(/aanwezig/);
      expect(Buffer.from(entries["gegevens.pdf"]).subarray(0, 5).toString()).toBe("%PDF-");
    });
  });

  it("the ZIP is not cached, is an attachment, and is only for a signed-in participant", async () => {
    const anonymous = await fetch(`${baseUrl()}/deelnemer/mijn-gegevens.zip`, { redirect: "manual" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/login/);

    await withPage(async (p) => {
      await p.login("deelnemer11@leerlijn.test");
      const res = await p.page.request.get("/deelnemer/mijn-gegevens.zip");
      expect(res.status()).toBe(200);
      expect(res.headers()["content-type"]).toBe("application/zip");
      expect(res.headers()["content-disposition"]).toMatch(/^attachment; filename="mijn-gegevens-/);
      // The server adds no-store to every answer too; either way nothing else may be in it.
      expect(new Set(res.headers()["cache-control"].split(/,\s*/))).toEqual(new Set(["no-store"]));
    });

    await withPage(async (p) => {
      await p.login("trainer@leerlijn.test");
      const res = await p.page.request.get("/deelnemer/mijn-gegevens.zip");
      expect(res.status()).toBe(403);
    });
  });

  it("works without JavaScript", async () => {
    await withPage(
      async (p) => {
        await p.login("deelnemer11@leerlijn.test");
        await p.visit("/deelnemer/mijn-gegevens");
        const [download] = await Promise.all([p.page.waitForEvent("download"), p.page.getByRole("link", { name: "Download mijn gegevens (ZIP)" }).click()]);
        const entries = unzipSync(new Uint8Array(fs.readFileSync(await download.path())));
        expect(Object.keys(entries)).toContain("gegevens.json");
      },
      { javaScriptEnabled: false },
    );
  });
});
