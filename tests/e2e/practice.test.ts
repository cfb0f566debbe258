import type { Browser } from "playwright-core";
import { type CheckedPage, launchBrowser, withCheckedPage } from "./support";
import { currentTimeMs } from "../../app/clock.server";
import { chooseTrainingFor, makeGroup, makePlacement, type Group, type Person, withServerDb } from "./factories";

/**
 * A group of its own (factories.ts): one participant with a practice place who chose one training
 * of six hours (so 6 of the 12 elective hours; its place already confirmed), and the group's trainer.
 */
let browser: Browser;
let group: Group;
let participant: Person;
beforeAll(async () => {
  browser = await launchBrowser();
  group = await withServerDb(async (db) => {
    const g = await makeGroup(db, { participants: 1 });
    await makePlacement(db, g.participants[0]);
    await chooseTrainingFor(db, g.participants[0], "beter-vragen-stellen", g);
    return g;
  });
  participant = group.participants[0];
});
afterAll(async () => {
  await browser?.close();
});

const withPage = (fn: (p: CheckedPage) => Promise<void>, opts?: Parameters<typeof withCheckedPage>[2]) => withCheckedPage(browser, fn, opts);

/** "8,25 van 60 uur bevestigd" → 8.25 */
function confirmedHours(text: string | null): number {
  const m = /^([\d.,]+) van/.exec(text ?? "");
  if (!m) throw new Error(`Geen uren in: ${text}`);
  return Number(m[1].replace(/\./g, "").replace(",", "."));
}

const stamp = currentTimeMs();
const ENTRIES = [
  { hours: "1,5", activity: "Teamoverleg", description: `Teamoverleg over de wijkaanpak ${stamp}` },
  { hours: "2", activity: "Inloop of spreekuur", description: `Spreekuur in het buurthuis ${stamp}` },
  { hours: "0,75", activity: "Casusbespreking", description: `Casusbespreking met de jeugdconsulent ${stamp}` },
];

