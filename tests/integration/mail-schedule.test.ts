import type { User } from "../../db/schema";
import { handInAnswer } from "../../app/services/assignments.server";
import { createCohort, enrolParticipant } from "../../app/services/cohorts.server";
import { latestVersionId } from "../../app/services/curriculum.server";
import { sendPendingMail, setMailSettings, type MailSettings } from "../../app/services/mail-outbox.server";
import { runScheduledMail, startMailSchedule } from "../../app/services/mail-schedule.server";
import { setLogSink } from "../../app/services/log.server";
import { fromHeader, smtpTransport } from "../../app/services/mail-sender.server";
import { decideByLink, inspectLink, requestSignOff, revokeLink, saveEntry, savePlacement } from "../../app/services/practice.server";
import { anonymisePerson } from "../../app/services/privacy.server";
import { recordOutflow } from "../../app/services/progress.server";
import { createMeeting, setCancelled, updateMeeting, type MeetingInput } from "../../app/services/schedule.server";
import { assignTraining } from "../../app/services/trainings.server";
import { currentTime } from "../../app/clock.server";
import { amsterdamDay } from "../../app/rules/amsterdam";
import { createTestDb, type TestDb } from "../support/db";
import { makeUser, userByEmail } from "../support/factories";
import { parseCalendar } from "../support/ical";
import { startTestSmtp, type TestSmtp, type ReceivedMail } from "../support/smtp";

/*
 * Issue 28, point 3: the mail about a moved or cancelled meeting (with its calendar file), the
 * werkbegeleider's request and its one reminder, and the scheduled reminders and trainers' digest.
 * A real database (SQLite file, or PostgreSQL with TEST_DATABASE_URL), the real services, and a
 * real SMTP server (smtp-server on a free port); attachments are read with ical.js. Every moment is
 * fixed: the services get `now`, and the sender pass its clock.
 */

const BASE = "https://leerlijn.example.nl";
let t: TestDb;
let smtp: TestSmtp;
let settings: MailSettings;

let coordinator: User;
let trainer: User;
let members: User[];
let left: User;
let outsider: User;
let cohortId: number;
let otherCohortId: number;
let trainingId: number;

// Monday 7 December 2026 in Amsterdam (CET, UTC+1). The test clock's today (the enrolments) is earlier.
const at = (iso: string) => new Date(iso);
const MONDAY_0800 = at("2026-12-07T08:00:00+01:00");

function lesson(date: string, title: string, extra: Partial<MeetingInput> = {}): MeetingInput {
  return {
    type: "les",
    title,
    date,
    startTime: "10:00",
    endTime: "12:00",
    location: "Buurthuis De Ster",
    onlineUrl: null,
    trainerIds: [trainer.id],
    trainingId: null,
    intervisieGroupId: null,
    programme: [],
    assignment: null,
    ...extra,
  };
}

async function pass(now: Date) {
  const transport = smtpTransport(settings);
  try {
    return await sendPendingMail(t.db, { transport, from: fromHeader(settings), now: () => now });
  } finally {
    transport.close();
  }
}

const recipients = (mails: ReceivedMail[]) => mails.flatMap((m) => m.to).sort();
const emails = (users: User[]) => users.map((u) => u.email.toLowerCase()).sort();

