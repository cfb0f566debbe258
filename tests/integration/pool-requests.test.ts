import { randomBytes } from "node:crypto";
import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { sessionCookie } from "../../app/auth.server";
import { currentTime } from "../../app/clock.server";
import { setDb } from "../../app/db.server";
import type { PoolProfileInput } from "../../app/forms/pool";
import type { PoolRequestInput } from "../../app/forms/pool-requests";
import { translate } from "../../app/i18n/translate";
import { whyText } from "../../app/components/pool-request";
import { collectParticipantData } from "../../app/services/data-export.server";
import { leavePool, savePoolProfile, setPoolPaused } from "../../app/services/pool.server";
import {
  closePoolRequest,
  createPoolRequest,
  inviteMembers,
  type memberPage,
  requestPage,
  respondToInvitation,
  suggestions,
  teamHome,
  teamRequestFor,
  waitingInvitationCount,
  withdrawInvitation,
} from "../../app/services/pool-requests.server";
import { anonymisePerson } from "../../app/services/privacy.server";
import { createSession } from "../../app/services/sessions.server";
import { action as requestAction, loader as requestLoader } from "../../app/routes/buurtteam.vragen.$requestId";
import { action as newRequestAction } from "../../app/routes/buurtteam.vragen.nieuw";
import { loader as teamHomeLoader } from "../../app/routes/buurtteam._index";
import { action as memberAction, loader as memberLoader } from "../../app/routes/deelnemer.vragen";
import type { User } from "../../db/schema";
import { auditLines } from "../support/audit";
import { createTestDb, type TestDb } from "../support/db";
import { cohortByName, makeUser, userByEmail } from "../support/factories";
import { DEMO_COHORT_FINISHED } from "../../demo/seed";
import { DEMO_BUURTTEAM } from "../../demo/pool-requests";

/*
 * Issue 31, point 3: requests from buurtteams to the pool. A real SQLite file (the demo data), the
 * real queries, the routes' loaders and actions with real session cookies, the app clock
 * (LEERLIJN_NOW, fixed in jest.config.js) and fixed dates for the requests.
 */

// The route modules are loaded for their loaders and actions only.
jest.mock("@utrecht/component-library-react", () => ({}), { virtual: true });

const IP = "192.0.2.33";
const BASE = "http://localhost";
let t: TestDb;

const nl = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate("nl", key, params);

/** A valid certificate, written as issued (this file tests what the pool does with it, not issuing). */
let seq = 8000;
async function certify(user: User) {
  const cohort = await cohortByName(t.db, DEMO_COHORT_FINISHED);
  seq += 1;
  await t.db
    .insertInto("certificates")
    .values({
      number: `LLB-2026-${seq}`,
      year: 2026,
      seq,
      verification_code: randomBytes(18).toString("base64url"),
      participant_id: user.id,
      cohort_id: cohort.id,
      interview_id: null,
      snapshot: JSON.stringify({ participantName: user.name, hours: { learning: 1, practice: 1 }, trainings: [], issuedOn: "2026-10-01", issuer: "Leerlijn" }),
      pdf_sha256: "0".repeat(64),
      pdf: Buffer.from("%PDF-1.4\n%test\n"),
      issued_at: "2026-10-01T10:00:00.000Z",
      issued_by: null,
      revoked_at: null,
      revoked_by: null,
      revoke_reason: null,
      revoke_kind: null,
      supersedes_id: null,
      superseded_by_id: null,
    })
    .execute();
}

const baseProfile: PoolProfileInput & { consent: "ja" } = {
  experience: "Ik weet hoe armoede voelt.",
  themes: [],
  languages: ["nl"],
  stadsdelen: ["noord"],
  hoursPerWeek: 8,
  availableFrom: null,
  availableUntil: null,
  contactPhone: null,
  contactEmail: null,
  consent: "ja",
};

/** A certified participant in the pool with this profile. */
async function member(name: string, profile: Partial<PoolProfileInput>): Promise<User> {
  const user = await makeUser(t.db, { name });
  await certify(user);
  await savePoolProfile(t.db, user, { ...baseProfile, contactEmail: `${name.split(" ")[0]!.toLowerCase()}@voorbeeld.test`, ...profile });
  return user;
}

