import { randomBytes } from "node:crypto";
import type { Browser } from "playwright-core";
import { createDb } from "../../db/connect";
import { DEMO_COHORT } from "../../demo/seed";
import { createCohort, enrolParticipant } from "../../app/services/cohorts.server";
import { createMeeting } from "../../app/services/schedule.server";
import { cohortByName, FACTORY_PASSWORD, makeUser, userByEmail } from "../support/factories";
import { daysFromToday } from "../support/clock";
import { readServerInfo } from "./server-info";
import { CheckedPage, launchBrowser, withCheckedPage } from "./support";

/**
 * Issue 23 point 12, the smaller things, as people see them. The data is this file's own: a
 * cohort with a trainer and three participants made here (no other browser test signs in as
 * them), a lesson with a programme, and a certificate for one of them.
 */
let browser: Browser;
const stamp = Date.now();
const cohortName = `Kleine dingen ${stamp}`;
const lessonTitle = `Les met programma ${stamp}`;
let cohortId = 0;
let trainerEmail = "";
let anna = { email: "", name: "" };
let bas = { email: "", name: "" };
let cas = { email: "", name: "" };
let certificateNumber = "";

beforeAll(async () => {
  browser = await launchBrowser();
  const db = createDb(readServerInfo().dbFile);
  try {
    const coordinator = await userByEmail(db, "coordinator@leerlijn.test");
    const demo = await cohortByName(db, DEMO_COHORT);
    const trainer = await makeUser(db, {
      role: "trainer",
      name: `Trainer Klein ${stamp}`,
    });
    trainerEmail = trainer.email;
    const actor = { id: coordinator.id, role: coordinator.role };
    cohortId = await createCohort(
      db,
      {
        name: cohortName,
        startDate: daysFromToday(-30),
        endDate: daysFromToday(120),
        leerlijnVersionId: demo.leerlijn_version_id,
        trainerIds: [trainer.id],
      },
      actor,
    );
    const people = [];
    for (const name of ["Anna Klein", "Bas Klein", "Cas Klein"]) {
      const p = await makeUser(db, {
        role: "participant",
        name: `${name} ${stamp}`,
      });
      await enrolParticipant(db, cohortId, p.id, actor);
      people.push(p);
    }
    [anna, bas, cas] = people.map((p) => ({ email: p.email, name: p.name }));
    await createMeeting(
      db,
      cohortId,
      {
        type: "les",
        title: lessonTitle,
        date: daysFromToday(10),
        startTime: "13:30",
        endTime: "16:30",
        location: "Buurthuis",
        onlineUrl: null,
        trainerIds: [trainer.id],
        trainingId: null,
        intervisieGroupId: null,
        programme: [
          { minutes: 15, title: "welkom" },
          { minutes: 120, title: "thema eigen regie" },
          { minutes: 45, title: "oefenen" },
        ],
        assignment: null,
      },
      { id: trainer.id, role: "trainer" },
    );
    // Cas holds a certificate (written here as issued: this file tests what is shown of it, not issuing).
    const seq = 9000 + (stamp % 900);
    certificateNumber = `LLB-2026-${seq}`;
    await db
      .insertInto("certificates")
      .values({
        number: certificateNumber,
        year: 2026,
        seq,
        verification_code: randomBytes(18).toString("base64url"),
        participant_id: people[2]!.id,
        cohort_id: cohortId,
        interview_id: null,
        snapshot: JSON.stringify({
          participantName: people[2]!.name,
          leerlijn: { name: "Leerlijn", version: 1, level: "" },
          hours: { learning: 1, practice: 1 },
          trainings: [],
          issuedOn: daysFromToday(-2),
          issuer: "Leerlijn",
        }),
        pdf_sha256: "0".repeat(64),
        pdf: Buffer.from("%PDF-1.4\n%test\n"),
        issued_at: new Date(`${daysFromToday(-2)}T10:00:00Z`).toISOString(),
        issued_by: coordinator.id,
        revoked_at: null,
        revoked_by: null,
        revoke_reason: null,
        revoke_kind: null,
        supersedes_id: null,
        superseded_by_id: null,
      })
      .execute();
  } finally {
    await db.destroy();
  }
});
afterAll(async () => {
  await browser?.close();
});

