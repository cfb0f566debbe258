import fs from "node:fs";
import type { Browser } from "playwright-core";
import { daysFromToday } from "../support/clock";
import { parseCalendar } from "../support/ical";
import { makeGroup, makeMeeting, withServerDb, type Group } from "./factories";
import { amsterdamToUtc } from "../../app/rules/icalendar";
import { baseUrl, launchBrowser, signInOverHttp, withCheckedPage, type CheckedPage } from "./support";

/**
 * Issue 28, point 4 over HTTP and in a real browser: the participant finds the agenda link on
 * the rooster, makes a calendar link on /account, a calendar app (a plain fetch, no cookie) reads
 * the feed; renewing makes the old link 404 and the new one work. The single-meeting .ics
 * downloads on the rooster and on the trainer's meeting page. A group of its own, so no other
 * browser test meets these links.
 */
jest.setTimeout(240_000);

let browser: Browser;
let group: Group;
let lessonId: number;
let otherId: number;
let outsider: Group;

beforeAll(async () => {
  browser = await launchBrowser();
  await withServerDb(async (db) => {
    group = await makeGroup(db, { participants: 1 });
    lessonId = await makeMeeting(db, group, {
      title: "Les over grenzen",
      date: daysFromToday(20),
      startTime: "19:00",
      endTime: "21:00",
      location: "Wijkcentrum, zaal 1",
    });
    outsider = await makeGroup(db, { participants: 1 });
    otherId = await makeMeeting(db, outsider, { title: "Les van een andere groep" });
  });
});
afterAll(async () => {
  await browser?.close();
});

/** A calendar app: a plain GET without cookies, on this server (the link may carry PUBLIC_URL). */
async function fetchFeed(url: string) {
  const path = new URL(url).pathname;
  expect(path).toMatch(/^\/agenda\/[A-Za-z0-9_-]{43}\.ics$/);
  return fetch(`${baseUrl()}${path}`, { redirect: "manual" });
}

async function makeLink(p: CheckedPage, button: string): Promise<string> {
  const before = await p.page.getByTestId("calendar-url").count();
  const answer = p.page.getByTestId("calendar-url");
  const old = before > 0 ? await answer.inputValue() : null;
  await p.page.getByRole("button", { name: button }).click();
  await p.page.waitForFunction((previous) => {
    const field = document.querySelector<HTMLInputElement>('[data-testid="calendar-url"]');
    return field !== null && field.value !== previous;
  }, old);
  await p.afterNavigation();
  return answer.inputValue();
}

