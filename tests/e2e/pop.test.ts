import type { Browser } from "playwright-core";
import { CheckedPage, launchBrowser, withCheckedPage } from "./support";
import { makeGroup, type Group, type Person, withServerDb } from "./factories";

/**
 * A group of its own (factories.ts) with a trainer and three participants without a POP: one for
 * the whole journey, one who compares versions and gets hers returned, one who autosaves and is
 * the "other participant" who may not see the others' POPs.
 */
let browser: Browser;
let group: Group;
let journey: Person;
let comparer: Person;
let other: Person;
beforeAll(async () => {
  browser = await launchBrowser();
  group = await withServerDb((db) => makeGroup(db, { participants: 3 }));
  [journey, comparer, other] = group.participants;
});
afterAll(async () => {
  await browser?.close();
});

const withPage = (fn: (p: CheckedPage) => Promise<void>, opts?: Parameters<typeof CheckedPage.open>[1]) => withCheckedPage(browser, fn, opts);

async function fillGoal(p: CheckedPage, n: number, doel: string, competentie: string) {
  const label = (field: string) => `${field} (Leerdoel ${n})`;
  await p.page.getByLabel(label("Doel"), { exact: true }).fill(doel);
  await p.page.getByLabel(label("Bij welke competentie hoort dit?")).selectOption(competentie);
  await p.page.getByLabel(label("Wat ga ik doen?")).fill("Elke week oefenen in gesprekken met bewoners.");
  await p.page.getByLabel(label("Wie helpt mij?")).fill("Mijn trainer en mijn werkbegeleider.");
  await p.page.getByLabel(label("Wanneer?"), { exact: true }).fill("Voor het eind van de leerlijn.");
  await p.page.getByLabel(label("Hoe laat ik zien dat het gelukt is?")).fill("Een verslag van drie gesprekken.");
}

describe("POP journey", () => {
  it("participant writes and hands in; trainer comments and returns; participant changes and hands in again; trainer approves", async () => {
    await withPage(async (p) => {
      await p.login(journey.email, journey.password);
      await Promise.all([
        p.page.waitForURL(/\/deelnemer\/pop$/),
        p.page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Mijn POP" }).click(),
      ]);
      await p.afterNavigation();
      await p.page.getByLabel("Sterke kanten").fill("Ik kan goed luisteren.");
      await p.page.getByLabel("Ontwikkelpunten").fill("Grenzen aangeven.");
      await fillGoal(p, 1, "Open vragen stellen in elk gesprek", "contact");
      await fillGoal(p, 2, "Mijn eigen verhaal kort houden", "eigen-ervaring");
      await p.page.getByRole("button", { name: "Opslaan", exact: true }).click();
      await p.page.getByText("Opgeslagen als versie 1.").waitFor();
      await p.afterNavigation();
      await p.page.getByRole("button", { name: "Opslaan en inleveren bij de trainer" }).click();
      await p.page.getByText("Je POP is ingeleverd.").waitFor();
      await p.afterNavigation();
    });

    await withPage(async (p) => {
      await p.login(group.trainer.email, group.trainer.password);
      await Promise.all([p.page.waitForURL(/\/trainer\/cohorten\/\d+$/), p.page.getByRole("link", { name: group.name }).click()]);
      await p.afterNavigation();
      await Promise.all([p.page.waitForURL(/\/pop\/\d+$/), p.page.getByRole("link", { name: `POP ${journey.name}: Ingeleverd` }).click()]);
      await p.afterNavigation();
      const section = p.page.locator("section").filter({ has: p.page.getByRole("heading", { name: "Leerdoel 1" }) });
      await section.getByLabel("Opmerking bij dit onderdeel").fill("Hoeveel open vragen? Maak het meetbaar.");
      await section.getByRole("button", { name: "Opmerking plaatsen" }).click();
      await p.page.getByText("Je opmerking is geplaatst.").waitFor();
      await p.afterNavigation();
      await p.page.getByRole("button", { name: "Terugsturen voor aanpassing" }).click();
      await p.page.getByText("Het POP is teruggestuurd voor aanpassing.").waitFor();
      await p.afterNavigation();
    });

    await withPage(async (p) => {
      await p.login(journey.email, journey.password);
      await p.visit("/deelnemer/pop");
      await p.page.getByText("Terug voor aanpassing").first().waitFor();
      await p.page.getByText("Hoeveel open vragen? Maak het meetbaar.").first().waitFor();
      await p.page.getByLabel("Doel (Leerdoel 1)", { exact: true }).fill("Drie open vragen in elk gesprek");
      await p.page.getByLabel("Jouw antwoord").fill("Ik heb er drie van gemaakt.");
      await p.page.getByRole("button", { name: "Antwoord plaatsen" }).click();
      await p.page.getByText("Je opmerking is geplaatst.").waitFor();
      await p.afterNavigation();
      await p.page.getByLabel("Doel (Leerdoel 1)", { exact: true }).fill("Drie open vragen in elk gesprek");
      await p.page.getByRole("button", { name: "Opslaan en inleveren bij de trainer" }).click();
      await p.page.getByText("Je POP is ingeleverd.").waitFor();
      await p.afterNavigation();
    });

    await withPage(async (p) => {
      await p.login(group.trainer.email, group.trainer.password);
      await Promise.all([p.page.waitForURL(/\/trainer\/cohorten\/\d+$/), p.page.getByRole("link", { name: group.name }).click()]);
      await p.afterNavigation();
      await Promise.all([p.page.waitForURL(/\/pop\/\d+$/), p.page.getByRole("link", { name: `POP ${journey.name}: Ingeleverd` }).click()]);
      await p.afterNavigation();
      await p.page.getByText("Ik heb er drie van gemaakt.").waitFor();
      await p.page.getByRole("button", { name: "Goedkeuren" }).click();
      await p.page.getByText("Het POP is goedgekeurd.").waitFor();
      await p.afterNavigation();
      await Promise.all([p.page.waitForURL(/\/versies$/), p.page.getByRole("link", { name: "Alle versies en wat er veranderd is" }).click()]);
      await p.afterNavigation();
      await p.page.locator("ins", { hasText: "Drie" }).first().waitFor();
    });
  });

  it("another participant cannot open this POP", async () => {
    await withPage(async (p) => {
      await p.login(other.email, other.password);
      const res = await p.visit(`/pop/${journey.id}`);
      expect(res?.status()).toBe(404);
    });
  });
});