const withPage = (fn: (p: CheckedPage) => Promise<void>, opts?: Parameters<typeof withCheckedPage>[2]) => withCheckedPage(browser, fn, opts);

it("a. after planning a meeting the rooster names it at the top, with focus, and marks its row", async () => {
  await withPage(async (p) => {
    await p.login(trainerEmail, FACTORY_PASSWORD);
    await p.visit(`/groepen/${cohortId}/bijeenkomsten/nieuw`);
    const title = `Net gepland ${stamp}`;
    await p.page.getByLabel("Titel").fill(title);
    await p.page.getByLabel("Datum").fill(daysFromToday(20));
    await p.page.getByLabel("Begintijd").fill("09:00");
    await p.page.getByLabel("Eindtijd").fill("12:00");
    await Promise.all([p.page.waitForURL(/\/rooster\?gepland=\d+$/), p.page.getByRole("button", { name: "Bijeenkomst plannen" }).click()]);
    await p.afterNavigation();
    const answer = p.page.getByRole("status").filter({ hasText: `De bijeenkomst „${title}” op` });
    await answer.waitFor();
    await expect(answer.textContent()).resolves.toContain("van 09:00 tot 12:00 is gepland.");
    await expect(p.page.evaluate(() => Boolean(document.activeElement?.closest("[data-answer]")))).resolves.toBe(true);
    const row = p.page.getByRole("row").filter({ hasText: title });
    await expect(row.getByText("Net gepland", { exact: true }).count()).resolves.toBe(1);
    await expect(p.page.locator(".ll-row--new").count()).resolves.toBe(1);
    const href = await answer.getByRole("link", { name: "Bekijk de bijeenkomst in het rooster" }).getAttribute("href");
    await expect(row.getAttribute("id")).resolves.toBe(href!.slice(1));
  });
});

it("b. the examiner's home and the coordinator's interview page do not say 'none' while listing interviews", async () => {
  await withPage(async (p) => {
    await p.login("examinator@leerlijn.test");
    await p.page
      .getByRole("link", { name: /^Eindgesprek / })
      .first()
      .waitFor();
    await expect(p.page.getByText("aan jou toegewezen", { exact: false }).count()).resolves.toBe(0);
    await p.page.getByText("Hier zie je de eindgesprekken die je afneemt.").waitFor();
  });
  await withPage(async (p) => {
    await p.login("coordinator@leerlijn.test");
    await p.visit("/coordinator/eindgesprekken");
    await p.page.getByRole("heading", { level: 1, name: "Eindgesprekken" }).waitFor();
    await p.page
      .getByRole("link", { name: /^Eindgesprek / })
      .first()
      .waitFor();
    await expect(p.page.getByText("aan jou toegewezen", { exact: false }).count()).resolves.toBe(0);
    await expect(p.page.getByText("voor je gepland", { exact: false }).count()).resolves.toBe(0);
  });
});