async function team(name: string, stadsdeel: string) {
  const row = await t.db
    .insertInto("buurtteams")
    .values({ name, stadsdeel, created_at: currentTime().toISOString() })
    .returning("id")
    .executeTakeFirstOrThrow();
  const coordinator = await makeUser(t.db, { role: "team_coordinator", name: "Sam de Coördinator" });
  await t.db.insertInto("team_coordinators").values({ user_id: coordinator.id, buurtteam_id: row.id }).execute();
  return { id: row.id, coordinator };
}

const PERIOD = { periodFrom: "2027-01-04", periodUntil: "2027-03-28" };
const turkishRequest: PoolRequestInput = {
  theme: "armoede",
  description: "Een moeder in Noord zoekt iemand die Turks spreekt en weet hoe het is om rond te komen met weinig geld.",
  stadsdeel: "noord",
  language: "tr",
  ...PERIOD,
  hoursPerWeek: 8,
};

async function cookieOf(userId: number) {
  const { token } = await createSession(t.db, userId);
  return (await sessionCookie.serialize(token)).split(";")[0]!;
}

const ctx = { clientIp: IP } as unknown as AppLoadContext;

async function call<T>(fn: () => Promise<T>): Promise<T | Response> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
}

async function getRequestPage(userId: number, requestId: number | string) {
  const request = new Request(`${BASE}/buurtteam/vragen/${requestId}`, { headers: { Cookie: await cookieOf(userId) } });
  return call(() => requestLoader({ request, params: { requestId: String(requestId) }, context: ctx } as LoaderFunctionArgs));
}

function formRequest(url: string, cookie: string, fields: [string, string][]) {
  return new Request(url, {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded", Origin: BASE },
    body: new URLSearchParams(fields).toString(),
  });
}

function answerOf(answer: unknown) {
  if (answer instanceof Response) return { status: answer.status, body: {} as Record<string, unknown>, location: answer.headers.get("Location") };
  const status = (answer as { init?: { status?: number } })?.init?.status ?? 200;
  const body = ((answer as { data?: unknown })?.data ?? answer) as Record<string, unknown>;
  return { status, body, location: null };
}

async function postRequest(userId: number, requestId: number, fields: [string, string][]) {
  const request = formRequest(`${BASE}/buurtteam/vragen/${requestId}`, await cookieOf(userId), fields);
  return answerOf(await call(() => requestAction({ request, params: { requestId: String(requestId) }, context: ctx } as ActionFunctionArgs)));
}

async function postMember(userId: number, fields: [string, string][]) {
  const request = formRequest(`${BASE}/deelnemer/vragen`, await cookieOf(userId), fields);
  return answerOf(await call(() => memberAction({ request, params: {}, context: ctx } as ActionFunctionArgs)));
}

let teamA: Awaited<ReturnType<typeof team>>;
let teamB: Awaited<ReturnType<typeof team>>;
let lotte: User;

beforeEach(async () => {
  t = await createTestDb("demo");
  setDb(t.db);
  teamA = await team(`Testteam Noord ${seq}`, "noord");
  teamB = await team(`Testteam Oost ${seq}`, "oost");
  // In the demo pool: Noord and Oost, Dutch and English, 8 hours, themes schulden and armoede.
  lotte = await userByEmail(t.db, "deelnemer15@leerlijn.test");
});
afterEach(() => t.close());

