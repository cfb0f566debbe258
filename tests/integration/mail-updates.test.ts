import path from "node:path";
import { matchRoutes, type AgnosticRouteObject } from "@remix-run/router";
import { DEMO_COHORT, DEMO_COHORT_2 } from "../../demo/seed";
import { getVersion } from "../../app/services/curriculum.server";
import { issueCertificate, reissueCertificate } from "../../app/services/certificates.server";
import { enrolParticipant } from "../../app/services/cohorts.server";
import { gopState, gopStep, saveGop } from "../../app/services/gop.server";
import { cancelInterview, changeAssessors, planInterview, rescheduleInterview, saveJudgement, signJudgement } from "../../app/services/interviews.server";
import { setMailSettings, type MailSettings } from "../../app/services/mail-outbox.server";
import { sendMailOnce } from "../../app/services/mail-sender.server";
import { addPopComment, decidePop, popContext, savePop, submitPop } from "../../app/services/pop.server";
import { decideByLink, decideByTrainer, practiceLog, requestSignOff, saveEntry, savePlacement } from "../../app/services/practice.server";
import { recordOutflow } from "../../app/services/progress.server";
import { handInAnswer, reviewAnswer } from "../../app/services/assignments.server";
import { createMeeting } from "../../app/services/schedule.server";
import { emptyLeerdoel, type PopContent } from "../../app/rules/pop";
import { TODAY, daysFromToday } from "../support/clock";
import { createTestDb, type TestDb } from "../support/db";
import { cohortByName, makeUser, userByEmail } from "../support/factories";
import { startTestSmtp, type ReceivedMail, type TestSmtp } from "../support/smtp";

/**
 * The messages about a person's own work, their interview and their certificate (issue 28,
 * point 3), from the real services on a real database (the demo data set), delivered by the
 * real sender to a real SMTP server. For each: exactly the right people get one message, its
 * link leads to the page where they see it (matched against the app's own route tree), and
 * nothing of the plan, the reflection, the answer or the trainer's words is in it. Without the
 * app's address (scripts, fixtures) nothing is queued.
 */
let t: TestDb;
let smtp: TestSmtp;
let settings: MailSettings;
const BASE = "https://leerlijn.example.nl";
const mail = { baseUrl: BASE };
let routes: AgnosticRouteObject[];

beforeAll(async () => {
  // The app's route tree as Remix builds it (Remix's dev package loads Vite's CommonJS build: quietly).
  process.env.VITE_CJS_IGNORE_WARNING = "true";
  const { appRouteTree } = await import("../../scripts/lib/app-routes");
  routes = appRouteTree(path.join(__dirname, "../../app")) as unknown as AgnosticRouteObject[];
  t = await createTestDb("demo");
  smtp = await startTestSmtp();
  settings = { smtpUrl: smtp.url, from: "Leerlijn <leerlijn@example.nl>" };
});
afterAll(async () => {
  setMailSettings(undefined);
  await smtp.close();
  await t.close();
});
beforeEach(async () => {
  setMailSettings(settings);
  smtp.received.length = 0;
  await t.db.deleteFrom("mail_outbox").execute();
});

/** Sends what is queued and returns what arrived. */
async function deliver(): Promise<ReceivedMail[]> {
  await sendMailOnce(t.db);
  return [...smtp.received];
}

async function queued(): Promise<number> {
  return (await t.db.selectFrom("mail_outbox").select("id").execute()).length;
}

/**
 * The links in a message's text (one per line where they stand alone), but for the unsubscribe
 * link at its foot: every one of these messages is optional, so each carries exactly one of those,
 * also in its List-Unsubscribe header.
 */
function links(m: ReceivedMail): string[] {
  const all = [...m.text.matchAll(/https:\/\/leerlijn\.example\.nl\/\S*/g)].map((x) => x[0]);
  const unsubscribe = all.filter((l) => l.startsWith(`${BASE}/afmelden/`));
  expect(unsubscribe).toHaveLength(1);
  expect(m.headers["list-unsubscribe"]).toBe(`<${unsubscribe[0]}>`);
  return all.filter((l) => !unsubscribe.includes(l));
}