it("c. after a GOP conflict the header and 'Wie schreef mee' show the current version", async () => {
  const a = await CheckedPage.open(browser);
  const b = await CheckedPage.open(browser);
  try {
    await a.login(anna.email, FACTORY_PASSWORD);
    await b.login(bas.email, FACTORY_PASSWORD);
    for (const p of [a, b]) await p.visit(`/groepen/${cohortId}/gop`);
    await b.page.getByText("Nog niet begonnen").waitFor();
    await a.page.getByLabel("Groepsafspraken").fill("We beginnen op tijd.");
    await b.page.getByLabel("Groepsafspraken").fill("Telefoons gaan uit.");
    await a.page.getByRole("button", { name: "GOP opslaan" }).click();
    await a.page.getByText("Opgeslagen als versie 1.").waitFor();
    await a.afterNavigation();

    await b.page.getByRole("button", { name: "GOP opslaan" }).click();
    await b.page.getByText(`Let op: ${anna.name} heeft dit onderdeel net ook veranderd`, { exact: false }).waitFor();
    await b.afterNavigation();
    // The page's own data, not only the warning: version 1 by Anna.
    await expect(b.page.getByText("Nog niet begonnen").count()).resolves.toBe(0);
    await b.page
      .locator("p")
      .filter({ hasText: /versie 1$/ })
      .first()
      .waitFor();
    await b.page.getByRole("heading", { name: "Wie schreef mee" }).waitFor();
    await b.page.getByText(`${anna.name}: 1 keer opgeslagen`, { exact: false }).waitFor();
    a.assertAllChecked();
    b.assertAllChecked();
  } finally {
    await a.close();
    await b.close();
  }
});

it("g. 'te lang' names the limit, in the browser and from the server (without JavaScript)", async () => {
  for (const javaScriptEnabled of [true, false]) {
    await withPage(
      async (p) => {
        await p.login(anna.email, FACTORY_PASSWORD);
        await p.visit(`/groepen/${cohortId}/gop`);
        await p.page.getByLabel("Groepsafspraken").fill("x".repeat(6001));
        await p.page.getByRole("button", { name: "GOP opslaan" }).click();
        if (!javaScriptEnabled) await p.page.waitForLoadState("load");
        await p.page.getByText("Deze tekst is te lang: maximaal 6000 tekens.").first().waitFor();
        await p.afterNavigation();
      },
      { javaScriptEnabled },
    );
  }
});

it("e. the locked judgement shows the advice", async () => {
  await withPage(async (p) => {
    await p.login("examinator@leerlijn.test");
    await p.visit("/examinator");
    await Promise.all([p.page.waitForURL(/\/eindgesprekken\/\d+$/), p.page.getByRole("link", { name: "Eindgesprek Lotte Brouwer" }).first().click()]);
    await p.afterNavigation();
    await expect(p.page.getByRole("button", { name: "Opslaan en ondertekenen" }).count()).resolves.toBe(0);
    await p.page.getByText("Advies aan de deelnemer:", { exact: true }).waitFor();
  });
});

it("j. a training's meeting titled after the training shows the title once on the rooster", async () => {
  await withPage(async (p) => {
    await p.login("trainer@leerlijn.test");
    const db = createDb(readServerInfo().dbFile);
    let id = 0;
    let title = "";
    try {
      const demo = await cohortByName(db, DEMO_COHORT);
      id = demo.id;
      const s = await db
        .selectFrom("course_sessions as s")
        .innerJoin("trainings as tr", "tr.id", "s.training_id")
        .select("s.title")
        .where("s.cohort_id", "=", demo.id)
        .whereRef("s.title", "=", "tr.title")
        .executeTakeFirstOrThrow();
      title = s.title;
    } finally {
      await db.destroy();
    }
    await p.visit(`/groepen/${id}/rooster`);
    const cell = p.page.getByRole("rowheader").filter({ hasText: title }).first();
    await expect(cell.textContent()).resolves.not.toContain(`${title} · ${title}`);
  });
});

it("k. the participant sees a meeting's programme on their rooster, folded", async () => {
  await withPage(async (p) => {
    await p.login(anna.email, FACTORY_PASSWORD);
    await p.visit("/deelnemer/rooster");
    const card = p.page.locator("article").filter({ hasText: lessonTitle });
    const summary = card.getByText("Programma (3 onderdelen)");
    await summary.waitFor();
    await expect(card.getByText("13:30–13:45: welkom").isVisible()).resolves.toBe(false);
    await summary.click();
    await card.getByText("13:30–13:45: welkom").waitFor();
    await card.getByText("13:45–15:45: thema eigen regie").waitFor();
    await card.getByText("15:45–16:30: oefenen").waitFor();
  });
});

