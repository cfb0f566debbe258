import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { currentTime } from "../../app/clock.server";
import { DEMO_COHORT_FINISHED } from "../../demo/seed";
import { daysFromToday } from "../support/clock";
import { readServerInfo } from "./server-info";
import { type CheckedPage, launchBrowser, withCheckedPage } from "./support";

/*
 * Issue 24 point 6: the coordinator changes the plan of a planned interview in the browser, with
 * JavaScript and without: another time and place, the assessors (refused with one), and cancelling
 * with a reason, after which the interview is gone from the list.
 *
 * Data no other browser test uses: a participant made here (Ilse Wouters) with a planned
 * interview of her own, the two demo examiners as assessors.
 */
jest.setTimeout(180_000);

let browser: Browser;
let participantName = "";
const interview = { noJs: 0, js: 0 };

const openDb = () => {
  const db = new Database(readServerInfo().dbFile);
  db.pragma("busy_timeout = 5000");
  return db;
};

beforeAll(async () => {
  browser = await launchBrowser();
  const db = openDb();
  try {
    const now = currentTime().toISOString();
    const id = (email: string) => (db.prepare("select id from users where email = ?").get(email) as { id: number }).id;
    const cohort = db.prepare("select id, leerlijn_version_id from cohorts where name = ?").get(DEMO_COHORT_FINISHED) as {
      id: number;
      leerlijn_version_id: number;
    };
    const plan = (email: string, name: string, startTime: string): number => {
      const user = db
        .prepare(
          "insert into users (email, name, role, status, password_hash, created_at, updated_at) values (?, ?, 'participant', 'invited', null, ?, ?) returning id",
        )
        .get(email, name, now, now) as { id: number };
      const row = db
        .prepare(
          `insert into interviews (participant_id, cohort_id, leerlijn_version_id, date, start_time, location, status, created_by, created_at, updated_at)
           values (?, ?, ?, ?, ?, 'Vrijwilligersacademie, Amsterdam', 'gepland', ?, ?, ?) returning id`,
        )
        .get(user.id, cohort.id, cohort.leerlijn_version_id, daysFromToday(10), startTime, id("coordinator@leerlijn.test"), now, now) as { id: number };
      for (const examiner of ["examinator@leerlijn.test", "examinator2@leerlijn.test"]) {
        db.prepare("insert into interview_assessors (interview_id, user_id, signed_at) values (?, ?, null)").run(row.id, id(examiner));
      }
      return row.id;
    };
    const stamp = Date.parse(now).toString(36);
    participantName = "Ilse Wouters";
    interview.noJs = plan(`ilse.wouters.${stamp}@voorbeeld.test`, participantName, "10:00");
    interview.js = plan(`ruben.kaya.${stamp}@voorbeeld.test`, "Ruben Kaya", "11:00");
  } finally {
    db.close();
  }
});
afterAll(async () => {
  await browser?.close();
});

const withPage = (fn: (p: CheckedPage) => Promise<void>, opts?: Parameters<typeof withCheckedPage>[2]) => withCheckedPage(browser, fn, opts);