/** The app's page (route file) a link leads to. */
function pageOf(url: string): string | undefined {
  expect(url.startsWith(`${BASE}/`)).toBe(true);
  return matchRoutes(routes, new URL(url).pathname)?.at(-1)?.route.id;
}

/** The one message that arrived for this address, its action link checked on text and HTML. */
function onlyMailTo(received: ReceivedMail[], email: string): ReceivedMail {
  const mine = received.filter((m) => m.to.includes(email));
  expect(mine).toHaveLength(1);
  return mine[0]!;
}

function expectNone(m: ReceivedMail, secrets: string[]) {
  for (const s of secrets) {
    expect(m.text).not.toContain(s);
    expect(m.html).not.toContain(s);
    expect(m.raw).not.toContain(s);
    expect(m.subject).not.toContain(s);
  }
}

const goal = (doel: string, competentie = "contact") => ({
  ...emptyLeerdoel(),
  doel,
  competentie,
  acties: "Oefenen",
  wieHelpt: "Trainer",
  wanneer: "Dit najaar",
  bewijs: "Verslag",
});

async function freshParticipant(cohortName = DEMO_COHORT) {
  const cohort = await cohortByName(t.db, cohortName);
  const trainer = await userByEmail(t.db, cohortName === DEMO_COHORT ? "trainer@leerlijn.test" : "trainer2@leerlijn.test");
  const p = await makeUser(t.db);
  await enrolParticipant(t.db, cohort.id, p.id, trainer);
  return { p, trainer, cohort };
}

describe("POP returned or approved", () => {
  it("tells the owner, and only the owner, once per decision; never the plan or the trainer's words", async () => {
    const { p, trainer } = await freshParticipant();
    const other = (await freshParticipant()).p;
    const PLAN = "Ik wil leren praten over de paarse vuurtoren van mijn jeugd.";
    const COMMENT = "Denk nog eens na over de zingende walvis.";
    const NOTE = "Notitie over de kwetterende kanarie.";
    const content: PopContent = {
      wieBenIk: "",
      sterkeKanten: "Ik luister goed.",
      ontwikkelpunten: "Grenzen aangeven.",
      leerdoelen: [goal(PLAN), goal("Mijn verhaal kort houden", "eigen-ervaring")],
    };
    await savePop(t.db, p, { content, storyConsent: false });
    const ctx = (await popContext(t.db, p, p.id))!;
    expect(await submitPop(t.db, p, ctx)).toEqual([]);
    await addPopComment(t.db, trainer, p.id, { section: "leerdoel-1", text: COMMENT, replyTo: null });

    // Without the app's address (a script): decided, and nothing queued.
    await decidePop(t.db, trainer, p.id, { action: "return", version: 1, note: NOTE });
    expect(await queued()).toBe(0);

    // Handed in again unchanged and returned again, now from the page: one message.
    expect(await submitPop(t.db, p, ctx)).toEqual([]);
    await decidePop(t.db, trainer, p.id, { action: "return", version: 1, note: NOTE }, undefined, mail);
    let received = await deliver();
    expect(received).toHaveLength(1);
    const returned = onlyMailTo(received, p.email);
    expect(returned.subject).toBe("Je trainer heeft je POP teruggegeven");
    expect(returned.text).toContain("Er staat iets voor je klaar. Log in om het te zien.");
    expect(links(returned)).toEqual([`${BASE}/deelnemer/pop`]);
    expect(returned.html).toContain(`href="${BASE}/deelnemer/pop"`);
    expect(pageOf(links(returned)[0]!)).toBe("routes/deelnemer.pop");
    expectNone(returned, [PLAN, COMMENT, NOTE, "paarse vuurtoren", "walvis", "kanarie"]);
    expect(received.some((m) => m.to.includes(other.email) || m.to.includes(trainer.email))).toBe(false);
    const row = await t.db.selectFrom("mail_outbox").selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ type: "pop-returned", recipient_user_id: p.id, status: "sent" });

    // Changed, handed in and approved: one more message, of its own kind.
    smtp.received.length = 0;
    await savePop(t.db, p, { content: { ...content, sterkeKanten: "Ik luister goed en vat samen." }, storyConsent: false });
    expect(await submitPop(t.db, p, ctx)).toEqual([]);
    await decidePop(t.db, trainer, p.id, { action: "approve", version: 2, note: NOTE }, undefined, mail);
    received = await deliver();
    expect(received).toHaveLength(1);
    const approved = onlyMailTo(received, p.email);
    expect(approved.subject).toBe("Je POP is goedgekeurd");
    expect(links(approved)).toEqual([`${BASE}/deelnemer/pop`]);
    expectNone(approved, [PLAN, NOTE, "Ik luister goed"]);
    expect((await t.db.selectFrom("mail_outbox").select("type").orderBy("id").execute()).map((r) => r.type)).toEqual(["pop-returned", "pop-approved"]);
  });
});