beforeAll(async () => {
  t = await createTestDb("demo");
  smtp = await startTestSmtp();
  settings = { smtpUrl: smtp.url, from: "Leerlijn <leerlijn@example.nl>" };
  coordinator = await userByEmail(t.db, "coordinator@leerlijn.test");
  trainer = await makeUser(t.db, { role: "trainer", name: "Trainer Post" });
  const versionId = (await latestVersionId(t.db))!;
  cohortId = await createCohort(
    t.db,
    { name: "Post 2026", leerlijnVersionId: versionId, startDate: "2026-09-01", endDate: "2027-06-30", trainerIds: [trainer.id] },
    coordinator,
  );
  otherCohortId = await createCohort(
    t.db,
    { name: "Andere groep 2026", leerlijnVersionId: versionId, startDate: "2026-09-01", endDate: "2027-06-30", trainerIds: [] },
    coordinator,
  );
  members = [];
  for (const name of ["Anouk Merel", "Bram Spreeuw", "Carla Mees", "Daan Vink"]) {
    const p = await makeUser(t.db, { role: "participant", name });
    await enrolParticipant(t.db, cohortId, p.id, coordinator);
    members.push(p);
  }
  left = await makeUser(t.db, { role: "participant", name: "Lotte Vertrokken" });
  await enrolParticipant(t.db, cohortId, left.id, coordinator);
  await recordOutflow(t.db, coordinator, cohortId, left.id, { leftOn: amsterdamDay(currentTime()), reason: "werk", note: null });
  outsider = await makeUser(t.db, { role: "participant", name: "Olga Anderegroep" });
  await enrolParticipant(t.db, otherCohortId, outsider.id, coordinator);
  await createMeeting(t.db, otherCohortId, lesson("2026-12-10", "Les andere groep", { trainerIds: [] }), coordinator);
  trainingId = (await t.db.selectFrom("trainings").select("id").where("leerlijn_version_id", "=", versionId).orderBy("position").executeTakeFirstOrThrow()).id;
  await assignTraining(t.db, trainer, cohortId, members[0]!.id, trainingId);
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

describe("a meeting moved or cancelled", () => {
  it("a cancelled lesson: a mail to exactly the participants expected there and its trainer, with a STATUS:CANCELLED calendar file", async () => {
    const id = await createMeeting(t.db, cohortId, lesson("2026-12-10", "Les 7: Samen sterk"), coordinator);
    const now = at("2026-12-01T12:00:00+01:00");
    await setCancelled(t.db, cohortId, id, true, "De trainer is ziek", coordinator, now, { baseUrl: BASE });

    expect(await pass(now)).toMatchObject({ sent: 5, failed: 0 });
    // The cohort's four participants and the meeting's trainer; not the one who left, not the
    // other cohort, not the coordinator who cancelled it.
    expect(recipients(smtp.received)).toEqual(emails([...members, trainer]));
    const rows = await t.db.selectFrom("mail_outbox").select(["type", "dedupe_key"]).execute();
    expect(new Set(rows.map((r) => r.type))).toEqual(new Set(["session-cancelled"]));

    for (const mail of smtp.received) {
      expect(mail.subject).toBe("De bijeenkomst Les 7: Samen sterk gaat niet door");
      expect(mail.text).toContain("10 december 2026");
      expect(mail.attachments).toHaveLength(1);
      const file = mail.attachments[0]!;
      expect(file.contentType).toMatch(/^text\/calendar/);
      const { events } = parseCalendar(file.content);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ uid: `leerlijn-session-${id}@leerlijn`, status: "CANCELLED", sequence: 1 });
      expect(events[0]!.start).toBe("2026-12-10T09:00:00.000Z");
      // No one else's name, and never the reason.
      for (const other of [...members, left, outsider]) {
        if (mail.to.includes(other.email.toLowerCase())) continue;
        expect(mail.raw).not.toContain(other.name);
      }
      expect(mail.raw).not.toContain("ziek");
      expect(file.content).not.toContain("ziek");
    }
    const participantMail = smtp.received.find((m) => m.to.includes(members[1]!.email.toLowerCase()))!;
    expect(participantMail.text).toContain(`${BASE}/deelnemer/rooster#bijeenkomst-${id}`);
    const trainerMail = smtp.received.find((m) => m.to.includes(trainer.email.toLowerCase()))!;
    expect(trainerMail.text).toContain(`${BASE}/groepen/${cohortId}/bijeenkomsten/${id}`);

    // Cancelling again changes nothing and sends nothing.
    await setCancelled(t.db, cohortId, id, true, null, coordinator, now, { baseUrl: BASE });
    expect(await pass(now)).toMatchObject({ sent: 0 });

    // It goes on after all: the same people hear it, with the calendar entry confirmed again.
    smtp.received.length = 0;
    await setCancelled(t.db, cohortId, id, false, null, coordinator, now, { baseUrl: BASE });
    await pass(now);
    expect(recipients(smtp.received)).toEqual(emails([...members, trainer]));
    expect(smtp.received[0]!.subject).toBe("De bijeenkomst Les 7: Samen sterk gaat toch door");
    expect(parseCalendar(smtp.received[0]!.attachments[0]!.content).events[0]).toMatchObject({ status: "CONFIRMED", sequence: 2 });
  });

  it("a cancelled training reaches only those with a place in it", async () => {
    const id = await createMeeting(t.db, cohortId, lesson("2026-12-11", "Training gesprekken", { type: "training", trainingId }), coordinator);
    const now = at("2026-12-01T12:00:00+01:00");
    await setCancelled(t.db, cohortId, id, true, null, trainer, now, { baseUrl: BASE });
    await pass(now);
    // The trainer cancelled it: only the participant with a place.
    expect(recipients(smtp.received)).toEqual(emails([members[0]!]));
    expect(parseCalendar(smtp.received[0]!.attachments[0]!.content).events[0]!.status).toBe("CANCELLED");
  });

  it("a moved lesson: the mail and its calendar file have the new day and time; a new title alone sends nothing", async () => {
    const id = await createMeeting(t.db, cohortId, lesson("2026-12-15", "Les 8: Grenzen"), coordinator);
    const now = at("2026-12-01T12:00:00+01:00");
    await updateMeeting(t.db, cohortId, id, lesson("2026-12-15", "Les 8: Grenzen stellen"), trainer, now, { baseUrl: BASE });
    expect(await t.db.selectFrom("mail_outbox").select("id").execute()).toHaveLength(0);

    await updateMeeting(
      t.db,
      cohortId,
      id,
      lesson("2026-12-16", "Les 8: Grenzen stellen", { startTime: "14:00", endTime: "16:30", location: "Bibliotheek Oost" }),
      trainer,
      now,
      { baseUrl: BASE },
    );
    await pass(now);
    // The trainer made the change: the participants hear it.
    expect(recipients(smtp.received)).toEqual(emails(members));
    for (const mail of smtp.received) {
      expect(mail.subject).toBe("De bijeenkomst Les 8: Grenzen stellen is veranderd");
      expect(mail.text).toContain("16 december 2026, van 14:00 tot 16:30. Plaats: Bibliotheek Oost.");
      const { events } = parseCalendar(mail.attachments[0]!.content);
      expect(events[0]).toMatchObject({ uid: `leerlijn-session-${id}@leerlijn`, status: "CONFIRMED", location: "Bibliotheek Oost" });
      expect(events[0]!.start).toBe("2026-12-16T13:00:00.000Z");
      expect(events[0]!.end).toBe("2026-12-16T15:30:00.000Z");
      // The title change raised it once, the move once more.
      expect(events[0]!.sequence).toBe(2);
    }
  });

  it("a change of a meeting in the past sends nothing", async () => {
    const id = await createMeeting(t.db, cohortId, lesson("2026-11-25", "Les 6: Terugblik"), coordinator);
    const now = at("2026-12-01T12:00:00+01:00");
    await updateMeeting(t.db, cohortId, id, lesson("2026-11-26", "Les 6: Terugblik"), coordinator, now, { baseUrl: BASE });
    await setCancelled(t.db, cohortId, id, true, null, coordinator, now, { baseUrl: BASE });
    expect(await t.db.selectFrom("mail_outbox").select("id").execute()).toHaveLength(0);
  });
});

