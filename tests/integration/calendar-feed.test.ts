import type { User } from "../../db/schema";
import { calendarFeed, participantMeetingCalendar, renewCalendarFeed, staffMeetingCalendar } from "../../app/services/calendar.server";
import { createCohort, enrolParticipant } from "../../app/services/cohorts.server";
import { latestVersionId } from "../../app/services/curriculum.server";
import { planInterview, rescheduleInterview } from "../../app/services/interviews.server";
import { saveGroup } from "../../app/services/intervisie.server";
import { anonymisePerson } from "../../app/services/privacy.server";
import { createMeeting, setCancelled, updateMeeting, type MeetingInput } from "../../app/services/schedule.server";
import { assignTraining } from "../../app/services/trainings.server";
import { setActive } from "../../app/services/users.server";
import { createTestDb, type TestDb } from "../support/db";
import { makeUser, userByEmail } from "../support/factories";
import { parseCalendar } from "../support/ical";

/*
 * Issue 28, point 4: the personal calendar feed, built through the real services on a real
 * database and read back with a real iCalendar parser (ical.js). A cohort of its own is set up on
 * the demo data: eight participants in two intervisie groups, a trainer, lessons on both sides of
 * both daylight-saving changes, two trainings, one meeting per group, and an interview.
 */

const BASE = "https://leerlijn.example";
let t: TestDb;

let coordinator: User;
let trainer: User;
let examiner1: User;
let examiner2: User;
let idleExaminer: User;
let members: User[];
const meeting: Record<string, number> = {};
let interviewId: number;
let trainings: { id: number }[];
let cohortId: number;

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

async function feedOf(user: User) {
  const token = await renewCalendarFeed(t.db, user, null);
  const text = await calendarFeed(t.db, token, BASE);
  if (text === null) throw new Error(`no feed for ${user.email}`);
  return { token, text, ...parseCalendar(text) };
}

