import type { Browser } from "playwright-core";
import { type CheckedPage, launchBrowser, withCheckedPage } from "./support";
import { currentTimeMs } from "../../app/clock.server";
import { makePerson, type Person, withServerDb } from "./factories";

// Every page is scanned by axe and people sign in with scrypt at full cost, on a busy shared machine.
jest.setTimeout(180_000);

let browser: Browser;
/** The trainer of the cohort the coordinator makes here: one of this file's own (factories.ts), so no demo trainer gets a group. */
let newTrainer: Person;
beforeAll(async () => {
  browser = await launchBrowser();
  newTrainer = await withServerDb((db) => makePerson(db, "trainer"));
});
afterAll(async () => {
  await browser?.close();
});

const withPage = (fn: (p: CheckedPage) => Promise<void>, opts?: Parameters<typeof CheckedPage.open>[1]) => withCheckedPage(browser, fn, opts);

describe("each role signs in and reaches its own home page", () => {
  const cases = [
    { email: "deelnemer1@leerlijn.test", path: "/deelnemer", heading: "Welkom, Fatima El Amrani", nav: "Mijn overzicht" },
    { email: "trainer@leerlijn.test", path: "/trainer", heading: "Mijn groepen", nav: "Mijn groepen" },
    { email: "examinator@leerlijn.test", path: "/examinator", heading: "Overzicht voor examinatoren", nav: "Criteria" },
    { email: "coordinator@leerlijn.test", path: "/coordinator", heading: "Overzicht", nav: "Cohorten" },
  ];
  for (const c of cases) {
    it(`${c.email} lands on ${c.path}`, async () => {
      await withPage(async (p) => {
        await p.login(c.email);
        expect(new URL(p.page.url()).pathname).toBe(c.path);
        await expect(p.page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(c.heading);
        const nav = p.page.getByRole("navigation", { name: "Hoofdmenu" });
        await expect(nav.getByRole("link", { name: c.nav }).count()).resolves.toBe(1);
      });
    });
  }

  it("the trainer sees their cohort and its thirteen participants (twelve, and deelnemer20 who came back after a break), not the other trainer's", async () => {
    await withPage(async (p) => {
      await p.login("trainer@leerlijn.test");
      await expect(p.page.getByRole("link", { name: "Leerlijn Buurtteams 2027-1" }).count()).resolves.toBe(0);
      await Promise.all([p.page.waitForURL(/\/trainer\/cohorten\/\d+$/), p.page.getByRole("link", { name: "Leerlijn Buurtteams 2026-1" }).click()]);
      await p.afterNavigation();
      await expect(p.page.getByRole("caption").textContent()).resolves.toBe("13 deelnemers");
    });
  });
});

describe("refusals", () => {
  it("sends an anonymous visitor to the sign-in page and back after signing in", async () => {
    await withPage(async (p) => {
      await p.visit("/leerlijn");
      expect(p.page.url()).toContain("/login?redirectTo=%2Fleerlijn");
      await p.page.getByLabel("E-mailadres").fill("deelnemer5@leerlijn.test");
      await p.page.getByLabel("Wachtwoord").fill("leerlijn-demo");
      await Promise.all([p.page.waitForURL(/\/leerlijn$/), p.page.getByRole("button", { name: "Inloggen" }).click()]);
      await p.afterNavigation();
      await expect(p.page.getByRole("heading", { name: "Competenties en criteria voor het eindgesprek" }).count()).resolves.toBe(1);
    });
  });

  it("refuses a participant another participant's page and the coordinator's pages", async () => {
    await withPage(async (p) => {
      await p.login("deelnemer3@leerlijn.test");
      await p.page.getByRole("link", { name: "Mijn gegevens", exact: true }).click();
      await p.page.waitForURL(/\/deelnemers\/\d+$/);
      await p.afterNavigation();
      const ownId = Number(p.page.url().split("/").pop());
      await expect(p.page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Gegevens van Sevda Yılmaz");

      const other = await p.visit(`/deelnemers/${ownId - 1}`);
      expect(other?.status()).toBe(404);
      await expect(p.page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Pagina niet gevonden");
      const body = await p.page.locator("main").textContent();
      expect(body).not.toContain("Jeroen");

      const forbidden = await p.visit("/coordinator/mensen");
      expect(forbidden?.status()).toBe(403);
      await expect(p.page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Geen toegang");
    });
  });

  it("shows one generic Dutch error for a wrong password, and field errors without JavaScript", async () => {
    await withPage(async (p) => {
      await p.visit("/login");
      await p.page.getByLabel("E-mailadres").fill("deelnemer9@leerlijn.test");
      await p.page.getByLabel("Wachtwoord").fill("helemaal-verkeerd");
      await p.page.getByRole("button", { name: "Inloggen" }).click();
      await p.page.getByText("Het e-mailadres of het wachtwoord klopt niet.").waitFor();
      await p.afterNavigation();
    });
    await withPage(
      async (p) => {
        await p.visit("/login");
        await p.page.getByLabel("E-mailadres").fill("geen-emailadres");
        await Promise.all([p.page.waitForLoadState("load"), p.page.getByRole("button", { name: "Inloggen" }).click()]);
        await p.afterNavigation();
        await p.page.getByText("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.").waitFor();
        await expect(p.page.getByLabel("E-mailadres").getAttribute("aria-invalid")).resolves.toBe("true");
        await p.page.getByText("Vul je wachtwoord in.").waitFor();
      },
      { javaScriptEnabled: false },
    );
  });

  it("shows a Dutch 404 page for an unknown address", async () => {
    await withPage(async (p) => {
      const res = await p.visit("/bestaat-niet");
      expect(res?.status()).toBe(404);
      await expect(p.page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Pagina niet gevonden");
    });
  });
});

describe("invitations", () => {
  it("a coordinator invites a person, who sets a password and signs in", async () => {
    let link = "";
    const email = `nieuw.${currentTimeMs()}@voorbeeld.test`;
    await withPage(async (p) => {
      await p.login("coordinator@leerlijn.test");
      await p.page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Mensen" }).click();
      await p.page.waitForURL(/\/coordinator\/mensen$/);
      await p.afterNavigation();
      await p.page.getByLabel("Naam", { exact: true }).fill("Wendy Groen");
      await p.page.getByLabel("E-mailadres").fill(email);
      await p.page.getByLabel("Rol", { exact: true }).selectOption("participant");
      await p.page.getByRole("button", { name: "Toevoegen en uitnodiging maken" }).click();
      const linkBox = p.page.getByTestId("invite-link");
      await linkBox.waitFor();
      await p.afterNavigation();
      link = await linkBox.inputValue();
      expect(link).toMatch(/\/uitnodiging\/[A-Za-z0-9_-]{43}$/);
    });
    await withPage(async (p) => {
      await p.visit(new URL(link).pathname);
      await p.page.getByText("Welkom, Wendy Groen.").waitFor();
      await p.page.getByLabel("Nieuw wachtwoord").fill("kort");
      await p.page.getByLabel("Herhaal het wachtwoord").fill("kort");
      await p.page.getByRole("button", { name: "Wachtwoord opslaan en inloggen" }).click();
      await p.page.getByText("Kies een wachtwoord van minstens 12 tekens.").waitFor();
      await p.page.getByLabel("Nieuw wachtwoord").fill("mijn eigen wachtwoord");
      await p.page.getByLabel("Herhaal het wachtwoord").fill("mijn eigen wachtwoord");
      await Promise.all([p.page.waitForURL(/\/deelnemer$/), p.page.getByRole("button", { name: "Wachtwoord opslaan en inloggen" }).click()]);
      await p.afterNavigation();
      await expect(p.page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Welkom, Wendy Groen");

      await p.page.getByRole("button", { name: "Uitloggen" }).click();
      await p.page.waitForURL(/\/login\?uitgelogd=1$/);
      await p.afterNavigation();
      await p.login(email, "mijn eigen wachtwoord");
      expect(new URL(p.page.url()).pathname).toBe("/deelnemer");

      await p.visit(new URL(link).pathname);
      await p.page.getByText("Deze uitnodiging is al gebruikt.").waitFor();
    });
  });
});

describe("cohorts", () => {
  it("a coordinator creates a cohort, adds a trainer and enrols a participant", async () => {
    await withPage(async (p) => {
      await p.login("coordinator@leerlijn.test");
      await p.visit("/coordinator/cohorten");
      const name = `Leerlijn Buurtteams e2e ${currentTimeMs()}`;
      await p.page.getByLabel("Naam van het cohort").fill(name);
      await p.page.getByLabel("Startdatum").fill("2027-09-06");
      await p.page.getByLabel("Einddatum").fill("2027-09-01");
      await p.page.getByRole("button", { name: "Cohort aanmaken" }).click();
      await p.page.getByText("De einddatum moet na de startdatum liggen.").waitFor();
      await p.page.getByLabel("Einddatum").fill("2028-01-28");
      await p.page.getByLabel(newTrainer.name).check();
      await Promise.all([p.page.waitForURL(/\/coordinator\/cohorten\/\d+\?nieuw=1$/), p.page.getByRole("button", { name: "Cohort aanmaken" }).click()]);
      await p.afterNavigation();
      await expect(p.page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(name);
      await p.page.getByText("Het cohort is aangemaakt.").waitFor();
    });
  });
});

describe("errors from the server", () => {
  it("show at the field the person typed in, also with JavaScript on", async () => {
    await withPage(async (p) => {
      await p.login("coordinator@leerlijn.test");
      await p.visit("/coordinator/mensen");
      await p.page.getByLabel("Naam", { exact: true }).fill("Dubbele Deelnemer");
      // The form's own check passes; only the server knows the address is taken.
      await p.page.getByLabel("E-mailadres").fill("deelnemer1@leerlijn.test");
      await p.page.getByRole("button", { name: "Toevoegen en uitnodiging maken" }).click();
      await p.page.getByText("Er is al iemand met dit e-mailadres.").waitFor();
      await expect(p.page.getByLabel("E-mailadres").getAttribute("aria-invalid")).resolves.toBe("true");
      // Changing the address clears the message until the form is sent again.
      await p.page.getByLabel("E-mailadres").fill("dubbel-nieuw@voorbeeld.test");
      // (The form re-renders after the change is seen: wait for that instead of counting at once.)
      await p.page.getByText("Er is al iemand met dit e-mailadres.").waitFor({ state: "detached", timeout: 5000 });
      await expect(p.page.getByLabel("E-mailadres").getAttribute("aria-invalid")).resolves.not.toBe("true");
    });
  });
});

describe("language and keyboard", () => {
  it("switches to English and back", async () => {
    await withPage(async (p) => {
      await p.visit("/login");
      await p.page.getByLabel("Taal").selectOption("en");
      await Promise.all([p.page.waitForURL(/\/login/), p.page.getByRole("button", { name: "Kies taal" }).click()]);
      await p.page.getByRole("heading", { name: "Sign in" }).waitFor();
      await p.afterNavigation();
      await expect(p.page.locator("html").getAttribute("lang")).resolves.toBe("en");
    });
  });

  it("starts with a skip link and signs in by keyboard alone", async () => {
    await withPage(async (p) => {
      await p.visit("/login");
      await p.page.keyboard.press("Tab");
      await expect(p.page.evaluate(() => document.activeElement?.textContent)).resolves.toBe("Ga direct naar de inhoud");
      await p.page.getByLabel("E-mailadres").focus();
      await p.page.keyboard.type("deelnemer11@leerlijn.test");
      await p.page.keyboard.press("Tab");
      await p.page.keyboard.type("leerlijn-demo");
      await Promise.all([p.page.waitForURL(/\/deelnemer$/), p.page.keyboard.press("Enter")]);
      await p.afterNavigation();
    });
  });

  it("works on a phone-sized screen", async () => {
    await withPage(
      async (p) => {
        await p.login("deelnemer12@leerlijn.test");
        const overflow = await p.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow).toBeLessThanOrEqual(0);
      },
      { viewport: { width: 375, height: 740 } },
    );
  });
});