describe("the werkbegeleider", () => {
  const placement = {
    organisation: "Buurtteam Oost",
    team: null,
    supervisorName: "Joke Bakker",
    supervisorEmail: "joke.bakker@buurtteam.test",
    supervisorPhone: null,
  };
  const entry = (date: string, description: string) => ({ date, hours: 120, activity: "huisbezoek", description, reflection: "Geheime reflectie." });

  async function participantWithEntries(name: string, email: string) {
    const p = await makeUser(t.db, { role: "participant", name });
    // In the other cohort: these people play no part in the meeting tests.
    await enrolParticipant(t.db, otherCohortId, p.id, coordinator);
    await savePlacement(t.db, p, p.id, { ...placement, supervisorEmail: email });
    const today = amsterdamDay(currentTime());
    const ids = [await saveEntry(t.db, p, entry(today, "Huisbezoek A"), today), await saveEntry(t.db, p, entry(today, "Huisbezoek B"), today)];
    return { p, ids };
  }

  it("gets the personal link by mail, which opens the entries; one reminder after 7 days, only once", async () => {
    const { p } = await participantWithEntries("Eva Reiger", "werkbegeleider.eva@buurtteam.test");
    const now = at("2026-12-01T10:00:00+01:00");
    const link = await requestSignOff(t.db, p, now, { baseUrl: BASE });
    expect(link.mailQueued).toBe(true);

    expect(await pass(now)).toMatchObject({ sent: 1 });
    const mail = smtp.received[0]!;
    expect(mail.to).toEqual(["werkbegeleider.eva@buurtteam.test"]);
    expect(mail.subject).toBe("Wilt u praktijkuren bevestigen?");
    expect(mail.text).toContain("Hallo Joke Bakker,");
    expect(mail.text).toContain("Eva Reiger vraagt u");
    expect(mail.text).not.toContain("Huisbezoek");
    expect(mail.text).not.toContain("Geheime reflectie");
    const token = new RegExp(`${BASE}/bevestigen/([A-Za-z0-9_-]+)`).exec(mail.text)?.[1];
    expect(token).toBe(link.token);
    // The link from the mail opens the page's view, through the service its route uses.
    const view = await inspectLink(t.db, token!, now);
    expect(view.state).toBe("valid");
    if (view.state === "valid") expect(view.entries.map((e) => e.description).sort()).toEqual(["Huisbezoek A", "Huisbezoek B"]);

    // Day 6: nothing yet. Day 7: the reminder, with the same link. Then nothing more.
    expect(await pass(at("2026-12-07T10:00:00+01:00"))).toMatchObject({ sent: 0 });
    // The scheduled pass keeps it (the link works, entries are open) and adds no second one.
    await runScheduledMail(t.db, { now: at("2026-12-07T10:00:00+01:00"), baseUrl: BASE });
    // (The scheduled pass also queues the demo cohorts' reminders: only the werkbegeleider's mail counts here.)
    const toEva = () => smtp.received.filter((m) => m.to.includes("werkbegeleider.eva@buurtteam.test"));
    await pass(at("2026-12-08T10:00:00+01:00"));
    expect(toEva()).toHaveLength(2);
    const reminder = toEva()[1]!;
    expect(reminder.subject).toBe("Herinnering: wilt u praktijkuren bevestigen?");
    expect(reminder.text).toContain(`${BASE}/bevestigen/${link.token}`);
    await runScheduledMail(t.db, { now: at("2026-12-09T10:00:00+01:00"), baseUrl: BASE });
    await pass(at("2026-12-20T10:00:00+01:00"));
    expect(toEva()).toHaveLength(2);
    const types = await t.db.selectFrom("mail_outbox").select(["type", "status"]).where("recipient_user_id", "is", null).orderBy("id").execute();
    expect(types).toEqual([
      { type: "supervisor-request", status: "sent" },
      { type: "supervisor-reminder", status: "sent" },
    ]);
  });

  it("no reminder once every entry is confirmed, or when the link was revoked or replaced", async () => {
    const now = at("2026-12-01T10:00:00+01:00");
    const signed = await participantWithEntries("Fenna Zwaluw", "werkbegeleider.fenna@buurtteam.test");
    const link = await requestSignOff(t.db, signed.p, now, { baseUrl: BASE });
    const replaced = await participantWithEntries("Gijs Merel", "werkbegeleider.gijs@buurtteam.test");
    await requestSignOff(t.db, replaced.p, now, { baseUrl: BASE });
    const second = await requestSignOff(t.db, replaced.p, at("2026-12-03T10:00:00+01:00"), { baseUrl: BASE });
    const revoked = await participantWithEntries("Hanna Wulp", "werkbegeleider.hanna@buurtteam.test");
    const revokedLink = await requestSignOff(t.db, revoked.p, now, { baseUrl: BASE });
    await revokeLink(t.db, revoked.p, revoked.p.id, revokedLink.linkId, at("2026-12-02T09:00:00+01:00"));
    await pass(now);
    await pass(at("2026-12-03T10:00:00+01:00"));
    expect(smtp.received).toHaveLength(4);

    await decideByLink(
      t.db,
      link.token,
      signed.ids.map((entryId) => ({ entryId, decision: "bevestigd" as const, comment: null, revision: 1 })),
      null,
      at("2026-12-02T10:00:00+01:00"),
    );
    const reminders = await t.db.selectFrom("mail_outbox").select(["dedupe_key", "status"]).where("type", "=", "supervisor-reminder").orderBy("id").execute();
    // Fenna's (all confirmed), Gijs's first (replaced), Gijs's second (waits), Hanna's (revoked).
    expect(reminders.map((r) => r.status)).toEqual(["cancelled", "cancelled", "pending", "cancelled"]);

    // Day 8 of the first links: nothing for them. Day 7 of the replacing link: its one reminder.
    await runScheduledMail(t.db, { now: at("2026-12-09T10:00:00+01:00"), baseUrl: BASE });
    await pass(at("2026-12-10T10:30:00+01:00"));
    const late = smtp.received.slice(4).filter((m) => m.to.some((a) => a.startsWith("werkbegeleider.")));
    expect(late.map((m) => m.to)).toEqual([["werkbegeleider.gijs@buurtteam.test"]]);
    expect(late[0]!.subject).toBe("Herinnering: wilt u praktijkuren bevestigen?");
    expect(late[0]!.text).toContain(`${BASE}/bevestigen/${second.token}`);
  });
  it("a participant anonymised: the mails to their werkbegeleider, which name them, go", async () => {
    const { p } = await participantWithEntries("Iris Kievit", "werkbegeleider.iris@buurtteam.test");
    await requestSignOff(t.db, p, at("2026-12-01T10:00:00+01:00"), { baseUrl: BASE });
    const waiting = () => t.db.selectFrom("mail_outbox").select("type").where("recipient_email", "=", "werkbegeleider.iris@buurtteam.test").execute();
    expect((await waiting()).map((r) => r.type).sort()).toEqual(["supervisor-reminder", "supervisor-request"]);
    await anonymisePerson(t.db, coordinator, p.id, null, at("2026-12-02T10:00:00+01:00"));
    expect(await waiting()).toEqual([]);
    expect(await pass(at("2026-12-09T10:00:00+01:00"))).toMatchObject({ sent: 0 });
  });
});

