import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { readServerInfo } from "./server-info";
import { CheckedPage, launchBrowser } from "./support";
import { makeGroup, makePlacement, type Group, type Person, withServerDb } from "./factories";
import { currentTimeMs } from "../../app/clock.server";
import { daysFromToday } from "../support/clock";

/**
 * Issue 24, point 5: the werkbegeleider's sign-off applies to the entry as they saw it. When the
 * participant changes the entry after the link was opened (1,5 → 12 hours), sending the form is
 * refused with a clear message, in view and with focus, showing the new hours; nothing is stored,
 * and deciding on the new version works.
 *
 * A group of its own (factories.ts): one participant with a practice place, and the group's trainer.
 */
let group: Group;
let participantOf: Person;

// Two browsers, every page scanned by axe-core, on a busy machine.
jest.setTimeout(240_000);

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
  group = await withServerDb(async (db) => {
    const g = await makeGroup(db, { participants: 1 });
    await makePlacement(db, g.participants[0]);
    return g;
  });
  participantOf = group.participants[0];
});
afterAll(async () => {
  await browser?.close();
});

function query<T>(sql: string, ...args: unknown[]): T[] {
  const db = new Database(readServerInfo().dbFile, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...args) as T[];
  } finally {
    db.close();
  }
}

/** A day in the past without entries of this participant, so 12 hours fit in one day. */
function freeDay(email: string): string {
  const taken = new Set(
    query<{ date: string }>("select e.date from practice_entries e join users u on u.id = e.participant_id where u.email = ?", email).map((r) => r.date),
  );
  for (let d = 1; d < 60; d++) if (!taken.has(daysFromToday(-d))) return daysFromToday(-d);
  throw new Error("no free day");
}

/** The answer is on screen and has focus (the same check as form-answers.test.ts). */
async function expectAnswerInViewAndFocused(page: Page, text: string | RegExp) {
  const message = page.getByText(text).first();
  await message.waitFor();
  let state = { inView: false, focused: false };
  for (let i = 0; i < 20; i++) {
    state = await message.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const active = document.activeElement;
      return {
        inView: r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0,
        focused: !!active && active !== document.body && (active === el || active.contains(el)),
      };
    });
    if (state.inView && state.focused) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect({ text: String(text), ...state }).toEqual({ text: String(text), inView: true, focused: true });
}

const REFUSAL = "Er is niets opgeslagen. Een of meer regels zijn veranderd nadat u deze pagina opende. Kijk naar de nieuwe uren en tekst en kies opnieuw.";

async function run(javaScriptEnabled: boolean) {
  const stamp = `${currentTimeMs()}-${javaScriptEnabled ? "js" : "nojs"}`;
  const before = `Huisbezoek met de wijkverpleegkundige ${stamp}`;
  const after = `Hele dag meegelopen met het buurtteam ${stamp}`;
  const day = freeDay(participantOf.email);
  const participant = await CheckedPage.open(browser);
  // A small screen: the send button is far below the top of the form.
  const supervisor = await CheckedPage.open(browser, { javaScriptEnabled, viewport: { width: 420, height: 700 } });
  try {
    // The participant writes down 1,5 hours and makes a sign-off link.
    await participant.login(participantOf.email, participantOf.password);
    await addEntry(participant, day, "1,5", before);
    const p = participant.page;
    await p.getByRole("button", { name: /^Maak een link voor mijn werkbegeleider/ }).click();
    await p.getByTestId("signoff-url").waitFor();
    await participant.afterNavigation();
    const url = (await p.getByTestId("signoff-url").textContent()) ?? "";
    expect(url).toMatch(/\/bevestigen\/[A-Za-z0-9_-]{40,}$/);

    // The werkbegeleider opens the link and chooses to confirm the 1,5 hours.
    await supervisor.visit(new URL(url).pathname);
    const s = supervisor.page;
    const mine = () => s.getByRole("group").filter({ hasText: stamp });
    await expect(mine().textContent()).resolves.toContain("1,5 uur");
    await mine().getByLabel("Bevestigen", { exact: true }).check();

    // Meanwhile the participant raises the entry to 12 hours with another text.
    const row = p.getByRole("row").filter({ hasText: before });
    await Promise.all([p.waitForURL(/\/deelnemer\/praktijk\/\d+$/), row.getByRole("link", { name: /^Veranderen/ }).click()]);
    await participant.afterNavigation();
    await p.getByLabel("Aantal uren").fill("12");
    await p.getByLabel("Wat deed je?").fill(after);
    await Promise.all([p.waitForURL(/\/deelnemer\/praktijk$/), p.getByRole("button", { name: "Veranderingen opslaan" }).click()]);
    await participant.afterNavigation();
    await p.getByRole("cell", { name: after }).waitFor();

    // The werkbegeleider sends: refused, the answer in view with focus, with the new hours.
    await s.getByRole("button", { name: "Beslissingen versturen" }).click();
    await expectAnswerInViewAndFocused(s, REFUSAL);
    await supervisor.afterNavigation();
    const answer = s.getByRole("alert").filter({ hasText: REFUSAL });
    await expect(answer.textContent()).resolves.toMatch(/nu 12 uur, Teamoverleg/);
    // The form shows the new version, marked, with the choice back at "later".
    await expect(mine().textContent()).resolves.toContain("12 uur");
    await expect(mine().textContent()).resolves.toContain(after);
    await expect(mine().textContent()).resolves.toContain("Veranderd nadat deze pagina openging.");
    await expect(mine().getByLabel("Later", { exact: true }).isChecked()).resolves.toBe(true);
    // Nothing was stored.
    const stored = () => query<{ status: string; minutes: number }>("select status, minutes from practice_entries where description = ?", after)[0];
    expect(stored()).toEqual({ status: "open", minutes: 720 });

    // Deciding on the new version is accepted.
    await mine().getByLabel("Afwijzen", { exact: true }).check();
    await mine().getByLabel("Opmerking (nodig bij afwijzen)").fill("Twaalf uur op één dag klopt niet.");
    await s.getByRole("button", { name: "Beslissingen versturen" }).click();
    await expectAnswerInViewAndFocused(s, "Dank u wel. 1 regel is beoordeeld.");
    await supervisor.afterNavigation();
    expect(stored()).toEqual({ status: "afgewezen", minutes: 720 });

    participant.assertAllChecked();
    supervisor.assertAllChecked();
  } finally {
    await participant.close();
    await supervisor.close();
  }
}

