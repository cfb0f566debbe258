import type { Browser } from "playwright-core";
import { launchBrowser, withCheckedPage } from "./support";
import { daysFromToday } from "../support/clock";
import { makeGroup, makeMeeting, withServerDb, type Group } from "./factories";
import { getMeeting } from "../../app/services/schedule.server";
import { saveAttendance } from "../../app/services/attendance.server";

/**
 * Issue 29 point 8: participants who were at a meeting evaluate it on their phone; the trainer sees
 * only the number of answers until there are 3, then the outcome. A group of its own (factories.ts).
 */
let browser: Browser;
let group: Group;
let meetingId: number;
beforeAll(async () => {
  browser = await launchBrowser();
  [group, meetingId] = await withServerDb(async (db) => {
    const g = await makeGroup(db, { participants: 3 });
    const id = await makeMeeting(db, g, { title: "Les over stigma", date: daysFromToday(-2), startTime: "09:00", endTime: "12:00" });
    const meeting = (await getMeeting(db, g.id, id))!;
    const actor = { id: g.trainer.id, role: "trainer" as const };
    await saveAttendance(
      db,
      meeting,
      { revision: 0, rows: g.participants.map((p) => ({ participantId: p.id, status: "aanwezig" as const, minutesMissed: 0, active: true, note: null })) },
      actor,
    );
    return [g, id] as const;
  });
});
afterAll(async () => {
  await browser?.close();
});

const PHONE = { width: 390, height: 844 };

async function evaluate(who: number, score: string, line: string, javaScriptEnabled: boolean) {
  const person = group.participants[who];
  await withCheckedPage(
    browser,
    async (p) => {
      await p.login(person.email, person.password);
      await p.visit("/deelnemer/rooster");
      await Promise.all([p.page.waitForURL(/\/deelnemer\/evaluatie\/\d+$/), p.page.getByRole("link", { name: /^Evalueer: Les over stigma/ }).click()]);
      await p.afterNavigation();
      await p.page.getByLabel("Je cijfer").selectOption(score);
      await p.page.getByLabel("Eén zin (mag leeg blijven)").fill(line);
      await p.page.getByRole("button", { name: "Evaluatie versturen" }).click();
      await p.page.getByText("Dank je wel. Je evaluatie is verstuurd.").waitFor();
      await p.afterNavigation();
      const { scrollWidth, innerWidth } = await p.page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
      expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
      // Answered: the rooster no longer asks.
      await p.visit("/deelnemer/rooster");
      await expect(p.page.getByRole("link", { name: /^Evalueer: Les over stigma/ }).count()).resolves.toBe(0);
    },
    { viewport: PHONE, javaScriptEnabled },
  );
}

async function trainerSees(): Promise<string> {
  let text = "";
  await withCheckedPage(browser, async (p) => {
    await p.login(group.trainer.email, group.trainer.password);
    await p.visit(`/groepen/${group.id}/bijeenkomsten/${meetingId}`);
    text = await p.page.locator("section", { has: p.page.getByRole("heading", { name: "Evaluatie door deelnemers" }) }).innerText();
  });
  return text;
}

describe("short evaluation after a meeting (issue 29 point 8)", () => {
  it("a participant who was there evaluates on a phone, and the rooster no longer asks", async () => {
    await evaluate(0, "5", "Heel duidelijk uitgelegd.", true);
  });

  it("another does it without JavaScript; with 2 answers the trainer sees only the count", async () => {
    await evaluate(1, "3", "", false);
    const early = await trainerSees();
    expect(early).toContain("Aantal antwoorden tot nu toe: 2.");
    expect(early).not.toContain("Heel duidelijk uitgelegd.");
  });

  it("from the third answer the trainer sees the outcome and the lines, never who", async () => {
    await evaluate(2, "4", "Meer oefenen graag.", true);
    const shown = await trainerSees();
    expect(shown).toContain("Aantal antwoorden: 3. Gemiddeld cijfer: 4.");
    expect(shown).toContain("Heel duidelijk uitgelegd.");
    expect(shown).toContain("Meer oefenen graag.");
    for (const person of group.participants) expect(shown).not.toContain(person.name);
  });
});