describe("suggestions", () => {
  it("explain themselves, and leave out paused members, members whose time does not overlap, other stadsdelen, other languages and the uncertified", async () => {
    const ayse = await member("Ayşe Test", { languages: ["nl", "tr"], themes: ["schulden"], hoursPerWeek: 12 });
    const paused = await member("Pauze Test", { languages: ["tr"] });
    await setPoolPaused(t.db, paused, true);
    await member("Eerder Test", { languages: ["tr"], availableUntil: "2026-12-31" });
    await member("Later Test", { languages: ["tr"], availableFrom: "2027-04-01" });
    await member("Zuid Test", { languages: ["tr"], stadsdelen: ["zuid"] });
    const partly = await member("Deels Test", { languages: ["tr"], themes: ["armoede"], hoursPerWeek: 4, availableFrom: "2027-02-01" });
    // In the pool without a valid certificate (revoked): not suggested.
    const revoked = await member("Ingetrokken Test", { languages: ["tr"] });
    await t.db.updateTable("certificates").set({ revoked_at: "2026-11-01T10:00:00.000Z" }).where("participant_id", "=", revoked.id).execute();
    // A disabled account: not suggested.
    const disabled = await member("Uit Test", { languages: ["tr"] });
    await t.db.updateTable("users").set({ status: "disabled" }).where("id", "=", disabled.id).execute();

    const id = await createPoolRequest(t.db, teamA.coordinator, turkishRequest);
    const found = await teamRequestFor(t.db, teamA.coordinator, id);
    // (other demo pool members, if any, are left out of this comparison)
    const made = new Set([ayse.id, paused.id, partly.id, revoked.id, disabled.id, lotte.id]);
    const list = (await suggestions(t.db, found!.request)).filter((s) => made.has(s.participantId));
    // Theme first (Deels chose armoede), then the hours; Lotte does not speak Turkish.
    expect(list.map((s) => s.participantId)).toEqual([partly.id, ayse.id]);
    expect(list[0]!.number).toBeLessThan(list[1]!.number);
    const words = (i: number) => list[i]!.why.map((w) => [w.criterion, w.matched, whyText(nl, w)]);
    expect(words(1)).toEqual([
      ["stadsdeel", true, "Werkt in Noord"],
      ["language", true, "Spreekt Turks"],
      ["period", true, "Beschikbaar in deze periode"],
      ["hours", true, "12 uur per week (gevraagd: 8)"],
      ["theme", false, "Thema niet gekozen"],
    ]);
    expect(words(0)).toEqual([
      ["stadsdeel", true, "Werkt in Noord"],
      ["language", true, "Spreekt Turks"],
      ["period", false, "Beschikbaar in een deel van deze periode"],
      ["hours", false, "4 uur per week (gevraagd: 8)"],
      ["theme", true, "Thema gekozen: Armoede"],
    ]);
    // What the team sees of a suggestion: only what the member chose to show.
    expect(Object.keys(list[1]!.profile).sort()).toEqual([
      "availableFrom",
      "availableUntil",
      "experience",
      "hoursPerWeek",
      "languages",
      "stadsdelen",
      "themes",
    ]);
    expect(JSON.stringify(list)).not.toContain("Ayşe");
    expect(JSON.stringify(list)).not.toContain("@voorbeeld.test");
  });

  it("without a language asked, everyone in the stadsdeel and period; ranked by theme, then hours closest to or above the request", async () => {
    const few = await member("Weinig Test", { themes: ["schulden"], hoursPerWeek: 4 });
    const many = await member("Veel Test", { themes: ["jeugdhulp"], hoursPerWeek: 12 });
    const exact = await member("Precies Test", { themes: ["jeugdhulp"], hoursPerWeek: 6 });
    const id = await createPoolRequest(t.db, teamA.coordinator, { ...turkishRequest, theme: "schulden", language: null, hoursPerWeek: 6 });
    const made = new Set([few.id, many.id, exact.id, lotte.id]);
    const list = (await suggestions(t.db, (await teamRequestFor(t.db, teamA.coordinator, id))!.request)).filter((s) => made.has(s.participantId));
    // Theme chosen: Lotte (8 h, above) before Weinig (4 h, below); then Precies (6 h) before Veel (12 h).
    expect(list.map((s) => s.participantId)).toEqual([lotte.id, few.id, exact.id, many.id]);
    expect(
      whyText(
        nl,
        list[0]!.why.find((w) => w.criterion === "language")!,
      ),
    ).toBe("Geen taal gevraagd");
  });
});