beforeAll(async () => {
  t = await createTestDb("demo");
  coordinator = await userByEmail(t.db, "coordinator@leerlijn.test");
  trainer = await makeUser(t.db, { role: "trainer", name: "Trainer Agenda" });
  examiner1 = await makeUser(t.db, { role: "examiner", name: "Examinator Een" });
  examiner2 = await makeUser(t.db, { role: "examiner", name: "Examinator Twee" });
  idleExaminer = await makeUser(t.db, { role: "examiner", name: "Examinator Zonder Gesprek" });
  const versionId = (await latestVersionId(t.db))!;
  cohortId = await createCohort(
    t.db,
    { name: "Agenda 2026", leerlijnVersionId: versionId, startDate: "2026-09-01", endDate: "2027-06-30", trainerIds: [trainer.id] },
    coordinator,
  );
  members = [];
  for (const name of [
    "Anouk Zonnebloem",
    "Bram Klaproos",
    "Carla Madeliefje",
    "Daan Boterbloem",
    "Eva Lavendel",
    "Fenna Korenbloem",
    "Gijs Vergeetmenietje",
    "Hanna Akelei",
  ]) {
    const p = await makeUser(t.db, { role: "participant", name });
    await enrolParticipant(t.db, cohortId, p.id, coordinator);
    members.push(p);
  }
  const groupA = await saveGroup(t.db, cohortId, { name: "Groep Zon", memberIds: members.slice(0, 4).map((m) => m.id) }, coordinator);
  const groupB = await saveGroup(t.db, cohortId, { name: "Groep Maan", memberIds: members.slice(4).map((m) => m.id) }, coordinator);
  trainings = await t.db.selectFrom("trainings").select("id").where("leerlijn_version_id", "=", versionId).orderBy("position").execute();
  await assignTraining(t.db, trainer, cohortId, members[0]!.id, trainings[0]!.id);
  await assignTraining(t.db, trainer, cohortId, members[4]!.id, trainings[1]!.id);

  // Summer time ends on Sunday 25 October 2026 and starts on Sunday 28 March 2027.
  meeting.octBefore = await createMeeting(
    t.db,
    cohortId,
    lesson("2026-10-24", "Les voor de wintertijd", { location: "Buurthuis De Ster, zaal 2; ingang achter\\om" }),
    trainer,
  );
  meeting.octAfter = await createMeeting(t.db, cohortId, lesson("2026-10-26", "Les na de wintertijd"), trainer);
  meeting.marBefore = await createMeeting(t.db, cohortId, lesson("2027-03-27", "Les voor de zomertijd"), trainer);
  meeting.marAfter = await createMeeting(
    t.db,
    cohortId,
    lesson("2027-03-29", "Les na de zomertijd", { location: null, onlineUrl: "https://meet.example/les" }),
    trainer,
  );
  meeting.training1 = await createMeeting(t.db, cohortId, lesson("2026-12-01", "Training een", { type: "training", trainingId: trainings[0]!.id }), trainer);
  meeting.training2 = await createMeeting(t.db, cohortId, lesson("2026-12-02", "Training twee", { type: "training", trainingId: trainings[1]!.id }), trainer);
  meeting.groupA = await createMeeting(t.db, cohortId, lesson("2026-12-03", "Intervisie Zon", { type: "intervisie", intervisieGroupId: groupA }), trainer);
  meeting.groupB = await createMeeting(t.db, cohortId, lesson("2026-12-04", "Intervisie Maan", { type: "intervisie", intervisieGroupId: groupB }), trainer);
  // Another participant's words in the cohort: never in anyone's feed.
  // (Written straight into the table: a reflection needs recorded attendance, which is beside the point here.)
  const stamp = new Date("2026-11-10T12:00:00Z").toISOString();
  await t.db
    .insertInto("intervisie_reflections")
    .values({ session_id: meeting.groupA, participant_id: members[1]!.id, text: "GEHEIME-REFLECTIE van Bram", created_at: stamp, updated_at: stamp })
    .execute();

  const planned = await planInterview(t.db, coordinator, {
    participantId: members[0]!.id,
    date: "2027-01-12",
    startTime: "14:00",
    location: "Kantoor, kamer 3",
    assessorIds: [examiner1.id, examiner2.id],
    overrideReason: "Test van de agenda",
  });
  interviewId = planned.id;
});
afterAll(() => t.close());

const uidOf = (kind: "session" | "interview", id: number) => `leerlijn-${kind}-${id}@leerlijn`;

