import type { Browser } from "playwright-core";
import { daysFromToday } from "../support/clock";
import { type Group, makeGroup, makeIntervisieGroup, makeMeeting, withServerDb } from "./factories";
import { type CheckedPage, launchBrowser, withCheckedPage } from "./support";

/**
 * Issue 23 point 9: on an intervisie meeting's page the attendance grid and the record are two
 * forms. A changed attendance select must not be left unsaved behind "Het verslag is opgeslagen":
 * the record's save takes the grid's changes along, and leaving with unsaved changes asks first.
 *
 * Data of its own (factories.ts): a group with a trainer, four participants in one intervisie
 * group and that group's meeting a month ahead.
 */
jest.setTimeout(180_000);

let browser: Browser;
let path = "";
let group: Group;

beforeAll(async () => {
  browser = await launchBrowser();
  group = await withServerDb(async (db) => {
    const g = await makeGroup(db, { participants: 4 });
    const intervisieGroupId = await makeIntervisieGroup(db, g, g.participants);
    const id = await makeMeeting(db, g, {
      type: "intervisie",
      title: `Intervisie met één keer opslaan ${Date.now()}`,
      date: daysFromToday(30),
      intervisieGroupId,
    });
    path = `/groepen/${g.id}/bijeenkomsten/${id}/aanwezigheid`;
    return g;
  });
});
afterAll(async () => {
  await browser?.close();
});

const withPage = (fn: (p: CheckedPage) => Promise<void>) => withCheckedPage(browser, fn);

describe("the intervisie page saves attendance and record together", () => {
  it("a changed attendance select is saved by 'Verslag opslaan', and the answer says so", async () => {
    let who = "";
    await withPage(async (p) => {
      await p.login(group.trainer.email, group.trainer.password);
      await p.visit(path);
      const first = p.page.getByRole("combobox", { name: /^Aanwezigheid: / }).first();
      who = ((await first.getAttribute("aria-label")) ?? "").replace(/^Aanwezigheid: /, "");
      await first.selectOption("afwezig");
      await p.page.getByLabel("Thema").fill("Grenzen bewaken");
      await p.page.getByLabel("Leerpunten").fill("Vooraf afspreken wat je wel en niet deelt.");
      await p.page.getByRole("button", { name: "Verslag opslaan" }).click();
      const answer = p.page.getByText("Het verslag en de aanwezigheid zijn opgeslagen.");
      await answer.waitFor();
      // The answer of point 7 too: in view and focused, far below the top.
      await expect(answer.evaluate((el) => document.activeElement?.contains(el) ?? false)).resolves.toBe(true);
      await p.afterNavigation();
    });
    // A fresh page shows what is stored: the absence was saved with the record.
    await withPage(async (p) => {
      await p.login(group.trainer.email, group.trainer.password);
      await p.visit(path);
      await expect(p.page.getByLabel(`Aanwezigheid: ${who}`).inputValue()).resolves.toBe("afwezig");
      await expect(p.page.getByLabel("Thema").inputValue()).resolves.toBe("Grenzen bewaken");
    });
  });

  it("leaving with an unsaved change asks first", async () => {
    await withPage(async (p) => {
      await p.login(group.trainer.email, group.trainer.password);
      await p.visit(path);
      await p.page
        .getByRole("combobox", { name: /^Aanwezigheid: / })
        .nth(1)
        .selectOption("afgemeld");
      await p.page.getByRole("link", { name: /^Terug naar het rooster/ }).click();
      await p.page.getByText("Je hebt wijzigingen die nog niet zijn opgeslagen. Wil je toch weggaan?").waitFor();
      await p.afterNavigation();
      await p.page.getByRole("button", { name: "Blijven en opslaan" }).click();
      expect(new URL(p.page.url()).pathname).toBe(path);
      await expect(
        p.page
          .getByRole("combobox", { name: /^Aanwezigheid: / })
          .nth(1)
          .inputValue(),
      ).resolves.toBe("afgemeld");
    });
  });
});