describe("never lose writing", () => {
  it("autosaves a change and says when, and warns before leaving with unsaved changes", async () => {
    const p = await CheckedPage.open(browser);
    try {
      await p.login(other.email, other.password);
      await p.visit("/deelnemer/pop");
      await p.page.getByLabel("Sterke kanten").fill("Ik stel mensen op hun gemak.");
      await p.page.getByText(/^Opgeslagen om \d{2}:\d{2}$/).waitFor({ timeout: 20_000 });
      await p.page.getByLabel("Ontwikkelpunten").fill("Nog niet opgeslagen tekst");
      // A link inside the app first asks; staying keeps the text.
      await p.page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Mijn overzicht" }).click();
      await p.page.getByText("Je hebt wijzigingen die nog niet zijn opgeslagen. Wil je toch weggaan?").waitFor();
      await p.page.getByRole("button", { name: "Blijven en opslaan" }).click();
      expect(new URL(p.page.url()).pathname).toBe("/deelnemer/pop");
      await expect(p.page.getByLabel("Ontwikkelpunten").inputValue()).resolves.toBe("Nog niet opgeslagen tekst");
      let warned = false;
      p.page.on("dialog", (dialog) => {
        warned = dialog.type() === "beforeunload";
        void dialog.dismiss();
      });
      await p.page.close({ runBeforeUnload: true });
      for (let i = 0; i < 50 && !warned; i++) await new Promise((r) => setTimeout(r, 100));
      expect(warned).toBe(true);
    } finally {
      await p.close();
    }
    const check = await CheckedPage.open(browser);
    try {
      await check.login(other.email, other.password);
      await check.visit("/deelnemer/pop");
      await expect(check.page.getByLabel("Sterke kanten").inputValue()).resolves.toBe("Ik stel mensen op hun gemak.");
      await check.page.getByText("versie 1").first().waitFor();
      check.assertAllChecked();
    } finally {
      await check.close();
    }
  });
});