describe("GOP returned or approved", () => {
  it("tells every participant still in the cohort once; not who left, not another cohort, not the trainer", async () => {
    const cohort = await cohortByName(t.db, DEMO_COHORT);
    const trainer = await userByEmail(t.db, "trainer@leerlijn.test");
    const coordinator = await userByEmail(t.db, "coordinator@leerlijn.test");
    const member = await userByEmail(t.db, "deelnemer10@leerlijn.test");
    const leaver = (await freshParticipant()).p;
    await recordOutflow(t.db, coordinator, cohort.id, leaver.id, { leftOn: TODAY, reason: "werk", note: null });
    const elsewhere = (await freshParticipant(DEMO_COHORT_2)).p;
    const stillIn = await t.db
      .selectFrom("enrolments as e")
      .innerJoin("users as u", "u.id", "e.participant_id")
      .select("u.email")
      .where("e.cohort_id", "=", cohort.id)
      .where("e.left_on", "is", null)
      .where("u.status", "!=", "disabled")
      .execute();
    expect(stillIn.length).toBeGreaterThanOrEqual(10);
    expect(stillIn.map((r) => r.email)).toContain(member.email);

    const GOAL = "Samen oefenen met de blauwe giraf in de groep.";
    const NOTE = "Feedback over de dansende pinguïn.";
    const handIn = async () => {
      const state = await gopState(t.db, cohort.id);
      const saved = await saveGop(t.db, member, cohort.id, {
        baseVersion: state.version,
        content: { ...state.content, goals: [{ doel: `${GOAL} ${state.version}`, actie: "Oefenen", wie: "Wij", wanneer: "Nu" }] },
      });
      expect(saved.status).toBe("saved");
      await gopStep(t.db, member, cohort.id, { action: "submit", version: saved.version, note: null }, undefined, mail);
      return saved.version;
    };

    // A hand-in tells nobody; a decision without the app's address neither.
    let version = await handIn();
    await gopStep(t.db, trainer, cohort.id, { action: "return", version, note: NOTE });
    expect(await queued()).toBe(0);

    version = await handIn();
    await gopStep(t.db, trainer, cohort.id, { action: "return", version, note: NOTE }, undefined, mail);
    let received = await deliver();
    expect(received.map((m) => m.to[0]).sort()).toEqual(stillIn.map((r) => r.email).sort());
    const mine = onlyMailTo(received, member.email);
    expect(mine.subject).toBe("De trainer heeft jullie GOP teruggegeven");
    expect(links(mine)).toEqual([`${BASE}/groepen/${cohort.id}/gop`]);
    expect(pageOf(links(mine)[0]!)).toBe("routes/groepen.$cohortId.gop");
    expectNone(mine, [GOAL, NOTE, "giraf", "pinguïn"]);
    for (const outsider of [leaver, elsewhere, trainer]) expect(received.some((m) => m.to.includes(outsider.email))).toBe(false);
    expect(await t.db.selectFrom("mail_outbox").select("type").where("type", "!=", "gop-returned").execute()).toEqual([]);

    smtp.received.length = 0;
    version = await handIn();
    await gopStep(t.db, trainer, cohort.id, { action: "approve", version, note: NOTE }, undefined, mail);
    received = await deliver();
    expect(received).toHaveLength(stillIn.length);
    expect(onlyMailTo(received, member.email).subject).toBe("Jullie GOP is goedgekeurd");
  });
});