/** The message is on screen and focus is on it (or on the box around it): the Answer component. */
async function expectAnswer(page: Page, text: string | RegExp) {
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

/** Submits a form without JavaScript: the browser loads the answered page. */
async function submit(p: CheckedPage, button: string) {
  await Promise.all([p.page.waitForEvent("load"), p.page.getByRole("button", { name: button }).click()]);
}

const auditOf = (action: string, interviewId: number) => {
  const db = openDb();
  try {
    return db.prepare("select outcome, details from audit_log where action = ? and target_id = ? order by id").all(action, String(interviewId)) as {
      outcome: string;
      details: string | null;
    }[];
  } finally {
    db.close();
  }
};

const assessorCount = (interviewId: number) => {
  const db = openDb();
  try {
    return (db.prepare("select count(*) as n from interview_assessors where interview_id = ?").get(interviewId) as { n: number }).n;
  } finally {
    db.close();
  }
};

describe("the coordinator changes a planned interview", () => {
  it("without JavaScript: a new time and place, one assessor refused, cancelled with a reason", async () => {
    await withPage(
      async (p) => {
        await p.login("coordinator@leerlijn.test");
        await p.visit(`/eindgesprekken/${interview.noJs}`);
        await p.page.getByRole("heading", { name: "Planning veranderen" }).waitFor();

        // Another time and place.
        await p.page.getByLabel("Begintijd", { exact: true }).fill("15:30");
        await p.page.getByLabel("Plaats", { exact: true }).fill("Buurthuis De Meeuw");
        await submit(p, "Datum, tijd en plaats opslaan");
        await expectAnswer(p.page, "De nieuwe datum, tijd en plaats zijn opgeslagen.");
        await p.page.getByText(/15:30 · Buurthuis De Meeuw/).waitFor();
        await p.afterNavigation();
        expect(auditOf("interview.reschedule", interview.noJs).map((r) => JSON.parse(r.details!))).toEqual([
          {
            from: `${daysFromToday(10)} 10:00`,
            to: `${daysFromToday(10)} 15:30`,
            location: { from: "Vrijwilligersacademie, Amsterdam", to: "Buurthuis De Meeuw" },
          },
        ]);

        // One assessor is refused by the server; the form comes back as it was sent.
        await p.page.getByLabel("Karin Smits (examinator)").uncheck();
        await submit(p, "Beoordelaars opslaan");
        await expectAnswer(p.page, "Er klopt iets niet. Kijk naar de velden met een melding.");
        await p.page.getByText("Kies minstens twee beoordelaars.").waitFor();
        await expect(p.page.getByLabel("Henk Mulder (examinator)").isChecked()).resolves.toBe(true);
        await expect(p.page.getByLabel("Karin Smits (examinator)").isChecked()).resolves.toBe(false);
        await p.afterNavigation();
        expect(assessorCount(interview.noJs)).toBe(2);

        // Cancelling needs a reason.
        await submit(p, "Gesprek afzeggen");
        await p.page.getByText("Vul dit veld in.").first().waitFor();
        await p.afterNavigation();
        await p.page.getByLabel("Reden van het afzeggen").fill("De deelnemer is ziek. Een nieuwe datum volgt.");
        await submit(p, "Gesprek afzeggen");
        expect(new URL(p.page.url()).pathname + new URL(p.page.url()).search).toBe("/coordinator/eindgesprekken?afgezegd=1");
        await expectAnswer(p.page, "Het eindgesprek is afgezegd. Je kunt de deelnemer opnieuw plannen.");
        await expect(p.page.getByRole("link", { name: `Eindgesprek ${participantName}` }).count()).resolves.toBe(0);
        await p.afterNavigation();
        const cancelled = auditOf("interview.cancel", interview.noJs);
        expect(cancelled.map((r) => JSON.parse(r.details!))).toEqual([
          expect.objectContaining({ reason: "De deelnemer is ziek. Een nieuwe datum volgt.", startTime: "15:30", location: "Buurthuis De Meeuw" }),
        ]);
        // The interview is gone: its address answers 404.
        const res = await p.page.goto(`/eindgesprekken/${interview.noJs}`);
        expect(res?.status()).toBe(404);
        await p.afterNavigation();
      },
      { javaScriptEnabled: false },
    );
  });

  it("with JavaScript: a new date, answered at the form", async () => {
    await withPage(async (p) => {
      await p.login("coordinator@leerlijn.test");
      await p.visit(`/eindgesprekken/${interview.js}`);
      await p.page.getByLabel("Datum", { exact: true }).fill(daysFromToday(12));
      await p.page.getByRole("button", { name: "Datum, tijd en plaats opslaan" }).click();
      await expectAnswer(p.page, "De nieuwe datum, tijd en plaats zijn opgeslagen.");
      await p.afterNavigation();
      expect(auditOf("interview.reschedule", interview.js).map((r) => JSON.parse(r.details!))).toEqual([
        { from: `${daysFromToday(10)} 11:00`, to: `${daysFromToday(12)} 11:00` },
      ]);

      // The planning page: a coordinator may also choose someone not ready yet, and give the reasons.
      await p.visit("/eindgesprekken/nieuw");
      await p.page.getByLabel("Reden om toch te plannen").waitFor();
      await p.page.getByLabel("Reden voor de eigen trainer of werkbegeleider als beoordelaar").waitFor();
      await expect(p.page.locator("select[name=participantId] option", { hasText: "nog niet klaar" }).count()).resolves.toBeGreaterThan(0);
      // Only people who can sign are offered as assessors: no trainer.
      await expect(p.page.getByLabel(/\(trainer\)$/).count()).resolves.toBe(0);
    });
  });
});