describe("the certificate: shown to its owner, revoked with a confirmation, audited in Dutch", () => {
  it("i. the participant's home links to their valid certificate and its verification page", async () => {
    await withPage(async (p) => {
      await p.login(cas.email, FACTORY_PASSWORD);
      const section = p.page.getByRole("region", { name: "Je certificaat" });
      await section
        .getByText(`Certificaat ${certificateNumber} is uitgegeven`, {
          exact: false,
        })
        .waitFor();
      await expect(section.getByRole("link", { name: "Download het certificaat (PDF)" }).getAttribute("href")).resolves.toMatch(
        /^\/certificaten\/\d+\/certificaat\.pdf$/,
      );
      await Promise.all([
        p.page.waitForURL(/\/verify\/[A-Za-z0-9_-]{24}$/),
        section
          .getByRole("link", {
            name: "Bekijk de controlepagina van je certificaat",
          })
          .click(),
      ]);
      await p.afterNavigation();
      await p.page.getByText("Geldig.", { exact: true }).waitFor();
    });
  });

  it("l. revoking asks to be sure first (without JavaScript), then revokes", async () => {
    await withPage(
      async (p) => {
        await p.login("coordinator@leerlijn.test");
        await p.visit(`/coordinator/certificaten?zoek=${certificateNumber}`);
        const row = p.page.getByRole("row").filter({ hasText: certificateNumber });
        await row.getByLabel(/^Reden/).fill("Uitgegeven op een verkeerde grond.");
        await row.getByRole("button", { name: "Intrekken" }).click();
        await p.page.waitForLoadState("load");
        // The refusal stands at the confirm box, and the summary at the top links to it (issue 27 point 2).
        const refusal = "Het certificaat is niet ingetrokken. Vink eerst aan dat je het zeker weet.";
        await p.page.getByRole("link", { name: refusal }).waitFor();
        await p.page.locator(".utrecht-form-field-error-message").getByText(refusal).waitFor();
        await p.afterNavigation();
        await p.page.getByRole("row").filter({ hasText: certificateNumber }).getByText("Geldig", { exact: true }).waitFor();

        const again = p.page.getByRole("row").filter({ hasText: certificateNumber });
        await again.getByLabel(/^Reden/).fill("Uitgegeven op een verkeerde grond.");
        await again.getByLabel(`Ik weet zeker dat ik certificaat ${certificateNumber} wil intrekken.`, { exact: false }).check();
        await again.getByRole("button", { name: "Intrekken" }).click();
        await p.page.waitForLoadState("load");
        await p.page.getByText("Het certificaat is ingetrokken.", { exact: false }).waitFor();
        await p.afterNavigation();
      },
      { javaScriptEnabled: false },
    );
  });

  it("i. the participant is told calmly that their certificate was revoked, with the date", async () => {
    await withPage(async (p) => {
      await p.login(cas.email, FACTORY_PASSWORD);
      const section = p.page.getByRole("region", { name: "Je certificaat" });
      await section.getByText(new RegExp(`^Je certificaat ${certificateNumber} is op \\d+ \\w+ \\d{4} ingetrokken\\. Het is niet meer geldig\\.`)).waitFor();
      await expect(section.getByRole("link", { name: "Download het certificaat (PDF)" }).count()).resolves.toBe(0);
    });
  });

  it("f. the audit log names role and subject in Dutch, and the revoke carries the IP", async () => {
    await withPage(async (p) => {
      await p.login("coordinator@leerlijn.test");
      await p.visit("/coordinator/auditlog?action=certificate.revoke");
      const row = p.page.getByRole("row").filter({ hasText: "certificate.revoke" }).first();
      await expect(row.getByRole("cell").nth(1).textContent()).resolves.toBe("Esther de Groot (coördinator)");
      await expect(row.getByRole("cell").nth(3).textContent()).resolves.toMatch(/^certificaat \d+$/);
      await expect(row.getByRole("cell").nth(5).textContent()).resolves.toMatch(/\S/);
    });
  });
});