describe("who sees what", () => {
  it("a participant gets the lessons, the trainings they have a place in, their own group's meetings and their interview", async () => {
    const { events, name } = await feedOf(members[0]!);
    expect(name).toBe("Leerlijn");
    expect(events.map((e) => e.uid).sort()).toEqual(
      [
        ...["octBefore", "octAfter", "marBefore", "marAfter", "training1", "groupA"].map((k) => uidOf("session", meeting[k]!)),
        uidOf("interview", interviewId),
      ].sort(),
    );
    const interview = events.find((e) => e.uid === uidOf("interview", interviewId))!;
    expect(interview.summary).toBe("Eindgesprek");
    expect(interview.location).toBe("Kantoor, kamer 3");
    // 14:00 in winter is 13:00 UTC; the length comes from the leerlijn (interviewMinutes).
    expect(interview.start).toBe("2027-01-12T13:00:00.000Z");
    expect(new Date(interview.end).getTime()).toBeGreaterThan(new Date(interview.start).getTime());
    expect(interview.url).toBe(`${BASE}/deelnemer/eindgesprek`);
  });

  it("another participant of the same cohort gets their own training and group, and no interview", async () => {
    const { events } = await feedOf(members[4]!);
    expect(events.map((e) => e.uid).sort()).toEqual(
      ["octBefore", "octAfter", "marBefore", "marAfter", "training2", "groupB"].map((k) => uidOf("session", meeting[k]!)).sort(),
    );
  });

  it("a trainer gets every meeting of the cohorts they teach, with a link to the meeting's page; another cohort's trainer none of them", async () => {
    const { events } = await feedOf(trainer);
    expect(events.map((e) => e.uid).sort()).toEqual(
      Object.values(meeting)
        .map((id) => uidOf("session", id))
        .sort(),
    );
    expect(events.find((e) => e.uid === uidOf("session", meeting.groupA!))!.url).toBe(`${BASE}/groepen/${cohortId}/bijeenkomsten/${meeting.groupA}`);
    const other = await feedOf(await userByEmail(t.db, "trainer@leerlijn.test"));
    expect(other.events.length).toBeGreaterThan(0);
    const ours = new Set(Object.values(meeting).map((id) => uidOf("session", id)));
    expect(other.events.filter((e) => ours.has(e.uid))).toEqual([]);
  });

  it("an examiner gets the interviews they judge, and nothing else; an examiner with none gets an empty calendar", async () => {
    const { events, text } = await feedOf(examiner1);
    expect(events.map((e) => e.uid)).toEqual([uidOf("interview", interviewId)]);
    expect(events[0]!.url).toBe(`${BASE}/eindgesprekken/${interviewId}`);
    // No participant names in a feed, not even the examiner's own candidate.
    expect(text).not.toContain(members[0]!.name);
    expect((await feedOf(idleExaminer)).events).toEqual([]);
  });

  it("a participant's feed names no other participant and holds no reflection text", async () => {
    for (const member of members) {
      const { text } = await feedOf(member);
      const others = await t.db.selectFrom("users").select("name").where("role", "=", "participant").where("id", "!=", member.id).execute();
      expect(others.length).toBeGreaterThan(members.length);
      expect(others.filter((o) => text.includes(o.name))).toEqual([]);
      expect(text).not.toContain("GEHEIME-REFLECTIE");
      // Nor the participant's own name: the link may leak, the feed says nothing about who it is for.
      expect(text).not.toContain(member.name);
    }
  });

  it("the single-meeting file of the participant's rooster is for their own meetings only", async () => {
    const own = await participantMeetingCalendar(t.db, members[0]!.id, meeting.training1!, BASE);
    expect(parseCalendar(own!).events.map((e) => e.uid)).toEqual([uidOf("session", meeting.training1!)]);
    expect(await participantMeetingCalendar(t.db, members[4]!.id, meeting.training1!, BASE)).toBeNull();
    expect(await participantMeetingCalendar(t.db, members[4]!.id, meeting.groupA!, BASE)).toBeNull();
    const staff = await staffMeetingCalendar(t.db, cohortId, meeting.groupB!, BASE);
    expect(parseCalendar(staff!).events.map((e) => e.uid)).toEqual([uidOf("session", meeting.groupB!)]);
    // A meeting of another cohort is not found through this cohort.
    expect(await staffMeetingCalendar(t.db, cohortId + 1000, meeting.groupB!, BASE)).toBeNull();
  });
});