describe("the personal calendar feed", () => {
  it("a participant goes from the rooster to /account, makes a link, renews it; the old link 404s, the new one is a parseable calendar", async () => {
    const participant = group.participants[0]!;
    await withCheckedPage(browser, async (p) => {
      await p.login(participant.email, participant.password);
      await p.visit("/deelnemer/rooster");
      await Promise.all([p.page.waitForURL((url) => url.pathname === "/account"), p.page.getByRole("link", { name: "Zet je rooster in je agenda" }).click()]);
      await p.afterNavigation();
      const section = p.page.getByRole("region", { name: "Je agenda in je telefoon" });
      await expect(section.getByText("Je hebt nog geen agendalink.").count()).resolves.toBe(1);

      const first = await makeLink(p, "Agendalink maken");
      const ok = await fetchFeed(first);
      expect(ok.status).toBe(200);
      expect(ok.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
      expect(ok.headers.get("cache-control")).toContain("no-store");
      const body = await ok.text();
      const { events } = parseCalendar(body);
      const lesson = events.find((e) => e.uid === `leerlijn-session-${lessonId}@leerlijn`)!;
      expect(lesson.summary).toBe("Les over grenzen");
      expect(lesson.location).toBe("Wijkcentrum, zaal 1");
      expect(body).not.toContain(participant.name);
      // The link is shown once: a fresh visit does not show it again, only that there is one.
      await p.visit("/account");
      await expect(p.page.getByTestId("calendar-url").count()).resolves.toBe(0);
      await expect(p.page.content()).resolves.not.toContain(new URL(first).pathname);
      await expect(section.getByText("De oude link werkt daarna niet meer.", { exact: false }).count()).resolves.toBe(1);

      const second = await makeLink(p, "Nieuwe link maken");
      expect(second).not.toBe(first);
      await expect(p.page.getByText("De oude link werkt niet meer.", { exact: false }).count()).resolves.toBe(1);
      const gone = await fetchFeed(first);
      expect(gone.status).toBe(404);
      expect(await gone.text()).not.toContain("BEGIN:VCALENDAR");
      const renewed = await fetchFeed(second);
      expect(renewed.status).toBe(200);
      expect(parseCalendar(await renewed.text()).events.map((e) => e.uid)).toContain(`leerlijn-session-${lessonId}@leerlijn`);
    });
  });

  it("works without JavaScript: a trainer makes a link on /account with a plain form post", async () => {
    await withCheckedPage(
      browser,
      async (p) => {
        await p.login(group.trainer.email, group.trainer.password);
        await p.visit("/account");
        await Promise.all([p.page.waitForURL("**/account"), p.page.getByRole("button", { name: "Agendalink maken" }).click()]);
        await p.afterNavigation();
        const url = await p.page.getByTestId("calendar-url").inputValue();
        const res = await fetchFeed(url);
        expect(res.status).toBe(200);
        const uids = parseCalendar(await res.text()).events.map((e) => e.uid);
        expect(uids).toContain(`leerlijn-session-${lessonId}@leerlijn`);
        expect(uids).not.toContain(`leerlijn-session-${otherId}@leerlijn`);
      },
      { javaScriptEnabled: false },
    );
  });

  it("an unknown token is a 404 without a session", async () => {
    const res = await fetch(`${baseUrl()}/agenda/${"A".repeat(43)}.ics`, { redirect: "manual" });
    expect(res.status).toBe(404);
  });
});

describe("one meeting as a .ics file", () => {
  it("the participant downloads a meeting from the rooster", async () => {
    const participant = group.participants[0]!;
    await withCheckedPage(browser, async (p) => {
      await p.login(participant.email, participant.password);
      await p.visit("/deelnemer/rooster");
      const card = p.page.locator(`#bijeenkomst-${lessonId}`);
      const [download] = await Promise.all([p.page.waitForEvent("download"), card.getByRole("link", { name: /Zet in je agenda \(\.ics\)/ }).click()]);
      const text = fs.readFileSync((await download.path())!, "utf8");
      const { events } = parseCalendar(text);
      expect(events.map((e) => e.uid)).toEqual([`leerlijn-session-${lessonId}@leerlijn`]);
      expect(events[0]!.start).toBe(amsterdamToUtc(daysFromToday(20), "19:00").toISOString());
    });
  });

  it("over HTTP: the trainer's meeting page offers it; another group's participant gets a 404", async () => {
    const trainerCookie = await signInOverHttp(group.trainer.email, group.trainer.password);
    const page = await fetch(`${baseUrl()}/groepen/${group.id}/bijeenkomsten/${lessonId}`, { headers: { Cookie: trainerCookie } });
    const html = await page.text();
    expect(html).toContain(`/groepen/${group.id}/bijeenkomsten/${lessonId}/agenda.ics`);
    expect(html).toContain("Zet in je agenda (.ics)");
    const file = await fetch(`${baseUrl()}/groepen/${group.id}/bijeenkomsten/${lessonId}/agenda.ics`, { headers: { Cookie: trainerCookie } });
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(file.headers.get("content-disposition")).toContain("attachment");
    expect(parseCalendar(await file.text()).events.map((e) => e.uid)).toEqual([`leerlijn-session-${lessonId}@leerlijn`]);

    const outsiderCookie = await signInOverHttp(outsider.participants[0]!.email, outsider.participants[0]!.password);
    const refused = await fetch(`${baseUrl()}/deelnemer/agenda/${lessonId}.ics`, { headers: { Cookie: outsiderCookie }, redirect: "manual" });
    expect(refused.status).toBe(404);
    const own = await fetch(`${baseUrl()}/deelnemer/agenda/${otherId}.ics`, { headers: { Cookie: outsiderCookie }, redirect: "manual" });
    expect(own.status).toBe(200);
    // Without a session: sent to sign in, no calendar.
    const anon = await fetch(`${baseUrl()}/deelnemer/agenda/${otherId}.ics`, { redirect: "manual" });
    expect(anon.status).not.toBe(200);
  });
});