describe("comparing versions and a returned POP (issue 23.10, 23.11)", () => {
  const reason = "Leerdoel 2: schrijf op wanneer je je eigen verhaal deelt, en waarom.";
  let popPath = "";

  it("the comparison names each changed field by the form's label and the competency by its name", async () => {
    await withPage(async (p) => {
      await p.login(comparer.email, comparer.password);
      await p.visit("/deelnemer/pop");
      await p.page.getByLabel("Sterke kanten").fill("Ik kan goed luisteren.");
      await p.page.getByLabel("Ontwikkelpunten").fill("Grenzen aangeven.");
      await fillGoal(p, 1, "Open vragen stellen in elk gesprek", "contact");
      await fillGoal(p, 2, "Mijn eigen verhaal kort houden", "eigen-ervaring");
      await p.page.getByRole("button", { name: "Opslaan", exact: true }).click();
      await p.page.getByText("Opgeslagen als versie 1.").waitFor();
      await p.afterNavigation();
      await p.page.getByLabel("Wie helpt mij? (Leerdoel 2)").fill("Mijn trainer en een ervaren collega.");
      await p.page.getByLabel("Bij welke competentie hoort dit? (Leerdoel 2)").selectOption("methodisch");
      await p.page.getByRole("button", { name: "Opslaan", exact: true }).click();
      await p.page.getByText("Opgeslagen als versie 2.").waitFor();
      await p.afterNavigation();
      await Promise.all([p.page.waitForURL(/\/versies$/), p.page.getByRole("link", { name: "Alle versies en wat er veranderd is" }).click()]);
      await p.afterNavigation();
      const card = p.page.locator("article").filter({ has: p.page.getByRole("heading", { name: "Leerdoel 2 · veranderd" }) });
      await card.getByRole("heading", { name: "Wie helpt mij? · veranderd" }).waitFor();
      await card.getByRole("heading", { name: "Bij welke competentie hoort dit? · veranderd" }).waitFor();
      await card.locator("del", { hasText: "Eigen ervaring empowerend inzetten" }).waitFor();
      await card.locator("ins", { hasText: "Methodisch handelen" }).waitFor();
      await card.locator("ins", { hasText: "ervaren collega" }).waitFor();
      const shown = await p.page.locator("main").innerText();
      expect(shown).not.toMatch(/\b(doel|competentie|acties|wieHelpt|wanneer|bewijs|reflectie|evaluatie):/);
      expect(shown).not.toContain("eigen-ervaring");
      expect(shown).not.toMatch(/\bmethodisch\b/);
      // Fields that did not change are not repeated.
      await expect(card.getByRole("heading", { name: /^Doel ·/ }).count()).resolves.toBe(0);
    });
  });

  it("the participant sees the trainer's reason on their POP and their home page; others do not", async () => {
    await withPage(async (p) => {
      await p.login(comparer.email, comparer.password);
      await p.visit("/deelnemer/pop");
      await p.page.getByRole("button", { name: "Opslaan en inleveren bij de trainer" }).click();
      await p.page.getByText("Je POP is ingeleverd.").waitFor();
      await p.afterNavigation();
    });

    await withPage(async (p) => {
      await p.login(group.trainer.email, group.trainer.password);
      await Promise.all([p.page.waitForURL(/\/trainer\/cohorten\/\d+$/), p.page.getByRole("link", { name: group.name }).click()]);
      await p.afterNavigation();
      await Promise.all([p.page.waitForURL(/\/pop\/\d+$/), p.page.getByRole("link", { name: `POP ${comparer.name}: Ingeleverd` }).click()]);
      await p.afterNavigation();
      popPath = new URL(p.page.url()).pathname;
      await p.page.getByLabel("Toelichting (nodig bij terugsturen als je geen opmerking bij een onderdeel gaf)").fill(reason);
      await p.page.getByRole("button", { name: "Terugsturen voor aanpassing" }).click();
      await p.page.getByText("Het POP is teruggestuurd voor aanpassing.").waitFor();
      await p.afterNavigation();
    });

    await withPage(async (p) => {
      await p.login(comparer.email, comparer.password);
      // Home, where the status shows.
      await p.visit("/deelnemer");
      await p.page.getByRole("link", { name: "Mijn POP: Terug voor aanpassing" }).waitFor();
      await p.page.getByText(`Reden van je trainer: ${reason}`).waitFor();
      // The POP page.
      await p.visit("/deelnemer/pop");
      const notice = p.page.getByRole("status").filter({ has: p.page.getByRole("heading", { name: "Je trainer stuurde je POP terug" }) });
      await notice.getByText(`${group.trainer.name} stuurde versie 2 terug op`).waitFor();
      await notice.getByText(reason).waitFor();
    });

    await withPage(async (p) => {
      await p.login(other.email, other.password);
      const res = await p.visit(popPath);
      expect(res?.status()).toBe(404);
      await p.visit("/deelnemer");
      await expect(p.page.getByText(reason).count()).resolves.toBe(0);
    });
    // Four people sign in one after the other (scrypt and an axe scan per page): room on a busy machine.
  }, 240_000);
});