describe("practice entries decided", () => {
  it("sends one message per set of decisions (trainer or werkbegeleider), never the entries' text or the comment", async () => {
    const { p, trainer } = await freshParticipant();
    const other = (await freshParticipant()).p;
    const REFLECTION = "Ik merkte dat de oranje tijger in mij wakker werd.";
    const COMMENT = "Deze dag klopt niet met de zilveren agenda.";
    await savePlacement(t.db, p, p.id, {
      organisation: "Buurtteam Amsterdam-West",
      team: null,
      supervisorName: "Joke Bakker",
      supervisorEmail: "joke.bakker@buurtteam.test",
      supervisorPhone: null,
    });
    for (let day = 2; day <= 7; day++)
      await saveEntry(
        t.db,
        p,
        { date: daysFromToday(-day), hours: 120, activity: "huisbezoek", description: `Huisbezoek ${day}`, reflection: REFLECTION },
        TODAY,
      );
    const open = async () => (await practiceLog(t.db, p.id)).entries.filter((e) => e.status === "open");
    let entries = await open();
    expect(entries).toHaveLength(6);

    // Without the app's address: decided, nothing queued.
    await decideByTrainer(t.db, trainer, p.id, [{ entryId: entries[0]!.id, decision: "bevestigd", comment: null, revision: entries[0]!.revision }]);
    expect(await queued()).toBe(0);

    // The trainer confirms two entries at once: one message.
    entries = await open();
    await decideByTrainer(
      t.db,
      trainer,
      p.id,
      entries.slice(0, 2).map((e) => ({ entryId: e.id, decision: "bevestigd" as const, comment: null, revision: e.revision })),
      undefined,
      mail,
    );
    let received = await deliver();
    expect(received).toHaveLength(1);
    const signed = onlyMailTo(received, p.email);
    expect(signed.subject).toBe("Je praktijkuren zijn bevestigd");
    expect(signed.text).toContain("Je trainer heeft 2 regels van je praktijkuren bevestigd.");
    expect(links(signed)).toEqual([`${BASE}/deelnemer/praktijk`]);
    expect(pageOf(links(signed)[0]!)).toBe("routes/deelnemer.praktijk._index");
    expectNone(signed, [REFLECTION, "tijger", "Huisbezoek"]);

    // The werkbegeleider, through the link, confirms two and rejects one: one message, "not all".
    smtp.received.length = 0;
    const { token } = await requestSignOff(t.db, p);
    entries = await open();
    expect(entries).toHaveLength(3);
    await decideByLink(
      t.db,
      token,
      entries.map((e, i) => ({
        entryId: e.id,
        decision: i === 0 ? ("afgewezen" as const) : ("bevestigd" as const),
        comment: i === 0 ? COMMENT : null,
        revision: e.revision,
      })),
      null,
      undefined,
      mail,
    );
    received = await deliver();
    expect(received).toHaveLength(1);
    const rejected = onlyMailTo(received, p.email);
    expect(rejected.subject).toBe("Niet al je praktijkuren zijn bevestigd");
    expect(rejected.text).toContain("Je werkbegeleider heeft 3 regels van je praktijkuren bekeken.");
    expect(links(rejected)).toEqual([`${BASE}/deelnemer/praktijk`]);
    expectNone(rejected, [COMMENT, REFLECTION, "zilveren", "Joke Bakker"]);
    expect(received.some((m) => m.to.includes(other.email) || m.to.includes("joke.bakker@buurtteam.test"))).toBe(false);
    expect((await t.db.selectFrom("mail_outbox").select("type").orderBy("id").execute()).map((r) => r.type)).toEqual(["practice-signed", "practice-rejected"]);
  });
});