describe("the participant's own leerlijn", () => {
  let signoffUrl = "";
  let before = 0;

  it("the participant chooses a training, logs three practice entries and asks for sign-off", async () => {
    await withPage(async (p) => {
      await p.login(participant.email, participant.password);
      const nav = p.page.getByRole("navigation", { name: "Hoofdmenu" });
      await Promise.all([p.page.waitForURL(/\/deelnemer\/trainingen$/), nav.getByRole("link", { name: "Trainingen" }).click()]);
      await p.afterNavigation();
      await p.page.getByText("Je hebt 6 van de 12 keuze-uren gekozen.").waitFor();
      await p.page.getByRole("button", { name: "Kies Verbindend (oordeelloos) communiceren" }).click();
      await p.page.getByText("Je hebt de training gekozen.").waitFor();
      await p.afterNavigation();
      await p.page.getByText("Je hebt 12 van de 12 keuze-uren gekozen.").waitFor();
      await expect(p.page.getByRole("button", { name: "Zeg Verbindend (oordeelloos) communiceren af" }).count()).resolves.toBe(1);

      await Promise.all([p.page.waitForURL(/\/deelnemer\/praktijk$/), nav.getByRole("link", { name: "Praktijkuren" }).click()]);
      await p.afterNavigation();
      before = confirmedHours(await p.page.getByTestId("practice-confirmed").textContent());

      // Bad input first: a clear message, nothing stored.
      await p.page.getByLabel("Aantal uren").fill("-3");
      await p.page.getByLabel("Wat voor werk was het?").selectOption({ label: "Teamoverleg" });
      await p.page.getByLabel("Wat deed je?").fill("Iets");
      await p.page.getByLabel("Wat leerde je ervan?").fill("Iets");
      await p.page.getByRole("button", { name: "Uren opslaan" }).click();
      await p.page.getByText("Het aantal uren moet meer dan 0 zijn.").waitFor();

      for (const e of ENTRIES) {
        await p.page.getByLabel("Aantal uren").fill(e.hours);
        await p.page.getByLabel("Wat voor werk was het?").selectOption({ label: e.activity });
        await p.page.getByLabel("Wat deed je?").fill(e.description);
        await p.page.getByLabel("Wat leerde je ervan?").fill("Ik bleef dicht bij wat de bewoner zelf wilde.");
        await p.page.getByRole("button", { name: "Uren opslaan" }).click();
        await p.page.getByRole("cell", { name: e.description }).waitFor();
        await p.afterNavigation();
      }
      await expect(p.page.getByRole("status").filter({ hasText: "Je uren zijn opgeslagen" }).count()).resolves.toBe(1);

      await p.page.getByRole("button", { name: /^Maak een link voor mijn werkbegeleider/ }).click();
      await p.page.getByTestId("signoff-url").waitFor();
      await p.afterNavigation();
      signoffUrl = (await p.page.getByTestId("signoff-url").textContent()) ?? "";
      expect(signoffUrl).toMatch(/\/bevestigen\/[A-Za-z0-9_-]{40,}$/);
      await expect(p.page.getByRole("link", { name: /^Stuur de link per e-mail naar/ }).getAttribute("href")).resolves.toMatch(/^mailto:/);
    });
  });

  it("the werkbegeleider, without an account and without JavaScript, confirms two entries and rejects one with a comment", async () => {
    await withPage(
      async (p) => {
        await p.visit(new URL(signoffUrl).pathname);
        await p.page.getByRole("heading", { name: `Praktijkuren van ${participant.name} bevestigen` }).waitFor();
        // One voice for the werkbegeleider: "u", and the participant's texts labelled about them ("Wat Sanne deed:"), not "Wat deed je?:".
        const words = (await p.page.locator("main").innerText()).replace(/\s+/g, " ");
        expect(words).not.toMatch(/\b(je|jij|jou|jouw)\b/i);
        expect(words).not.toContain("?:");
        expect(words).toContain(`Wat ${participant.name} deed: ${ENTRIES[0].description}`);
        const entry = (i: number) => p.page.getByRole("group").filter({ hasText: ENTRIES[i].description });
        await entry(0).getByLabel("Bevestigen", { exact: true }).check();
        await entry(1).getByLabel("Bevestigen", { exact: true }).check();
        await entry(2).getByLabel("Afwijzen", { exact: true }).check();
        // Rejecting without a reason is refused, and nothing is decided.
        await p.page.getByRole("button", { name: "Beslissingen versturen" }).click();
        await p.page.getByText("Schrijf kort op waarom deze regel niet klopt.", { exact: true }).waitFor();
        await p.afterNavigation();
        // Nothing the werkbegeleider chose is lost on the refused form.
        await expect(entry(0).getByLabel("Bevestigen", { exact: true }).isChecked()).resolves.toBe(true);
        await expect(entry(2).getByLabel("Afwijzen", { exact: true }).isChecked()).resolves.toBe(true);
        await entry(2).getByLabel("Opmerking (nodig bij afwijzen)").fill("Dit was een overleg van de cursus, geen praktijk.");
        await p.page.getByRole("button", { name: "Beslissingen versturen" }).click();
        await p.page.getByText("Dank u wel. 3 regels zijn beoordeeld.").waitFor();
        await p.afterNavigation();
        // The decided entries are gone from the link's list.
        await expect(p.page.getByText(ENTRIES[0].description).count()).resolves.toBe(0);
      },
      { javaScriptEnabled: false },
    );
  });

  it("the participant sees the confirmed total and the rejection with its comment", async () => {
    await withPage(async (p) => {
      await p.login(participant.email, participant.password);
      await p.visit("/deelnemer/praktijk");
      const after = confirmedHours(await p.page.getByTestId("practice-confirmed").textContent());
      expect(after).toBeCloseTo(before + 3.5, 5);
      const rejected = p.page.getByRole("row").filter({ hasText: ENTRIES[2].description });
      await expect(rejected.textContent()).resolves.toContain("Afgewezen");
      await expect(rejected.textContent()).resolves.toContain("Dit was een overleg van de cursus, geen praktijk.");
      const confirmed = p.page.getByRole("row").filter({ hasText: ENTRIES[0].description });
      await expect(confirmed.textContent()).resolves.toContain("werkbegeleider, via link");
      await expect(confirmed.textContent()).resolves.toContain("Vast (bevestigd)");
    });
  });

  it("the trainer sees the choice, confirms the place, and sees the hours in the group overview", async () => {
    await withPage(async (p) => {
      await p.login(group.trainer.email, group.trainer.password);
      await Promise.all([p.page.waitForURL(/\/trainer\/cohorten\/\d+$/), p.page.getByRole("link", { name: group.name }).click()]);
      await p.afterNavigation();
      await Promise.all([p.page.waitForURL(/\/trainingen$/), p.page.getByRole("link", { name: "Trainingen van de groep" }).click()]);
      await p.afterNavigation();
      const section = p.page.getByRole("region", { name: "Verbindend (oordeelloos) communiceren" });
      const row = section.getByRole("row").filter({ hasText: participant.name });
      await expect(row.textContent()).resolves.toContain("Gekozen, nog niet bevestigd");
      await p.page.getByRole("button", { name: `Bevestigen: plek van ${participant.name}` }).click();
      await p.page.getByText("De plek is bevestigd.").waitFor();
      await p.afterNavigation();
      await expect(section.getByRole("row").filter({ hasText: participant.name }).textContent()).resolves.toContain("Bevestigd");

      await p.page.goBack();
      await p.afterNavigation();
      await Promise.all([p.page.waitForURL(/\/praktijk$/), p.page.getByRole("link", { name: "Praktijkuren van de groep" }).click()]);
      await p.afterNavigation();
      await Promise.all([p.page.waitForURL(/\/praktijk\/\d+$/), p.page.getByRole("link", { name: participant.name }).click()]);
      await p.afterNavigation();
      await p.page.getByRole("heading", { name: `Praktijkuren van ${participant.name}` }).waitFor();
    });
  });
});