describe("scheduled reminders and the trainers' digest", () => {
  it("are due at the right time, and a second pass queues nothing new", async () => {
    // A lesson on Tuesday 8 December; an earlier lesson whose oefenopdracht is due Wednesday 9 December.
    const tomorrow = await createMeeting(t.db, cohortId, lesson("2026-12-08", "Les 9: Netwerk"), coordinator);
    const homework = await createMeeting(
      t.db,
      cohortId,
      lesson("2026-12-02", "Les 8b: Verhalen", { assignment: "Schrijf drie zinnen over je netwerk.", assignmentDue: "2026-12-09" }),
      coordinator,
    );
    // One participant handed it in already: no reminder for her, and an answer waiting for the trainer.
    await handInAnswer(t.db, members[0]!, homework, "Mijn antwoord.", "2026-12-04", at("2026-12-04T10:00:00+01:00"));
    const mine = async () =>
      t.db
        .selectFrom("mail_outbox")
        .select(["type", "recipient_user_id", "dedupe_key"])
        .where(
          "recipient_user_id",
          "in",
          [...members, left, outsider, trainer].map((u) => u.id),
        )
        .orderBy("id")
        .execute();

    // Sunday evening, and Monday before 08:00: nothing of this.
    await runScheduledMail(t.db, { now: at("2026-12-06T20:00:00+01:00"), baseUrl: BASE });
    await runScheduledMail(t.db, { now: at("2026-12-07T07:59:00+01:00"), baseUrl: BASE });
    expect(await mine()).toEqual([]);

    // Monday 08:00.
    const first = await runScheduledMail(t.db, { now: MONDAY_0800, baseUrl: BASE });
    const rows = await mine();
    const of = (type: string) =>
      rows
        .filter((r) => r.type === type)
        .map((r) => r.recipient_user_id)
        .sort((a, b) => a! - b!);
    const ids = (users: User[]) => users.map((u) => u.id).sort((a, b) => a - b);
    expect(of("session-tomorrow")).toEqual(ids(members));
    expect(rows.filter((r) => r.type === "session-tomorrow").map((r) => r.dedupe_key)).toContain(`session-tomorrow:${tomorrow}:${members[1]!.id}`);
    expect(of("assignment-due")).toEqual(ids(members.slice(1)));
    expect(of("trainer-digest")).toEqual([trainer.id]);
    expect(rows.find((r) => r.type === "trainer-digest")!.dedupe_key).toBe(`trainer-digest:${trainer.id}:2026-W50`);
    expect(first["session-tomorrow"]).toBeGreaterThanOrEqual(4);
    expect(first["assignment-due"]).toBeGreaterThanOrEqual(3);
    expect(first["trainer-digest"]).toBeGreaterThanOrEqual(1);

    // Again, and later that day: nothing new.
    const again = await runScheduledMail(t.db, { now: MONDAY_0800, baseUrl: BASE });
    const later = await runScheduledMail(t.db, { now: at("2026-12-07T16:00:00+01:00"), baseUrl: BASE });
    expect(again).toMatchObject({ "session-tomorrow": 0, "assignment-due": 0, "trainer-digest": 0 });
    expect(later).toMatchObject({ "session-tomorrow": 0, "assignment-due": 0, "trainer-digest": 0 });
    expect(await mine()).toHaveLength(rows.length);

    // They arrive; the digest holds counts and a link, no names.
    await pass(MONDAY_0800);
    const digest = smtp.received.find((m) => m.to.includes(trainer.email.toLowerCase()))!;
    expect(digest.subject).toBe("Je weekoverzicht: er wacht werk op je");
    expect(digest.text).toContain("1 antwoord op een oefenopdracht wacht op feedback.");
    expect(digest.text).toMatch(/\d+ bijeenkomst(en)? (is|zijn) voorbij en (heeft|hebben) nog geen aanwezigheid\./);
    expect(digest.text).toContain(`${BASE}/`);
    for (const person of [...members, left, outsider]) expect(digest.raw).not.toContain(person.name);
    const reminder = smtp.received.find((m) => m.to.includes(members[2]!.email.toLowerCase()) && m.subject === "Denk je aan je oefenopdracht?")!;
    expect(reminder.text).toContain("Les 8b: Verhalen");
    expect(reminder.text).toContain("9 december 2026");
    expect(reminder.text).toContain(`${BASE}/deelnemer/opdrachten/${homework}`);
    expect(reminder.text).not.toContain("drie zinnen");
    const tomorrowMail = smtp.received.find((m) => m.to.includes(members[3]!.email.toLowerCase()) && m.subject === "Morgen: Les 9: Netwerk")!;
    expect(tomorrowMail.text).toContain("8 december 2026, van 10:00 tot 12:00. Plaats: Buurthuis De Ster.");
    expect(smtp.received.some((m) => m.to.includes(left.email.toLowerCase()) || m.to.includes(outsider.email.toLowerCase()))).toBe(false);

    // Tuesday: no digest (that was Monday's). Next Monday: the next week's digest.
    await runScheduledMail(t.db, { now: at("2026-12-08T09:00:00+01:00"), baseUrl: BASE });
    expect((await mine()).filter((r) => r.type === "trainer-digest")).toHaveLength(1);
    await runScheduledMail(t.db, { now: at("2026-12-14T08:15:00+01:00"), baseUrl: BASE });
    expect(
      (await mine())
        .filter((r) => r.type === "trainer-digest")
        .map((r) => r.dedupe_key)
        .sort(),
    ).toEqual([`trainer-digest:${trainer.id}:2026-W50`, `trainer-digest:${trainer.id}:2026-W51`]);
  });
});

describe("the pass in the app process", () => {
  it("runs only with mail on and PUBLIC_URL set; without PUBLIC_URL it warns once", async () => {
    const lines: string[] = [];
    const restore = setLogSink((line) => lines.push(line));
    try {
      setMailSettings(null);
      expect(startMailSchedule(t.db, { baseUrl: BASE })).toBeNull();
      setMailSettings(settings);
      expect(startMailSchedule(t.db, { baseUrl: null })).toBeNull();
      expect(startMailSchedule(t.db, { baseUrl: null })).toBeNull();
      expect(lines.filter((l) => l.includes("mail.schedule-off"))).toHaveLength(1);

      const running = startMailSchedule(t.db, { baseUrl: BASE, intervalMs: 60_000 });
      expect(running).not.toBeNull();
      await new Promise((r) => setTimeout(r, 200));
      await running!.stop();
      expect(lines.filter((l) => l.includes("mail.schedule-failed"))).toEqual([]);
    } finally {
      restore();
    }
  });
});