describe("feedback on an oefenopdracht", () => {
  it("tells the participant there is feedback, with a link to that assignment; marking done alone says nothing", async () => {
    const cohort = await cohortByName(t.db, DEMO_COHORT);
    const trainer = await userByEmail(t.db, "trainer@leerlijn.test");
    const p2 = await userByEmail(t.db, "deelnemer2@leerlijn.test");
    const p3 = await userByEmail(t.db, "deelnemer3@leerlijn.test");
    const meetingId = await createMeeting(
      t.db,
      cohort.id,
      {
        type: "les",
        title: "Thema peer support",
        date: daysFromToday(-3),
        startTime: "13:30",
        endTime: "16:30",
        location: "Vrijwilligersacademie",
        onlineUrl: null,
        trainerIds: [],
        trainingId: null,
        intervisieGroupId: null,
        programme: [{ minutes: 15, title: "welkom" }],
        assignment: "Beschrijf een gesprek waarin je je eigen verhaal kort hield.",
        assignmentDue: daysFromToday(2),
      },
      trainer,
    );
    const ANSWER = "Ik vertelde over de groene kameel op het plein.";
    const FEEDBACK = "Mooi hoe je de groene kameel kort hield.";
    expect(await handInAnswer(t.db, p2, meetingId, ANSWER, TODAY)).toBe("handed_in");
    expect(await handInAnswer(t.db, p3, meetingId, "Een ander antwoord.", TODAY)).toBe("handed_in");
    const ref = { cohortId: cohort.id, meetingId };

    await reviewAnswer(t.db, trainer, { ...ref, participantId: p2.id, feedback: "Eerste reactie.", markDone: false });
    expect(await queued()).toBe(0);

    await reviewAnswer(t.db, trainer, { ...ref, participantId: p2.id, feedback: FEEDBACK, markDone: false }, undefined, mail);
    const received = await deliver();
    expect(received).toHaveLength(1);
    const m = onlyMailTo(received, p2.email);
    expect(m.subject).toBe("Feedback op je oefenopdracht");
    expect(links(m)).toEqual([`${BASE}/deelnemer/opdrachten/${meetingId}`]);
    expect(pageOf(links(m)[0]!)).toBe("routes/deelnemer.opdrachten.$meetingId");
    expectNone(m, [ANSWER, FEEDBACK, "kameel", "Eerste reactie"]);

    // Marked done without new feedback: no message.
    await reviewAnswer(t.db, trainer, { ...ref, participantId: p2.id, feedback: FEEDBACK, markDone: true }, undefined, mail);
    expect(await queued()).toBe(1);
  });
});