describe("times, places and changes", () => {
  it("keeps 10:00 Amsterdam time on both sides of the daylight-saving changes", async () => {
    const { events } = await feedOf(members[0]!);
    const at = (k: string) => events.find((e) => e.uid === uidOf("session", meeting[k]!))!;
    // Summer time (UTC+2) before 25 October, winter time (UTC+1) after; back to summer time on 28 March.
    expect([at("octBefore").start, at("octBefore").end]).toEqual(["2026-10-24T08:00:00.000Z", "2026-10-24T10:00:00.000Z"]);
    expect([at("octAfter").start, at("octAfter").end]).toEqual(["2026-10-26T09:00:00.000Z", "2026-10-26T11:00:00.000Z"]);
    expect([at("marBefore").start, at("marBefore").end]).toEqual(["2027-03-27T09:00:00.000Z", "2027-03-27T11:00:00.000Z"]);
    expect([at("marAfter").start, at("marAfter").end]).toEqual(["2027-03-29T08:00:00.000Z", "2027-03-29T10:00:00.000Z"]);
  });

  it("carries the place (escaped and read back exactly), the online link and the page's link", async () => {
    const { events, text } = await feedOf(members[0]!);
    const at = (k: string) => events.find((e) => e.uid === uidOf("session", meeting[k]!))!;
    expect(text).toContain("LOCATION:Buurthuis De Ster\\, zaal 2\\; ingang achter\\\\om");
    expect(at("octBefore").location).toBe("Buurthuis De Ster, zaal 2; ingang achter\\om");
    expect(at("octBefore").url).toBe(`${BASE}/deelnemer/rooster#bijeenkomst-${meeting.octBefore}`);
    expect(at("octBefore").description).toContain(`${BASE}/deelnemer/rooster#bijeenkomst-${meeting.octBefore}`);
    expect(at("marAfter").location).toBe("https://meet.example/les");
    expect(at("marAfter").description).toContain("Online meedoen: https://meet.example/les");
    expect(at("octBefore").status).toBe("CONFIRMED");
    // Every line ends in CRLF and no line is longer than 75 octets.
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.split("\r\n").filter((line) => Buffer.byteLength(line) > 75)).toEqual([]);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  });

  it("a cancelled meeting stays in the feed with STATUS:CANCELLED and a higher SEQUENCE; reinstating raises it again", async () => {
    const before = (await feedOf(members[0]!)).events.find((e) => e.uid === uidOf("session", meeting.octAfter!))!;
    await setCancelled(t.db, cohortId, meeting.octAfter!, true, "Trainer ziek (nooit in de agenda)", trainer);
    const { events, text } = await feedOf(members[0]!);
    const cancelled = events.find((e) => e.uid === uidOf("session", meeting.octAfter!))!;
    expect(cancelled.status).toBe("CANCELLED");
    expect(cancelled.sequence).toBeGreaterThan(before.sequence);
    expect(cancelled.summary).toBe("Gaat niet door: Les na de wintertijd");
    // The reason is not for the calendar.
    expect(text).not.toContain("Trainer ziek");
    await setCancelled(t.db, cohortId, meeting.octAfter!, false, null, trainer);
    const back = (await feedOf(members[0]!)).events.find((e) => e.uid === uidOf("session", meeting.octAfter!))!;
    expect(back.status).toBe("CONFIRMED");
    expect(back.sequence).toBeGreaterThan(cancelled.sequence);
  });

  it("a moved meeting keeps its UID and gets a higher SEQUENCE; saving it unchanged does not", async () => {
    const uid = uidOf("session", meeting.marBefore!);
    const before = (await feedOf(members[0]!)).events.find((e) => e.uid === uid)!;
    await updateMeeting(t.db, cohortId, meeting.marBefore!, lesson("2027-03-27", "Les voor de zomertijd"), trainer);
    const same = (await feedOf(members[0]!)).events.find((e) => e.uid === uid)!;
    expect(same.sequence).toBe(before.sequence);
    await updateMeeting(t.db, cohortId, meeting.marBefore!, lesson("2027-03-30", "Les voor de zomertijd", { startTime: "13:30", endTime: "15:00" }), trainer);
    const moved = (await feedOf(members[0]!)).events.find((e) => e.uid === uid)!;
    expect(moved.sequence).toBeGreaterThan(before.sequence);
    expect(moved.start).toBe("2027-03-30T11:30:00.000Z");
    await updateMeeting(
      t.db,
      cohortId,
      meeting.marBefore!,
      lesson("2027-03-30", "Les voor de zomertijd", { startTime: "13:30", endTime: "15:00", location: "Andere zaal" }),
      trainer,
    );
    const placed = (await feedOf(members[0]!)).events.find((e) => e.uid === uid)!;
    expect(placed.sequence).toBeGreaterThan(moved.sequence);
    expect(placed.location).toBe("Andere zaal");
  });

  it("the database raises SEQUENCE on any write that changes what a calendar shows, not only through the services", async () => {
    const id = meeting.training2!;
    const sequence = async () =>
      (await t.db.selectFrom("course_sessions").select("calendar_sequence").where("id", "=", id).executeTakeFirstOrThrow()).calendar_sequence;
    const start = await sequence();
    // Not shown in a calendar: no new SEQUENCE.
    await t.db.updateTable("course_sessions").set({ assignment: "Lees hoofdstuk 2" }).where("id", "=", id).execute();
    expect(await sequence()).toBe(start);
    await t.db.updateTable("course_sessions").set({ end_time: "12:30" }).where("id", "=", id).execute();
    expect(await sequence()).toBe(start + 1);
    await t.db.updateTable("course_sessions").set({ title: "Training twee (nieuw)", online_url: "https://meet.example/t2" }).where("id", "=", id).execute();
    expect(await sequence()).toBe(start + 2);
  });

  it("a rescheduled interview keeps its UID and gets a higher SEQUENCE, for the participant and the examiners", async () => {
    const uid = uidOf("interview", interviewId);
    const before = (await feedOf(examiner2)).events.find((e) => e.uid === uid)!;
    await rescheduleInterview(t.db, coordinator, interviewId, { date: "2027-04-06", startTime: "09:30" });
    for (const who of [examiner2, members[0]!]) {
      const after = (await feedOf(who)).events.find((e) => e.uid === uid)!;
      expect(after.sequence).toBeGreaterThan(before.sequence);
      // 09:30 in summer time (UTC+2)
      expect(after.start).toBe("2027-04-06T07:30:00.000Z");
    }
  });
});

