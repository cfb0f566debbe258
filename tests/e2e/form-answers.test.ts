import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { currentTime } from "../../app/clock.server";
import { daysFromToday } from "../support/clock";
import { readServerInfo } from "./server-info";
import { type CheckedPage, launchBrowser, withCheckedPage } from "./support";
import { makeGroup, withServerDb } from "./factories";

/**
 * Issue 23 point 7: after every post, the answer ("opgeslagen", "kan nog niet, omdat …") is in view
 * and has focus, wherever the button was: on the interview page the buttons are thousands of
 * pixels below the top. Checked with JavaScript and without.
 *
 * Data of its own (factories.ts): two participants of a group made here, one with a planned
 * interview and one with a finished, passed one, the demo examiner as their assessor. The practice
 * refusal stores nothing.
 */
jest.setTimeout(180_000);

let browser: Browser;
const interview = { planned: 0, finished: 0 };

beforeAll(async () => {
  browser = await launchBrowser();
  const [planned, finished] = (await withServerDb((kdb) => makeGroup(kdb, { participants: 2 }))).participants;
  const db = new Database(readServerInfo().dbFile);
  db.pragma("busy_timeout = 5000");
  try {
    const id = (email: string) => (db.prepare("select id from users where email = ?").get(email) as { id: number }).id;
    const examiner = id("examinator@leerlijn.test");
    const now = currentTime().toISOString();
    const plan = (email: string, finished: boolean): number => {
      const participant = id(email);
      const enrolment = db
        .prepare("select e.cohort_id, c.leerlijn_version_id from enrolments e join cohorts c on c.id = e.cohort_id where e.participant_id = ?")
        .get(participant) as { cohort_id: number; leerlijn_version_id: number };
      const row = db
        .prepare(
          `insert into interviews (participant_id, cohort_id, leerlijn_version_id, date, start_time, location, status, outcome, motivation, created_by, created_at, updated_at, finalised_at)
           values (?, ?, ?, ?, '10:00', 'Vrijwilligersacademie', ?, ?, ?, ?, ?, ?, ?) returning id`,
        )
        .get(
          participant,
          enrolment.cohort_id,
          enrolment.leerlijn_version_id,
          finished ? daysFromToday(-2) : daysFromToday(0),
          finished ? "afgerond" : "gepland",
          finished ? "geslaagd" : null,
          finished ? "Alle criteria aangetoond." : null,
          examiner,
          now,
          now,
          finished ? now : null,
        ) as { id: number };
      db.prepare("insert into interview_assessors (interview_id, user_id, signed_at) values (?, ?, ?)").run(row.id, examiner, finished ? now : null);
      return row.id;
    };
    interview.planned = plan(planned.email, false);
    interview.finished = plan(finished.email, true);
  } finally {
    db.close();
  }
});
afterAll(async () => {
  await browser?.close();
});

const withPage = (fn: (p: CheckedPage) => Promise<void>, opts?: Parameters<typeof withCheckedPage>[2]) => withCheckedPage(browser, fn, opts);

/**
 * The message with this text is inside the viewport and focus is on it (or on the box around it).
 * Waits a moment for focus to arrive: the page answers first, then moves focus.
 */
async function expectAnswerInViewAndFocused(page: Page, text: string | RegExp) {
  const message = page.getByText(text).first();
  await message.waitFor();
  let state = { inView: false, focused: false, scrollY: 0 };
  for (let i = 0; i < 20; i++) {
    state = await message.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const active = document.activeElement;
      return {
        inView: r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0,
        focused: !!active && active !== document.body && (active === el || active.contains(el)),
        scrollY: window.scrollY,
      };
    });
    if (state.inView && state.focused) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect({ text: String(text), inView: state.inView, focused: state.focused }).toEqual({ text: String(text), inView: true, focused: true });
  return state;
}

describe("the answer to a form is in view and has focus", () => {
  it("interview page: a saved draft, a refused signature (buttons far down the page) and a refused certificate", async () => {
    await withPage(async (p) => {
      await p.login("examinator@leerlijn.test");
      await p.visit(`/eindgesprekken/${interview.planned}`);
      await p.page.getByLabel("Motivatie").fill("Nog niet af: concept.");
      await p.page.getByRole("button", { name: "Concept opslaan" }).click();
      const saved = await expectAnswerInViewAndFocused(p.page, "Het concept is opgeslagen.");
      await p.afterNavigation();
      // The buttons are far down this page: the answer is next to them, not at the top.
      expect(saved.scrollY).toBeGreaterThan(2000);

      await p.page.getByRole("button", { name: "Opslaan en ondertekenen" }).click();
      await expectAnswerInViewAndFocused(p.page, "Ondertekenen kan nog niet. Dit ontbreekt nog:");
      await p.afterNavigation();

      await p.visit(`/eindgesprekken/${interview.finished}`);
      await p.page.getByRole("button", { name: "Certificaat uitgeven" }).click();
      await expectAnswerInViewAndFocused(p.page, /^Het certificaat kan nog niet worden uitgegeven/);
      await p.afterNavigation();
    });
  });

  it("interview page without JavaScript: the refused signature is focused and in view when the answer loads", async () => {
    await withPage(
      async (p) => {
        await p.login("examinator@leerlijn.test");
        await p.visit(`/eindgesprekken/${interview.planned}`);
        await Promise.all([p.page.waitForEvent("load"), p.page.getByRole("button", { name: "Opslaan en ondertekenen" }).click()]);
        await expectAnswerInViewAndFocused(p.page, "Ondertekenen kan nog niet. Dit ontbreekt nog:");
        await p.afterNavigation();
      },
      { javaScriptEnabled: false },
    );
  });

  it("practice entry: the server's refusal of a date in the future", async () => {
    await withPage(async (p) => {
      await p.login("deelnemer10@leerlijn.test");
      await p.visit("/deelnemer/praktijk");
      // A small screen, so the form's top and its button are not in view together.
      await p.page.setViewportSize({ width: 400, height: 700 });
      await p.page.getByLabel("Datum").fill(daysFromToday(3));
      await p.page.getByLabel("Aantal uren").fill("2");
      await p.page.getByLabel("Wat voor werk was het?").selectOption({ label: "Teamoverleg" });
      await p.page.getByLabel("Wat deed je?").fill("Overleg in het team");
      await p.page.getByLabel("Wat leerde je ervan?").fill("Dat ik mijn eigen verhaal kort kan houden.");
      await p.page.getByRole("button", { name: "Uren opslaan" }).click();
      await expectAnswerInViewAndFocused(p.page, "Er klopt iets niet. Kijk naar de velden met een melding.");
      await p.page.getByText("Deze datum ligt in de toekomst. Schrijf alleen uren op die je al gewerkt hebt.").waitFor();
      await p.afterNavigation();
    });
  });
});