/** The participant writes down an entry and returns to the log. */
async function addEntry(participant: CheckedPage, day: string, hours: string, description: string) {
  const p = participant.page;
  await participant.visit("/deelnemer/praktijk");
  await p.getByLabel("Datum").fill(day);
  await p.getByLabel("Aantal uren").fill(hours);
  await p.getByLabel("Wat voor werk was het?").selectOption({ label: "Teamoverleg" });
  await p.getByLabel("Wat deed je?").fill(description);
  await p.getByLabel("Wat leerde je ervan?").fill("Ik liet de bewoner zelf vertellen.");
  await p.getByRole("button", { name: "Uren opslaan" }).click();
  await p.getByRole("cell", { name: description }).waitFor();
  await participant.afterNavigation();
}

describe("the trainer's decision on an entry that changed after the page was opened", () => {
  it("is refused with the new hours shown; the decision on the new version is saved", async () => {
    const stamp = `${currentTimeMs()}-trainer`;
    const before = `Overleg met de wijkcoach ${stamp}`;
    const after = `Twee dagen overleg met de wijkcoach ${stamp}`;
    const participantId = participantOf.id;
    const cohortId = group.id;
    const participant = await CheckedPage.open(browser);
    const trainer = await CheckedPage.open(browser, { viewport: { width: 420, height: 700 } });
    try {
      await participant.login(participantOf.email, participantOf.password);
      await addEntry(participant, freeDay(participantOf.email), "2", before);

      await trainer.login(group.trainer.email, group.trainer.password);
      await trainer.visit(`/groepen/${cohortId}/praktijk/${participantId}`);
      const t = trainer.page;
      const mine = () => t.getByRole("group").filter({ hasText: stamp });
      await expect(mine().textContent()).resolves.toContain("2 uur");
      await mine().getByLabel("Bevestigen", { exact: true }).check();

      // The participant changes the entry to 10 hours while the trainer's page is open.
      const p = participant.page;
      await Promise.all([
        p.waitForURL(/\/deelnemer\/praktijk\/\d+$/),
        p
          .getByRole("row")
          .filter({ hasText: before })
          .getByRole("link", { name: /^Veranderen/ })
          .click(),
      ]);
      await participant.afterNavigation();
      await p.getByLabel("Aantal uren").fill("10");
      await p.getByLabel("Wat deed je?").fill(after);
      await Promise.all([p.waitForURL(/\/deelnemer\/praktijk$/), p.getByRole("button", { name: "Veranderingen opslaan" }).click()]);
      await participant.afterNavigation();

      await t.getByRole("button", { name: "Beslissingen opslaan" }).click();
      await expectAnswerInViewAndFocused(t, REFUSAL);
      await trainer.afterNavigation();
      await expect(t.getByRole("alert").filter({ hasText: REFUSAL }).textContent()).resolves.toMatch(/nu 10 uur, Teamoverleg/);
      await expect(mine().textContent()).resolves.toContain(after);
      await expect(mine().getByLabel("Later", { exact: true }).isChecked()).resolves.toBe(true);
      const stored = () => query<{ status: string; minutes: number }>("select status, minutes from practice_entries where description = ?", after)[0];
      expect(stored()).toEqual({ status: "open", minutes: 600 });

      await mine().getByLabel("Bevestigen", { exact: true }).check();
      await t.getByRole("button", { name: "Beslissingen opslaan" }).click();
      await expectAnswerInViewAndFocused(t, "Opgeslagen: 1 regel beoordeeld.");
      await trainer.afterNavigation();
      expect(stored()).toEqual({ status: "bevestigd", minutes: 600 });

      participant.assertAllChecked();
      trainer.assertAllChecked();
    } finally {
      await participant.close();
      await trainer.close();
    }
  });
});

describe("sign-off of an entry that changed after the werkbegeleider opened the link", () => {
  it("is refused with a clear message in view and with focus, showing the new hours (with JavaScript)", async () => {
    await run(true);
  });

  it("is refused the same way without JavaScript", async () => {
    await run(false);
  });
});