describe("invitations and contact details", () => {
  it("hides name and contact until the member accepts; shows them after, read from the profile; gone once the member leaves the pool", async () => {
    const ayse = await member("Ayşe Test", { languages: ["nl", "tr"], contactPhone: "06 11 22 33 44", contactEmail: "ayse@voorbeeld.test" });
    const id = await createPoolRequest(t.db, teamA.coordinator, turkishRequest);

    // Before: the suggestion, no name, no contact.
    const before = (await getRequestPage(teamA.coordinator.id, id)) as Exclude<Awaited<ReturnType<typeof getRequestPage>>, Response>;
    expect(before.suggestions.map((s) => s.participantId)).toContain(ayse.id);
    for (const secret of ["Ayşe", "06 11 22 33 44", "ayse@voorbeeld.test", ayse.email]) expect(JSON.stringify(before)).not.toContain(secret);

    const invited = await postRequest(teamA.coordinator.id, id, [
      ["intent", "invite"],
      ["participants", String(ayse.id)],
    ]);
    expect(invited).toMatchObject({ status: 200, body: { ok: true, message: "poolRequest.invited", params: { count: 1 } } });
    const waiting = (await getRequestPage(teamA.coordinator.id, id)) as typeof before;
    // Invited: shown as invited, not suggested again; still no name or contact.
    expect(waiting.suggestions.map((s) => s.participantId)).not.toContain(ayse.id);
    expect(waiting.invitations).toEqual([expect.objectContaining({ number: 1, status: "invited", contact: null, leftPool: false })]);
    expect(waiting.invitations[0]!.profile).toMatchObject({ languages: ["nl", "tr"] });
    for (const secret of ["Ayşe", "06 11 22 33 44", "ayse@voorbeeld.test"]) expect(JSON.stringify(waiting)).not.toContain(secret);
    expect(await waitingInvitationCount(t.db, ayse.id)).toBe(1);

    // The member accepts on her own page.
    const mine = (await call(async () =>
      memberLoader({
        request: new Request(`${BASE}/deelnemer/vragen`, { headers: { Cookie: await cookieOf(ayse.id) } }),
        params: {},
        context: ctx,
      } as LoaderFunctionArgs),
    )) as Awaited<ReturnType<typeof memberPage>>;
    expect(mine?.invitations).toEqual([
      expect.objectContaining({ teamName: expect.stringContaining("Testteam Noord"), theme: "armoede", language: "tr", status: "invited", requestOpen: true }),
    ]);
    const invitationId = mine!.invitations[0]!.id;
    expect(
      await postMember(ayse.id, [
        ["invitation", String(invitationId)],
        ["answer", "accept"],
      ]),
    ).toMatchObject({ status: 200, body: { ok: true, message: "poolInvitation.accepted" } });

    const after = (await getRequestPage(teamA.coordinator.id, id)) as typeof before;
    expect(after.invitations).toEqual([
      expect.objectContaining({ status: "accepted", contact: { name: "Ayşe Test", phone: "06 11 22 33 44", email: "ayse@voorbeeld.test" }, leftPool: false }),
    ]);
    // Read at read time: a change in the profile shows at once (nothing was copied).
    await savePoolProfile(t.db, ayse, { ...baseProfile, languages: ["nl", "tr"], contactPhone: "06 55 55 55 55", contactEmail: null });
    const changed = (await getRequestPage(teamA.coordinator.id, id)) as typeof before;
    expect(changed.invitations[0]!.contact).toEqual({ name: "Ayşe Test", phone: "06 55 55 55 55", email: null });

    // She leaves the pool: the team is told, without contact details.
    await leavePool(t.db, ayse);
    const left = (await getRequestPage(teamA.coordinator.id, id)) as typeof before;
    expect(left.invitations).toEqual([expect.objectContaining({ status: "accepted", contact: null, leftPool: true, profile: null })]);
    expect(JSON.stringify(left)).not.toContain("06 55 55 55 55");
  });

  it("a declined invitation keeps the contact hidden; a closed request takes no answers; only one's own invitation can be answered", async () => {
    const ayse = await member("Ayşe Test", { languages: ["tr"], contactPhone: "06 11 22 33 44" });
    const bo = await member("Bo Test", { languages: ["tr"], contactPhone: "06 99 88 77 66" });
    const id = await createPoolRequest(t.db, teamA.coordinator, turkishRequest);
    await inviteMembers(t.db, teamA.coordinator, id, [ayse.id, bo.id]);
    const [invA, invB] = await t.db.selectFrom("pool_invitations").select(["id", "participant_id"]).where("request_id", "=", id).orderBy("id").execute();
    expect([invA!.participant_id, invB!.participant_id]).toEqual([ayse.id, bo.id]);

    // Bo answers Ayşe's invitation: not found, nothing changes.
    expect(
      await postMember(bo.id, [
        ["invitation", String(invA!.id)],
        ["answer", "accept"],
      ]),
    ).toMatchObject({ status: 400, body: { formError: { key: "poolInvitation.notFound" } } });
    await respondToInvitation(t.db, ayse, invA!.id, "decline");
    const page = (await getRequestPage(teamA.coordinator.id, id)) as Exclude<Awaited<ReturnType<typeof getRequestPage>>, Response>;
    expect(page.invitations.map((i) => [i.status, i.contact])).toEqual([
      ["declined", null],
      ["invited", null],
    ]);
    expect(JSON.stringify(page)).not.toContain("06 11 22 33 44");
    expect(JSON.stringify(page)).not.toContain("Ayşe");
    // Answering twice: refused.
    await expect(respondToInvitation(t.db, ayse, invA!.id, "accept")).rejects.toMatchObject({ messageKey: "poolInvitation.notOpen" });

    // The team closes the request: Bo can no longer answer.
    expect(await postRequest(teamA.coordinator.id, id, [["intent", "close"]])).toMatchObject({
      status: 400,
      body: { fieldErrors: { confirm: "poolRequest.close.confirmRequired" } },
    });
    expect(
      await postRequest(teamA.coordinator.id, id, [
        ["intent", "close"],
        ["confirm", "ja"],
      ]),
    ).toMatchObject({ status: 200, body: { ok: true, message: "poolRequest.closedDone" } });
    await expect(respondToInvitation(t.db, bo, invB!.id, "accept")).rejects.toMatchObject({ messageKey: "poolInvitation.notOpen" });
    expect(await waitingInvitationCount(t.db, bo.id)).toBe(0);
    // A closed request suggests no one and invites no one.
    const closed = (await getRequestPage(teamA.coordinator.id, id)) as typeof page;
    expect(closed.request.status).toBe("closed");
    expect(closed.suggestions).toEqual([]);
    await expect(inviteMembers(t.db, teamA.coordinator, id, [lotte.id])).rejects.toMatchObject({ messageKey: "poolRequest.closed" });
  });

  it("ids in the form are not trusted: a member who is not suggested cannot be invited, and nothing is invited then", async () => {
    const ayse = await member("Ayşe Test", { languages: ["tr"] });
    const paused = await member("Pauze Test", { languages: ["tr"] });
    await setPoolPaused(t.db, paused, true);
    const id = await createPoolRequest(t.db, teamA.coordinator, turkishRequest);
    for (const ids of [[paused.id], [ayse.id, paused.id], [lotte.id], [999999]]) {
      const refused = await postRequest(teamA.coordinator.id, id, [["intent", "invite"], ...ids.map((x): [string, string] => ["participants", String(x)])]);
      expect(refused).toMatchObject({ status: 400, body: { fieldErrors: { participants: "poolRequest.invite.notSuggested" } } });
    }
    expect(await postRequest(teamA.coordinator.id, id, [["intent", "invite"]])).toMatchObject({
      status: 400,
      body: { fieldErrors: { participants: "poolRequest.invite.none" } },
    });
    expect(await t.db.selectFrom("pool_invitations").select("id").where("request_id", "=", id).execute()).toEqual([]);
    // Withdrawing: back to withdrawn, the member is not suggested again.
    await inviteMembers(t.db, teamA.coordinator, id, [ayse.id]);
    const inv = await t.db.selectFrom("pool_invitations").select("id").where("request_id", "=", id).executeTakeFirstOrThrow();
    expect(
      await postRequest(teamA.coordinator.id, id, [
        ["intent", "withdraw"],
        ["invitation", String(inv.id)],
      ]),
    ).toMatchObject({ status: 200, body: { ok: true, message: "poolRequest.withdrawn" } });
    const found = await teamRequestFor(t.db, teamA.coordinator, id);
    expect((await suggestions(t.db, found!.request)).map((s) => s.participantId)).not.toContain(ayse.id);
    await expect(respondToInvitation(t.db, ayse, inv.id, "accept")).rejects.toMatchObject({ messageKey: "poolInvitation.notOpen" });
  });
});