describe("interview planned, certificate issued", () => {
  // One participant's way: planned, moved, assessors changed, held, certificate issued and replaced.
  const people = async () => ({
    e1: await userByEmail(t.db, "examinator@leerlijn.test"),
    e2: await userByEmail(t.db, "examinator2@leerlijn.test"),
    coordinator: await userByEmail(t.db, "coordinator@leerlijn.test"),
    trainer: await userByEmail(t.db, "trainer@leerlijn.test"),
    ready: await userByEmail(t.db, "deelnemer16@leerlijn.test"),
  });

  it("tells the participant and the assessors that a cancelled interview does not go ahead, never why", async () => {
    const { coordinator, trainer, ready } = await people();
    // The demo has planned deelnemer16's interview: cancel it.
    const plan = await t.db
      .selectFrom("interviews")
      .select("id")
      .where("participant_id", "=", ready.id)
      .where("status", "=", "gepland")
      .executeTakeFirstOrThrow();
    const assessors = await t.db
      .selectFrom("interview_assessors as a")
      .innerJoin("users as u", "u.id", "a.user_id")
      .select(["u.email"])
      .where("a.interview_id", "=", plan.id)
      .execute();
    expect(assessors.length).toBeGreaterThanOrEqual(2);
    const REASON = "Reden over de verdwenen paraplu van de deelnemer.";
    await t.db.deleteFrom("mail_outbox").execute();
    smtp.received.length = 0;
    await cancelInterview(t.db, coordinator, plan.id, REASON, undefined, mail);
    const received = await deliver();
    expect(received).toHaveLength(1 + assessors.length);
    const own = onlyMailTo(received, ready.email);
    expect(own.subject).toBe("Je eindgesprek gaat niet door");
    expect(own.text).toMatch(/Je eindgesprek op \d+ \w+ \d{4} om \d\d:\d\d gaat niet door\./);
    expect(pageOf(links(own)[0]!)).toBe("routes/deelnemer.eindgesprek");
    expectNone(own, [REASON]);
    for (const assessor of assessors) {
      const m = onlyMailTo(received, assessor.email);
      expect(m.subject).toBe("Een eindgesprek gaat niet door");
      expect(pageOf(links(m)[0]!)).toBe("routes/_index");
      expectNone(m, [ready.name, ready.email, REASON]);
    }
    expect(received.some((m) => m.to.includes(trainer.email))).toBe(false);
  });

  it("tells the participant and each assessor; a moved interview again; a new assessor only that assessor", async () => {
    const { e1, e2, coordinator, trainer, ready } = await people();
    // Start from no plan for deelnemer16, whether or not the test before cancelled the demo's one.
    const earlier = await t.db.selectFrom("interviews").select("id").where("participant_id", "=", ready.id).where("status", "=", "gepland").executeTakeFirst();
    if (earlier) await cancelInterview(t.db, coordinator, earlier.id, "Opnieuw plannen voor de test");
    await t.db.deleteFrom("mail_outbox").execute();
    smtp.received.length = 0;

    const { id } = await planInterview(
      t.db,
      e1,
      { participantId: ready.id, date: "2030-01-11", startTime: "10:00", location: "Kamer 3", assessorIds: [e1.id, e2.id] },
      undefined,
      mail,
    );
    let received = await deliver();
    expect(received).toHaveLength(3);
    const own = onlyMailTo(received, ready.email);
    expect(own.subject).toBe("Je eindgesprek is gepland");
    expect(own.text).toContain("Je eindgesprek is gepland op 11 januari 2030 om 10:00.");
    expect(links(own)).toEqual([`${BASE}/deelnemer/eindgesprek`]);
    expect(pageOf(links(own)[0]!)).toBe("routes/deelnemer.eindgesprek");
    for (const assessor of [e1, e2]) {
      const m = onlyMailTo(received, assessor.email);
      expect(m.subject).toBe("Je bent beoordelaar bij een eindgesprek");
      expect(m.text).toContain("op 11 januari 2030 om 10:00");
      expect(links(m)).toEqual([`${BASE}/eindgesprekken/${id}`]);
      expect(pageOf(links(m)[0]!)).toBe("routes/eindgesprekken.$id");
      // Who it is about stays behind the login.
      expectNone(m, [ready.name, ready.email]);
    }
    expect(received.some((m) => m.to.includes(coordinator.email) || m.to.includes(trainer.email))).toBe(false);

    // Moved: everyone hears again, once.
    smtp.received.length = 0;
    await rescheduleInterview(t.db, coordinator, id, { date: "2030-01-12", startTime: "14:30" }, undefined, mail);
    await rescheduleInterview(t.db, coordinator, id, { date: "2030-01-12", startTime: "14:30" }, undefined, mail); // no change: nothing
    received = await deliver();
    expect(received).toHaveLength(3);
    expect(onlyMailTo(received, ready.email)).toMatchObject({ subject: "Je eindgesprek is veranderd" });
    expect(onlyMailTo(received, ready.email).text).toContain("Het is nu op 12 januari 2030 om 14:30.");
    expect(onlyMailTo(received, e2.email).subject).toBe("Een eindgesprek is veranderd");

    // Back to the first time: a new change, so a new message (the key holds the plan's sequence too).
    smtp.received.length = 0;
    await rescheduleInterview(t.db, coordinator, id, { date: "2030-01-11", startTime: "10:00" }, undefined, mail);
    expect(await deliver()).toHaveLength(3);

    // Another assessor instead of e2: the new one hears of the plan, e2 that it is off their list.
    smtp.received.length = 0;
    await changeAssessors(t.db, coordinator, id, { assessorIds: [e1.id, coordinator.id] }, undefined, mail);
    received = await deliver();
    expect(received).toHaveLength(2);
    expect(onlyMailTo(received, coordinator.email).subject).toBe("Je bent beoordelaar bij een eindgesprek");
    const off = onlyMailTo(received, e2.email);
    expect(off.subject).toBe("Je bent geen beoordelaar meer bij een eindgesprek");
    expect(off.text).toContain("op 11 januari 2030 om 10:00");
    expect(links(off)).toEqual([`${BASE}/`]);
    expect(pageOf(links(off)[0]!)).toBe("routes/_index");
    expectNone(off, [ready.name, ready.email]);

    // Without the app's address: nothing.
    smtp.received.length = 0;
    await t.db.deleteFrom("mail_outbox").execute();
    await rescheduleInterview(t.db, coordinator, id, { date: "2030-01-13", startTime: "10:00" });
    await changeAssessors(t.db, coordinator, id, { assessorIds: [e1.id, e2.id] });
    expect(await queued()).toBe(0);
  });

  it("sends the participant the certificate with its verification link, and a replacement with the new one", async () => {
    const { e1, e2, coordinator, ready } = await people();
    const { id } = await t.db
      .selectFrom("interviews")
      .select("id")
      .where("participant_id", "=", ready.id)
      .where("status", "=", "gepland")
      .executeTakeFirstOrThrow();
    await rescheduleInterview(t.db, coordinator, id, { date: TODAY, startTime: "09:00" });
    const interview = await t.db.selectFrom("interviews").select("leerlijn_version_id").where("id", "=", id).executeTakeFirstOrThrow();
    const v = (await getVersion(t.db, interview.leerlijn_version_id))!;
    const MOTIVATION = "De beoordelaars zagen de rode reiger in elk voorbeeld.";
    const judgement = {
      criteria: Object.fromEntries(v.definition.competencies.flatMap((c) => c.criteria.map((x) => [x.code, { demonstrated: true, justification: "STARR." }]))),
      competencies: Object.fromEntries(v.definition.competencies.map((c) => [c.code, "voldoende" as const])),
      outcome: "geslaagd" as const,
      motivation: MOTIVATION,
      advice: null,
    };
    for (const assessor of [e1, e2]) await saveJudgement(t.db, assessor, id, judgement);
    await signJudgement(t.db, e1, id);
    expect(await signJudgement(t.db, e2, id)).toEqual({ finalised: true });
    await t.db.deleteFrom("mail_outbox").execute();

    const issued = await issueCertificate(t.db, e1, ready.id, { verifyBase: BASE, today: TODAY, baseUrl: BASE });
    let received = await deliver();
    expect(received).toHaveLength(1);
    const m = onlyMailTo(received, ready.email);
    expect(m.subject).toBe("Je certificaat is klaar");
    expect(links(m)).toEqual([`${BASE}/deelnemer`, `${BASE}/verify/${issued.verificationCode}`]);
    expect(pageOf(links(m)[0]!)).toBe("routes/deelnemer._index");
    expect(pageOf(links(m)[1]!)).toBe("routes/verify.$code");
    expectNone(m, [MOTIVATION, "reiger", issued.number]);

    // A replacement without the app's address: nothing; with it: the new verification link only.
    smtp.received.length = 0;
    const second = await reissueCertificate(t.db, coordinator, issued.id, "Naam verkeerd gespeld", { verifyBase: BASE });
    expect(await queued()).toBe(1);
    const third = await reissueCertificate(t.db, coordinator, second.id, "Nog een keer", { verifyBase: BASE, baseUrl: BASE });
    received = await deliver();
    expect(received).toHaveLength(1);
    const replaced = onlyMailTo(received, ready.email);
    expect(replaced.subject).toBe("Je nieuwe certificaat is klaar");
    expect(links(replaced)).toEqual([`${BASE}/deelnemer`, `${BASE}/verify/${third.verificationCode}`]);
    expect(replaced.text).not.toContain(issued.verificationCode);
    expect(replaced.text).not.toContain("Naam verkeerd gespeld");
  });
});
