import fs from "node:fs";
import type { Browser } from "playwright-core";
import { revokeCertificate } from "../../app/services/certificates.server";
import { type CheckedPage, launchBrowser, withCheckedPage } from "./support";
import { E2E_PASSWORD, makeFinishedGroup, type Person, withServerDb } from "./factories";

/**
 * Issue 30, point 5 in the browser: a participant downloads their digital certificate (Open Badges
 * 3.0, .json) from their home page; an anonymous visitor, without JavaScript, pastes it on
 * /verify/credential and reads "Echt."; after the certificate is revoked the same paste says
 * "Ingetrokken.". Point 1: the participant leaves their name out of it (a new credential; the
 * earlier one is then "Ingetrokken.") and puts it back. A finished group of its own (factories.ts):
 * the demo's certificate stays valid.
 */
jest.setTimeout(180_000);
let browser: Browser;
let certified: Person;
beforeAll(async () => {
  browser = await launchBrowser();
  certified = (await withServerDb((db) => makeFinishedGroup(db))).certified;
});
afterAll(async () => {
  await browser?.close();
});

const withPage = (fn: (p: CheckedPage) => Promise<void>, opts?: Parameters<typeof withCheckedPage>[2]) => withCheckedPage(browser, fn, opts);

async function pasteAndCheck(p: CheckedPage, json: string) {
  await p.visit("/verify/credential");
  await p.page.getByLabel("Inhoud van het digitale certificaat").fill(json);
  await Promise.all([p.page.waitForLoadState("load"), p.page.getByRole("button", { name: "Controleren" }).click()]);
  await p.afterNavigation();
}

describe("the digital certificate (Open Badges 3.0)", () => {
  let json = "";

  it("the participant downloads it from their home page, with a short explanation", async () => {
    await withPage(async (p) => {
      await p.login(certified.email, E2E_PASSWORD);
      await p.page.getByRole("heading", { name: "Je digitale certificaat" }).waitFor();
      await p.page.getByText(/een digitale portemonnee \(wallet\), toevoegen aan edubadges/).waitFor();
      const [download] = await Promise.all([
        p.page.waitForEvent("download"),
        p.page.getByRole("link", { name: "Download het digitale certificaat (.json)" }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^certificaat-.+\.json$/);
      json = fs.readFileSync((await download.path())!, "utf8");
      const credential = JSON.parse(json);
      expect(credential.type).toEqual(["VerifiableCredential", "OpenBadgeCredential"]);
      expect(credential.credentialSubject.name).toBe(certified.name);
      expect(json).not.toContain(certified.email);
    });
  });

  it("the public verify page of the certificate checks the credential and offers it", async () => {
    const code = await withServerDb(async (db) => {
      const cert = await db.selectFrom("certificates").select("verification_code").where("participant_id", "=", certified.id).executeTakeFirstOrThrow();
      return cert.verification_code;
    });
    await withPage(async (p) => {
      await p.visit(`/verify/${code}`);
      const section = p.page.getByTestId("credential");
      await section.getByText("De digitale handtekening klopt.").waitFor();
      await section.getByText("Het certificaat staat niet op de lijst van ingetrokken certificaten.").waitFor();
      const [download] = await Promise.all([
        p.page.waitForEvent("download"),
        section.getByRole("link", { name: "Download het digitale certificaat (.json)" }).click(),
      ]);
      expect(fs.readFileSync((await download.path())!, "utf8")).toBe(json);
    });
  });

  it("without JavaScript the participant leaves their name out: a new credential without it; the earlier one is then ingetrokken; yes again", async () => {
    const download = async (p: CheckedPage) => {
      const [file] = await Promise.all([
        p.page.waitForEvent("download"),
        p.page.getByRole("link", { name: "Download het digitale certificaat (.json)" }).click(),
      ]);
      return fs.readFileSync((await file.path())!, "utf8");
    };
    const choose = async (p: CheckedPage, label: "Ja" | "Nee") => {
      await p.page.getByRole("group", { name: "Mijn naam staat in het digitale certificaat" }).getByLabel(label, { exact: true }).check();
      await Promise.all([p.page.waitForLoadState("load"), p.page.getByRole("button", { name: "Keuze opslaan" }).click()]);
      await p.afterNavigation();
      await p.page.getByText("Je keuze is opgeslagen.", { exact: false }).waitFor();
    };
    let nameless = "";
    await withPage(
      async (p) => {
        await p.login(certified.email, E2E_PASSWORD);
        // From the home, a link to the digital certificate's own page with the choice.
        await Promise.all([
          p.page.waitForURL("**/deelnemer/digitaal-certificaat"),
          p.page.getByRole("link", { name: "Je digitale certificaat: kies of je naam erin staat" }).click(),
        ]);
        await p.afterNavigation();
        await p.page.getByText(/alleen dat het hoort bij wie dit e-mailadres heeft/).waitFor();
        expect(await p.page.getByLabel("Ja", { exact: true }).isChecked()).toBe(true);
        await choose(p, "Nee");
        expect(await p.page.getByLabel("Nee", { exact: true }).isChecked()).toBe(true);
        nameless = await download(p);
        expect(JSON.parse(nameless).credentialSubject.name).toBeUndefined();
        expect(nameless).not.toContain(certified.name);
      },
      { javaScriptEnabled: false },
    );
    await withPage(
      async (p) => {
        await pasteAndCheck(p, nameless);
        await p.page.getByText("Echt.", { exact: true }).waitFor();
        await pasteAndCheck(p, json);
        await p.page.getByText("Ingetrokken.", { exact: true }).waitFor();
      },
      { javaScriptEnabled: false },
    );
    // With JavaScript (the same form, checked in the browser first): the name comes back.
    await withPage(async (p) => {
      await p.login(certified.email, E2E_PASSWORD);
      await p.visit("/deelnemer/digitaal-certificaat");
      await choose(p, "Ja");
      json = await download(p);
      expect(JSON.parse(json).credentialSubject.name).toBe(certified.name);
    });
  });

  it("an anonymous visitor pastes it (no JavaScript) and reads: echt; after revocation: ingetrokken; changed: not genuine", async () => {
    await withPage(
      async (p) => {
        await pasteAndCheck(p, json);
        await p.page.getByText("Echt.", { exact: true }).waitFor();
        await p.page.getByText(certified.name).first().waitFor();
        await pasteAndCheck(p, json.replace(certified.name, "Iemand Anders"));
        await p.page.getByText("Veranderd of niet echt.", { exact: true }).waitFor();
      },
      { javaScriptEnabled: false },
    );
    await withServerDb(async (db) => {
      const coordinator = await db.selectFrom("users").select(["id", "role"]).where("email", "=", "coordinator@leerlijn.test").executeTakeFirstOrThrow();
      const cert = await db.selectFrom("certificates").select("id").where("participant_id", "=", certified.id).executeTakeFirstOrThrow();
      await revokeCertificate(db, { id: coordinator.id, role: "coordinator" } as never, cert.id, "Test: ingetrokken");
    });
    await withPage(
      async (p) => {
        await pasteAndCheck(p, json);
        await p.page.getByText("Ingetrokken.", { exact: true }).waitFor();
      },
      { javaScriptEnabled: false },
    );
  });
});