describe("access", () => {
  it("another team's buurtteam-coördinator gets 404 for the page and every action; the refusal is audited", async () => {
    const ayse = await member("Ayşe Test", { languages: ["tr"] });
    const id = await createPoolRequest(t.db, teamA.coordinator, turkishRequest);
    expect(await getRequestPage(teamB.coordinator.id, id)).toMatchObject({ status: 404 });
    expect(await getRequestPage(teamB.coordinator.id, 999999)).toMatchObject({ status: 404 });
    expect(await getRequestPage(teamB.coordinator.id, "abc")).toMatchObject({ status: 404 });
    for (const fields of [
      [
        ["intent", "invite"],
        ["participants", String(ayse.id)],
      ],
      [
        ["intent", "close"],
        ["confirm", "ja"],
      ],
    ] as [string, string][][]) {
      expect(await postRequest(teamB.coordinator.id, id, fields)).toMatchObject({ status: 404 });
    }
    await expect(inviteMembers(t.db, teamB.coordinator, id, [ayse.id])).rejects.toMatchObject({ messageKey: "poolRequest.notFound" });
    expect(await t.db.selectFrom("pool_invitations").select("id").where("request_id", "=", id).execute()).toEqual([]);
    expect((await t.db.selectFrom("pool_requests").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status).toBe("open");
    const denied = await auditLines(t.db).select(["action", "outcome"]).where("actor_id", "=", teamB.coordinator.id).where("outcome", "=", "denied").execute();
    expect(denied.length).toBeGreaterThanOrEqual(3);
    expect(denied.every((l) => l.action === "poolRequest.view")).toBe(true);
    // Team B's home lists none of team A's requests.
    expect((await teamHome(t.db, teamB.coordinator))?.requests).toEqual([]);
  });

  it("a participant cannot invite or open a team's pages; a buurtteam-coördinator cannot open the member's page", async () => {
    const ayse = await member("Ayşe Test", { languages: ["tr"] });
    const id = await createPoolRequest(t.db, teamA.coordinator, turkishRequest);
    expect(
      await postRequest(lotte.id, id, [
        ["intent", "invite"],
        ["participants", String(ayse.id)],
      ]),
    ).toMatchObject({ status: 403 });
    expect(await getRequestPage(lotte.id, id)).toMatchObject({ status: 403 });
    await expect(inviteMembers(t.db, lotte, id, [ayse.id])).rejects.toMatchObject({ messageKey: "poolRequest.notFound" });
    expect(await t.db.selectFrom("pool_invitations").select("id").where("request_id", "=", id).execute()).toEqual([]);
    const home = await call(async () =>
      teamHomeLoader({
        request: new Request(`${BASE}/buurtteam`, { headers: { Cookie: await cookieOf(lotte.id) } }),
        params: {},
        context: ctx,
      } as LoaderFunctionArgs),
    );
    expect(home).toMatchObject({ status: 403 });
    const memberPageOfTeam = await call(async () =>
      memberLoader({
        request: new Request(`${BASE}/deelnemer/vragen`, { headers: { Cookie: await cookieOf(teamA.coordinator.id) } }),
        params: {},
        context: ctx,
      } as LoaderFunctionArgs),
    );
    expect(memberPageOfTeam).toMatchObject({ status: 403 });
    // A participant without a certificate, pool profile or invitation: not found, and audited.
    const newcomer = await userByEmail(t.db, "deelnemer1@leerlijn.test");
    const refused = await call(async () =>
      memberLoader({
        request: new Request(`${BASE}/deelnemer/vragen`, { headers: { Cookie: await cookieOf(newcomer.id) } }),
        params: {},
        context: ctx,
      } as LoaderFunctionArgs),
    );
    expect(refused).toMatchObject({ status: 404 });
    expect(await auditLines(t.db).select(["action", "outcome"]).where("actor_id", "=", newcomer.id).where("action", "like", "pool%").execute()).toEqual([
      { action: "poolInvitation.view", outcome: "denied" },
    ]);
  });

  it("a new request through the form: checked on the server, and made for the coordinator's own team only", async () => {
    const cookie = await cookieOf(teamA.coordinator.id);
    const post = async (fields: [string, string][]) =>
      answerOf(
        await call(() =>
          newRequestAction({ request: formRequest(`${BASE}/buurtteam/vragen/nieuw`, cookie, fields), params: {}, context: ctx } as ActionFunctionArgs),
        ),
      );
    const fields: [string, string][] = [
      ["theme", "armoede"],
      ["description", turkishRequest.description],
      ["stadsdeel", "noord"],
      ["language", ""],
      ["periodFrom", "2027-01-04"],
      ["periodUntil", "2027-03-28"],
      ["hoursPerWeek", "8"],
      // ignored: the team comes from team_coordinators
      ["buurtteam_id", String(teamB.id)],
    ];
    const wrongDates = await post([...fields.filter(([k]) => k !== "periodUntil"), ["periodUntil", "2026-12-31"]]);
    expect(wrongDates).toMatchObject({ status: 400, body: { fieldErrors: { periodUntil: "pool.until.beforeFrom" } } });
    expect(await post([...fields.filter(([k]) => k !== "stadsdeel"), ["stadsdeel", "amstelveen"]])).toMatchObject({
      status: 400,
      body: { fieldErrors: { stadsdeel: "poolRequest.stadsdeel.required" } },
    });
    expect(await post([...fields.filter(([k]) => k !== "hoursPerWeek"), ["hoursPerWeek", "41"]])).toMatchObject({ status: 400 });
    expect(await post([...fields.filter(([k]) => k !== "description"), ["description", " "]])).toMatchObject({
      status: 400,
      body: { fieldErrors: { description: "poolRequest.description.required" } },
    });
    expect(await t.db.selectFrom("pool_requests").select("id").where("buurtteam_id", "in", [teamA.id, teamB.id]).execute()).toEqual([]);
    const made = await post(fields);
    expect(made.status).toBe(302);
    const row = await t.db.selectFrom("pool_requests").selectAll().where("buurtteam_id", "in", [teamA.id, teamB.id]).executeTakeFirstOrThrow();
    expect(made.location).toBe(`/buurtteam/vragen/${row.id}?nieuw=1`);
    expect(row).toMatchObject({ buurtteam_id: teamA.id, created_by: teamA.coordinator.id, language: null, hours_per_week: 8, status: "open" });
  });
});

describe("audit and mail", () => {
  it("audits every decision without free text, and queues content-free mail to the member and to the team's coordinators", async () => {
    const ayse = await member("Ayşe Test", { languages: ["tr"], contactPhone: "06 11 22 33 44" });
    const second = await makeUser(t.db, { role: "team_coordinator", name: "Tweede Coördinator" });
    await t.db.insertInto("team_coordinators").values({ user_id: second.id, buurtteam_id: teamA.id }).execute();
    const id = await createPoolRequest(t.db, teamA.coordinator, turkishRequest);
    await inviteMembers(t.db, teamA.coordinator, id, [ayse.id], undefined, { baseUrl: BASE });
    const inv = await t.db.selectFrom("pool_invitations").select("id").where("request_id", "=", id).executeTakeFirstOrThrow();

    const toMember = await t.db.selectFrom("mail_outbox").selectAll().where("type", "=", "pool-invitation").execute();
    expect(toMember.map((m) => [m.recipient_user_id, m.recipient_email])).toEqual([[ayse.id, ayse.email]]);
    expect(toMember[0]!.body_text).toContain("Er staat iets voor je klaar. Log in om het te zien.");
    expect(toMember[0]!.action_url).toBe(`${BASE}/deelnemer/vragen`);

    await respondToInvitation(t.db, ayse, inv.id, "accept", undefined, { baseUrl: BASE });
    const toTeam = await t.db.selectFrom("mail_outbox").selectAll().where("type", "=", "pool-invitation-answered").orderBy("recipient_user_id").execute();
    expect(toTeam.map((m) => m.recipient_user_id)).toEqual([teamA.coordinator.id, second.id].sort((a, b) => a - b));
    expect(toTeam[0]!.action_url).toBe(`${BASE}/buurtteam/vragen/${id}`);
    // No content: not the request, not the team, not the answer; the team's message not the member's name
    // (the member's own message greets her by her name).
    for (const m of [...toMember, ...toTeam]) {
      const all = `${m.subject}\n${m.body_text}\n${m.body_html}`;
      const secrets = ["Turks", "moeder", "Testteam", "06 11", "armoede", "ja gezegd", "accepted", "pool", ...(m.type === "pool-invitation" ? [] : ["Ayşe"])];
      for (const secret of secrets) expect({ secret, found: all.includes(secret) }).toEqual({ secret, found: false });
    }

    const lines = await auditLines(t.db)
      .select(["action", "actor_id", "target_type", "target_id", "details", "outcome"])
      .where((eb) => eb.or([eb("action", "like", "poolRequest.%"), eb("action", "like", "poolInvitation.%")]))
      // (the demo's own request has its line too)
      .where("actor_id", "in", [teamA.coordinator.id, second.id, ayse.id])
      .orderBy("id")
      .execute();
    expect(lines.map((l) => [l.action, l.actor_id, l.target_type, l.outcome])).toEqual([
      ["poolRequest.create", teamA.coordinator.id, "pool_request", "success"],
      ["poolInvitation.invite", teamA.coordinator.id, "user", "success"],
      ["poolInvitation.accept", ayse.id, "pool_invitation", "success"],
    ]);
    expect(lines[1]!.target_id).toBe(String(ayse.id));
    expect(JSON.parse(lines[1]!.details!)).toEqual({ request: id, invitation: inv.id });
    expect(JSON.stringify(lines)).not.toContain("moeder");
    expect(JSON.stringify(lines)).not.toContain("06 11");

    await withdrawInvitation(t.db, teamA.coordinator, id, inv.id);
    await closePoolRequest(t.db, teamA.coordinator, id);
    const more = await auditLines(t.db)
      .select("action")
      .where("actor_id", "=", teamA.coordinator.id)
      .where("action", "in", ["poolInvitation.withdraw", "poolRequest.close"])
      .orderBy("id")
      .execute();
    expect(more.map((l) => l.action)).toEqual(["poolInvitation.withdraw", "poolRequest.close"]);
  });
});

describe("privacy: export and anonymise", () => {
  it("the member's export holds their invitations; anonymising removes them, and the team then sees nothing of them", async () => {
    const ayse = await member("Ayşe Test", { languages: ["tr"], contactPhone: "06 11 22 33 44" });
    const id = await createPoolRequest(t.db, teamA.coordinator, turkishRequest);
    await inviteMembers(t.db, teamA.coordinator, id, [ayse.id]);
    const inv = await t.db.selectFrom("pool_invitations").select("id").where("request_id", "=", id).executeTakeFirstOrThrow();
    await respondToInvitation(t.db, ayse, inv.id, "accept");

    const { data } = await collectParticipantData(t.db, ayse, "nl");
    expect(data.sections.pool_invitations.rows).toEqual([
      expect.objectContaining({
        buurtteam: expect.stringContaining("Testteam Noord"),
        theme: "armoede",
        language: "tr",
        status: "accepted",
        period_from: "2027-01-04",
      }),
    ]);
    // Lotte was not invited: an empty section.
    expect((await collectParticipantData(t.db, lotte, "nl")).data.sections.pool_invitations.rows).toEqual([]);

    const coordinator = await userByEmail(t.db, "coordinator@leerlijn.test");
    expect(await anonymisePerson(t.db, coordinator, ayse.id, IP)).toBe("done");
    expect(await t.db.selectFrom("pool_invitations").select("id").where("participant_id", "=", ayse.id).execute()).toEqual([]);
    const page = (await getRequestPage(teamA.coordinator.id, id)) as Exclude<Awaited<ReturnType<typeof getRequestPage>>, Response>;
    expect(page.invitations).toEqual([]);
    expect(page.suggestions.map((s) => s.participantId)).not.toContain(ayse.id);
  });
});

describe("demo data", () => {
  it("has one open request from the demo buurtteam, suggesting at least two pool members, and one closed and answered (nothing without that buurtteam)", async () => {
    const demoTeam = await t.db.selectFrom("buurtteams").select("id").where("name", "=", DEMO_BUURTTEAM).executeTakeFirst();
    const coordinator = demoTeam
      ? await t.db
          .selectFrom("team_coordinators as tc")
          .innerJoin("users as u", "u.id", "tc.user_id")
          .selectAll("u")
          .where("tc.buurtteam_id", "=", demoTeam.id)
          .executeTakeFirst()
      : undefined;
    const requests = await t.db.selectFrom("pool_requests").select(["id", "buurtteam_id", "status"]).orderBy("id").execute();
    const open = requests.find((r) => r.status === "open");
    const closed = requests.find((r) => r.status === "closed");
    const page = coordinator && open ? await requestPage(t.db, coordinator, open.id) : undefined;
    const answered = coordinator && closed ? await requestPage(t.db, coordinator, closed.id) : undefined;
    expect({
      requests: requests.map((r) => [r.buurtteam_id, r.status]),
      suggested: (page?.suggestions.length ?? 0) >= 2,
      // The closed one: Mustafa (deelnemer21) said yes, so the team sees his name and how to reach him.
      answered: answered?.invitations.map((i) => [i.status, i.contact?.name, i.contact?.email]),
    }).toEqual(
      demoTeam
        ? {
            requests: [
              [demoTeam.id, "closed"],
              [demoTeam.id, "open"],
            ],
            suggested: true,
            answered: [["accepted", "Mustafa Yıldız", "m.yildiz@voorbeeld.test"]],
          }
        : { requests: [], suggested: false, answered: undefined },
    );
  });
});