describe("the secret link", () => {
  it("renewing makes the old link unknown and the new one work; both are audited, the token is never stored", async () => {
    const person = await makeUser(t.db, { role: "participant", name: "Iris Nieuw" });
    await enrolParticipant(t.db, cohortId, person.id, coordinator);
    const first = await renewCalendarFeed(t.db, person, "203.0.113.9");
    expect(await calendarFeed(t.db, first, BASE)).not.toBeNull();
    const second = await renewCalendarFeed(t.db, person, null);
    expect(second).not.toBe(first);
    expect(await calendarFeed(t.db, first, BASE)).toBeNull();
    expect(parseCalendar((await calendarFeed(t.db, second, BASE))!).events.length).toBe(4);
    const stored = await t.db.selectFrom("calendar_feeds").selectAll().where("user_id", "=", person.id).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).not.toContain(second);
    const actions = await t.db
      .selectFrom("audit_log")
      .select(["action", "actor_id"])
      .where("target_type", "=", "user")
      .where("target_id", "=", String(person.id))
      .where("action", "like", "calendar.%")
      .orderBy("id")
      .execute();
    expect(actions).toEqual([
      { action: "calendar.create", actor_id: person.id },
      { action: "calendar.renew", actor_id: person.id },
    ]);
  });

  it("an unknown or malformed token finds nothing", async () => {
    expect(await calendarFeed(t.db, "x".repeat(43), BASE)).toBeNull();
    expect(await calendarFeed(t.db, "", BASE)).toBeNull();
    expect(await calendarFeed(t.db, "../../etc/passwd", BASE)).toBeNull();
  });

  it("a blocked person's feed stops, and comes back when they are let in again; an anonymised person's link is gone", async () => {
    const person = members[3]!;
    const token = await renewCalendarFeed(t.db, person, null);
    await setActive(t.db, coordinator, person.id, false);
    expect(await calendarFeed(t.db, token, BASE)).toBeNull();
    await setActive(t.db, coordinator, person.id, true);
    expect(await calendarFeed(t.db, token, BASE)).not.toBeNull();
    await anonymisePerson(t.db, coordinator, person.id, null);
    expect(await calendarFeed(t.db, token, BASE)).toBeNull();
    expect(await t.db.selectFrom("calendar_feeds").select("user_id").where("user_id", "=", person.id).execute()).toEqual([]);
  });

  it("coordinators have no feed", async () => {
    await expect(renewCalendarFeed(t.db, coordinator, null)).rejects.toThrow();
  });
});
