import Database from "better-sqlite3";
import { readServerInfo } from "./server-info";
import { baseUrl, signInOverHttp } from "./support";
import { daysFromToday } from "../support/clock";
import { leerlijnVersionId, makeGroup, makeHeldIntervisie, makeMeeting, type Person, withServerDb } from "./factories";
import { currentTimeMs } from "../../app/clock.server";

/**
 * Hostile input against every form of the app, over plain HTTP (document POSTs, as a browser without
 * JavaScript sends them). For each form a role, a path, a valid baseline and the fields to attack; each
 * field gets values of its kind (markup, SQL, 1 MB, invalid UTF-8, control characters, odd numbers and
 * dates, repeated keys). Every answer must be below 500, a 4xx must explain itself, nothing we send may
 * come back unescaped, and extra fields (role, participantId, …) must change nothing.
 *
 * Accounts: the forms that store something are sent by people of this file's own (factories.ts): "d13"
 * and "d14" in a group that starts in fifteen weeks (like the demo's 2027-1) with its trainer
 * "trainer2", and "d11" in a group under way, with a held intervisie meeting to reflect on. The
 * coordinator makes new cohorts and people with names of its own; the examiner's form is only refused.
 */

type Value = string | { raw: string; label: string };
type Kind = "text" | "number" | "date" | "email" | "choice";

const SCRIPT = "<script>alert(1)</script>";
const IMG = '"><img src=x onerror=alert(1)>';
const MEGABYTE = "A".repeat(1_000_000);

const TEXT_VALUES: Value[] = [
  SCRIPT,
  IMG,
  "' OR 1=1 --",
  "x'); DROP TABLE users; --",
  MEGABYTE,
  { raw: "%C3%28", label: "invalid UTF-8 C3 28" },
  { raw: "abc%FFdef", label: "invalid UTF-8 FF" },
  "a\u0000b",
  "\u202Egnp.exe",
  "\u0007\u001b[31m",
  "Ann\u200Ba\u200D",
];
const NUMBER_VALUES: Value[] = [
  "-1",
  "0",
  "-999999999",
  "99999999999999999999",
  "1e308",
  "NaN",
  "Infinity",
  "1.5",
  "0x10",
  "' OR 1=1 --",
  SCRIPT,
  { raw: "%FF", label: "invalid UTF-8 FF" },
  "",
];
const DATE_VALUES: Value[] = [
  "2026-02-30",
  "2026-11-31",
  "99999-01-01",
  "0000-00-00",
  "2026-13-01",
  "-2026-01-01",
  "1 OR 1=1",
  SCRIPT,
  { raw: "%C3%28", label: "invalid UTF-8 C3 28" },
  "",
];
const EMAIL_VALUES: Value[] = [
  `${SCRIPT}@x.nl`,
  "' OR 1=1 --@x.nl",
  "a@b",
  `${"a".repeat(300)}@x.nl`,
  "a\u0000@x.nl",
  { raw: "a%FF%40x.nl", label: "invalid UTF-8 in e-mail" },
];
const CHOICE_VALUES: Value[] = [SCRIPT, "' OR 1=1 --", "coordinator", "-1", "", { raw: "%C3%28", label: "invalid UTF-8 C3 28" }];

const VALUES: Record<Kind, Value[]> = { text: TEXT_VALUES, number: NUMBER_VALUES, date: DATE_VALUES, email: EMAIL_VALUES, choice: CHOICE_VALUES };

/** Payloads that must never come back as markup. */
const MUST_NOT_APPEAR = [SCRIPT, "<img src=x onerror=alert(1)>"];
/** A refusal explains itself: a form error (alert or field message), or the app's error page. */
const EXPLAINED =
  /role="alert"|utrecht-form-field-error-message|class="ll-error"|Dit is te groot|Er ging iets mis|niet gevonden|Geen toegang|Deze link klopt niet/;

function label(v: Value): string {
  if (typeof v !== "string") return v.label;
  if (v.length > 60) return `${v.length} characters`;
  return JSON.stringify(v);
}

function encode(fields: Array<[string, Value]>): string {
  return fields.map(([k, v]) => `${encodeURIComponent(k)}=${typeof v === "string" ? encodeURIComponent(v) : v.raw}`).join("&");
}

class Client {
  constructor(readonly cookie: string | null) {}

  async get(path: string): Promise<{ status: number; html: string }> {
    const res = await fetch(`${baseUrl()}${path}`, { headers: this.cookie ? { Cookie: this.cookie } : {}, redirect: "manual" });
    return { status: res.status, html: await res.text() };
  }

  async post(path: string, body: string): Promise<{ status: number; html: string; location: string | null }> {
    const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl() };
    if (this.cookie) headers.Cookie = this.cookie;
    const res = await fetch(`${baseUrl()}${path}`, { method: "POST", headers, body, redirect: "manual" });
    return { status: res.status, html: await res.text(), location: res.headers.get("location") };
  }
}

async function signIn(email: string, password?: string): Promise<Client> {
  return new Client(await signInOverHttp(email, password));
}

interface FormCase {
  name: string;
  client: () => Client;
  path: () => string;
  /** A valid submission; attacked fields are replaced one at a time. */
  base: () => Array<[string, Value]> | Promise<Array<[string, Value]>>;
  attack: Record<string, Kind>;
  /** Only values that the form must refuse (for forms whose valid use would disturb other tests). */
  refuseOnly?: boolean;
}

const problems: string[] = [];

function checkAnswer(where: string, res: { status: number; html: string; location?: string | null }, mustRefuse = false) {
  if (res.status >= 500) problems.push(`${where}: status ${res.status}`);
  for (const bad of MUST_NOT_APPEAR) if (res.html.includes(bad)) problems.push(`${where}: unescaped ${bad} in the answer`);
  if (res.status >= 400 && res.status < 500 && !EXPLAINED.test(res.html)) problems.push(`${where}: ${res.status} without an explanation`);
  // Only a local path; browsers drop tabs and newlines and read "\\" as "/" ("/\t/host" is "//host").
  // eslint-disable-next-line no-control-regex -- control characters are what this looks for
  if (res.location && !/^\/(?![/\\])[^\u0000-\u001f\\]*$/.test(res.location)) problems.push(`${where}: redirect to ${JSON.stringify(res.location)}`);
  if (mustRefuse && res.status < 400 && !EXPLAINED.test(res.html)) problems.push(`${where}: accepted (${res.status}) but should be refused`);
}

function replace(base: Array<[string, Value]>, field: string, value: Value): Array<[string, Value]> {
  const out = base.filter(([k]) => k !== field);
  out.push([field, value]);
  return out;
}

let db: Database.Database;
const ids = { d11: 0, d13: 0, d14: 0, trainer2: 0, cohort2: 0, cohort1: 0, intervisieMeeting: 0, examinerInterview: 0, leerlijnVersion: 0 };
const people = {} as { d13: Person; d11: Person; trainer2: Person };
let d13: Client;
let d11: Client;
let trainer2: Client;
let coordinator: Client;
let examiner: Client;
const anonymous = new Client(null);
let counter = 0;

function userId(email: string): number {
  return (db.prepare("select id from users where email = ?").get(email) as { id: number }).id;
}

function daysAgo(n: number): string {
  return new Date(currentTimeMs() - n * 86_400_000).toISOString().slice(0, 10);
}

function hidden(html: string, name: string): string {
  const tag = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0] ?? "";
  return /value="([^"]*)"/.exec(tag)?.[1] ?? "";
}

beforeAll(async () => {
  db = new Database(readServerInfo().dbFile, { readonly: true, fileMustExist: true });
  const own = await withServerDb(async (kdb) => {
    const later = await makeGroup(kdb, { participants: ["Bram", "Daan"], startDate: daysFromToday(105), endDate: daysFromToday(105 + 20 * 7 - 3) });
    await makeMeeting(kdb, later, { date: daysFromToday(110) });
    const under = await makeGroup(kdb, { participants: 4 });
    const intervisieMeeting = await makeHeldIntervisie(kdb, under, under.participants);
    return { later, under, intervisieMeeting, version: await leerlijnVersionId(kdb) };
  });
  people.d13 = own.later.participants[0];
  people.trainer2 = own.later.trainer;
  people.d11 = own.under.participants[0];
  ids.d13 = people.d13.id;
  ids.d14 = own.later.participants[1].id;
  ids.trainer2 = people.trainer2.id;
  ids.cohort2 = own.later.id;
  ids.d11 = people.d11.id;
  ids.cohort1 = own.under.id;
  ids.leerlijnVersion = own.version;
  ids.intervisieMeeting = own.intervisieMeeting;
  ids.examinerInterview = (
    db.prepare("select interview_id as id from interview_assessors where user_id = ? limit 1").get(userId("examinator@leerlijn.test")) as { id: number }
  ).id;
  [d13, d11, trainer2, coordinator, examiner] = await Promise.all([
    signIn(people.d13.email, people.d13.password),
    signIn(people.d11.email, people.d11.password),
    signIn(people.trainer2.email, people.trainer2.password),
    signIn("coordinator@leerlijn.test"),
    signIn("examinator@leerlijn.test"),
  ]);
});

afterAll(() => {
  db?.close();
});

const EXTRA: () => Array<[string, Value]> = () => [
  ["role", "coordinator"],
  ["participantId", String(ids.d11)],
  ["userId", String(ids.d11)],
  ["cohortId", String(ids.cohort1)],
  ["id", "1"],
];

const FORMS: FormCase[] = [
  {
    name: "POP (participant)",
    client: () => d13,
    path: () => "/deelnemer/pop",
    base: () => [
      ["intent", "save"],
      ["storyConsent", "on"],
      ["wieBenIk", "Ik ben Bram."],
      ["sterkeKanten", "Luisteren."],
      ["ontwikkelpunten", "Grenzen."],
      ["ld1_doel", "Beter vragen stellen."],
    ],
    attack: { wieBenIk: "text", ld1_doel: "text", storyConsent: "choice", intent: "choice" },
  },
  {
    name: "leerplek (participant)",
    client: () => d13,
    path: () => "/deelnemer/leerplek",
    base: () => [
      ["organisation", "Buurtteam Noord"],
      ["team", "Team 3"],
      ["supervisorName", "Anna Bakker"],
      ["supervisorEmail", "anna@voorbeeld.test"],
      ["supervisorPhone", "020 123 4567"],
    ],
    attack: { organisation: "text", team: "text", supervisorName: "text", supervisorEmail: "email", supervisorPhone: "text" },
  },
  {
    name: "GOP (participant)",
    client: () => d13,
    path: () => `/groepen/${ids.cohort2}/gop`,
    base: async () => {
      const page = await d13.get(`/groepen/${ids.cohort2}/gop`);
      return [
        ["intent", "save"],
        ["baseVersion", hidden(page.html, "baseVersion") || "0"],
        ["agreements", `Afspraak ${counter++}`],
        ["g1_doel", "Samen leren."],
      ];
    },
    attack: { agreements: "text", g1_doel: "text", baseVersion: "number" },
  },
  {
    name: "practice entry (participant)",
    client: () => d11,
    path: () => "/deelnemer/praktijk",
    base: async () => [
      ["date", daysAgo(2 + (counter++ % 40))],
      ["hours", "1,5"],
      ["activity", await activityCode()],
      ["description", "Gesprek met een bewoner."],
      ["reflection", "Ik luisterde goed."],
    ],
    attack: { description: "text", reflection: "text", hours: "number", date: "date", activity: "choice" },
  },
  {
    name: "intervisie reflection (participant)",
    client: () => d11,
    path: () => `/deelnemer/intervisie/${ids.intervisieMeeting}`,
    base: () => [["text", "Ik leerde dat ik mijn grens mag aangeven."]],
    attack: { text: "text" },
  },
  {
    name: "meeting planning (trainer)",
    client: () => trainer2,
    path: () => `/groepen/${ids.cohort2}/bijeenkomsten/nieuw`,
    base: () => [
      ["type", "les"],
      ["title", `Les ${counter++}`],
      ["date", "2027-04-07"],
      ["startTime", "13:30"],
      ["endTime", "16:30"],
      ["location", "Buurthuis"],
      ["onlineUrl", ""],
      ["trainerIds", String(ids.trainer2)],
      ["programme", ""],
      ["assignment", ""],
      ["assignmentDue", ""],
    ],
    attack: {
      title: "text",
      location: "text",
      programme: "text",
      assignment: "text",
      onlineUrl: "choice",
      date: "date",
      assignmentDue: "date",
      startTime: "choice",
      type: "choice",
      trainerIds: "number",
    },
  },
  {
    name: "attendance (trainer)",
    client: () => trainer2,
    path: () => `/groepen/${ids.cohort2}/bijeenkomsten/${plannedMeeting()}/aanwezigheid`,
    base: async () => {
      const page = await trainer2.get(`/groepen/${ids.cohort2}/bijeenkomsten/${plannedMeeting()}/aanwezigheid`);
      return [
        ["intent", "save"],
        ["revision", hidden(page.html, "revision") || "0"],
        ["participantIds", `${ids.d13},${ids.d14}`],
        [`status-${ids.d13}`, "te_laat"],
        [`minutes-${ids.d13}`, "15"],
        [`note-${ids.d13}`, "Trein vertraagd."],
        [`status-${ids.d14}`, "aanwezig"],
      ];
    },
    attack: { note: "text", minutes: "number", status: "choice", revision: "number", participantIds: "number" },
  },
  {
    name: "new cohort (coordinator)",
    client: () => coordinator,
    path: () => "/coordinator/cohorten",
    base: () => [
      ["name", `Hostile cohort ${currentTimeMs()}-${counter++}`],
      ["startDate", "2028-01-10"],
      ["endDate", "2028-06-30"],
      ["leerlijnVersionId", String(ids.leerlijnVersion)],
    ],
    attack: { name: "text", startDate: "date", endDate: "date", leerlijnVersionId: "number", trainerIds: "number" },
  },
  {
    name: "enrol in cohort (coordinator)",
    client: () => coordinator,
    path: () => `/coordinator/cohorten/${ids.cohort2}`,
    base: () => [
      ["intent", "enrol"],
      ["participantId", "999999"],
    ],
    attack: { participantId: "number", intent: "choice" },
    refuseOnly: true,
  },
  {
    name: "invite a person (coordinator)",
    client: () => coordinator,
    path: () => "/coordinator/mensen",
    base: () => [
      ["intent", "invite"],
      ["name", "Hostile Test"],
      ["email", `hostile.${currentTimeMs()}.${counter++}@voorbeeld.test`],
      ["role", "participant"],
    ],
    attack: { name: "text", email: "email", role: "choice" },
  },
  {
    name: "change a role (coordinator)",
    client: () => coordinator,
    path: () => "/coordinator/mensen",
    base: () => [
      ["intent", "role"],
      ["userId", String(ids.d13)],
      ["role", "nonsense"],
    ],
    attack: { role: "choice", userId: "number" },
    refuseOnly: true,
  },
  {
    name: "plan an interview (coordinator)",
    client: () => coordinator,
    path: () => "/eindgesprekken/nieuw",
    base: () => [
      ["participantId", "999999"],
      ["date", "2027-06-01"],
      ["startTime", "10:00"],
      ["location", "Kantoor"],
      ["assessorIds", "999999"],
    ],
    attack: { participantId: "number", date: "date", startTime: "choice", location: "text", assessorIds: "number" },
    refuseOnly: true,
  },
  {
    name: "interview judgement (examiner)",
    client: () => examiner,
    path: () => `/eindgesprekken/${ids.examinerInterview}`,
    base: () => [
      ["intent", "save"],
      ["outcome", "nonsense"],
    ],
    attack: { outcome: "choice", "criterion-1": "choice", "competency-1": "choice", intent: "choice" },
    refuseOnly: true,
  },
  {
    name: "certificate revoke (coordinator)",
    client: () => coordinator,
    path: () => "/coordinator/certificaten",
    base: () => [
      ["intent", "revoke"],
      ["certificateId", "999999"],
      ["reason", "Test van vijandige invoer."],
    ],
    attack: { certificateId: "number", reason: "text", intent: "choice" },
    refuseOnly: true,
  },
  {
    name: "language choice (anyone)",
    client: () => anonymous,
    path: () => "/taal",
    base: () => [
      ["lang", "en"],
      ["redirectTo", "/login"],
    ],
    attack: { lang: "choice", redirectTo: "choice" },
  },
  {
    name: "invitation with a forged token (anyone)",
    client: () => anonymous,
    path: () => `/uitnodiging/${encodeURIComponent("' OR 1=1 --<script>alert(1)</script>")}`,
    base: () => [
      ["password", "een heel lang wachtwoord"],
      ["confirm", "een heel lang wachtwoord"],
    ],
    attack: { password: "text", confirm: "text" },
    refuseOnly: true,
  },
  {
    name: "supervisor confirmation with a forged token (anyone)",
    client: () => anonymous,
    path: () => `/bevestigen/${encodeURIComponent("x' OR '1'='1")}`,
    base: () => [
      ["entryIds", "1"],
      ["decision-1", "bevestigd"],
      ["comment-1", ""],
      ["revision-1", "1"],
    ],
    attack: { entryIds: "number", "decision-1": "choice", "comment-1": "text", "revision-1": "number" },
    refuseOnly: true,
  },
  {
    name: "training choice (participant)",
    client: () => d13,
    path: () => "/deelnemer/trainingen",
    base: () => [
      ["trainingId", "999999"],
      ["leerdoel", "Beter vragen stellen."],
    ],
    attack: { trainingId: "number", leerdoel: "text", intent: "choice" },
    refuseOnly: true,
  },
  {
    name: "intervisie group (trainer)",
    client: () => trainer2,
    path: () => `/groepen/${ids.cohort2}/intervisiegroepen`,
    base: () => [
      ["name", "Groep A"],
      ["memberIds", String(ids.d13)],
      ["memberIds", String(ids.d14)],
    ],
    attack: { name: "text", memberIds: "number", groupId: "number" },
    refuseOnly: true,
  },
  {
    name: "POP comment (trainer)",
    client: () => trainer2,
    path: () => `/pop/${ids.d13}`,
    base: () => [
      ["intent", "comment"],
      ["section", "sterke-kanten"],
      ["text", "Mooi geschreven."],
    ],
    attack: { text: "text", section: "choice" },
  },
  {
    name: "outflow (trainer)",
    client: () => trainer2,
    path: () => `/groepen/${ids.cohort2}/voortgang/${ids.d13}`,
    base: () => [
      ["leftOn", "2027-04-01"],
      ["reason", "nonsense"],
      ["note", "Nieuwe baan."],
    ],
    attack: { leftOn: "date", reason: "choice", note: "text" },
    refuseOnly: true,
  },
  {
    name: "POP approve/return (trainer)",
    client: () => trainer2,
    path: () => `/pop/${ids.d13}`,
    base: () => [
      ["intent", "approve"],
      ["version", "999999"],
      ["note", "Goed zo."],
    ],
    attack: { version: "number", note: "text", intent: "choice" },
    refuseOnly: true,
  },
  {
    name: "practice decision (trainer)",
    client: () => trainer2,
    path: () => `/groepen/${ids.cohort2}/praktijk/${ids.d13}`,
    base: () => [
      ["entryIds", "999999"],
      ["decision-999999", "bevestigd"],
      ["comment-999999", "Klopt."],
      ["revision-999999", "1"],
    ],
    attack: { entryIds: "number", "decision-999999": "choice", "comment-999999": "text", "revision-999999": "number" },
    refuseOnly: true,
  },
  {
    name: "retention periods (coordinator)",
    client: () => coordinator,
    path: () => "/coordinator/privacy",
    base: () => [
      ["intent", "retention"],
      ["assessmentMonths", "0"],
      ["draftsMonthsAfterEnd", "0"],
      ["signInTraceDays", "90"],
    ],
    attack: { assessmentMonths: "number", draftsMonthsAfterEnd: "number", signInTraceDays: "number" },
    refuseOnly: true,
  },
  {
    name: "anonymise (coordinator)",
    client: () => coordinator,
    path: () => "/coordinator/privacy",
    base: () => [
      ["intent", "anonymise"],
      ["userId", "999999"],
      ["confirm", "nee"],
    ],
    attack: { userId: "number", confirm: "choice" },
    refuseOnly: true,
  },
  {
    name: "keep my drafts (participant)",
    client: () => d13,
    path: () => "/deelnemer/privacy",
    base: () => [["keep", "1"]],
    attack: { keep: "choice" },
  },
  {
    name: "password change (participant)",
    client: () => d13,
    path: () => "/account",
    // An invalid new password: refused before the current one is checked, so no lock-out.
    base: () => [
      ["intent", "password"],
      ["current", "niet-het-wachtwoord"],
      ["password", "kort"],
      ["confirm", "anders"],
    ],
    attack: { current: "text", password: "text", confirm: "text" },
    refuseOnly: true,
  },
  {
    name: "certificate check (anyone)",
    client: () => anonymous,
    path: () => "/verify",
    base: () => [
      ["code", "AAAAAAAAAAAAAAAAAAAAAAAA"],
      ["website", ""],
    ],
    attack: { code: "text", website: "text" },
  },
];

let activity = "";
async function activityCode(): Promise<string> {
  if (!activity) {
    const page = await d11.get("/deelnemer/praktijk");
    const select = /<select[^>]*name="activity"[\s\S]*?<\/select>/.exec(page.html)?.[0] ?? "";
    activity = [...select.matchAll(/<option[^>]*value="([^"]+)"/g)].map((m) => m[1]).find((v) => v !== "") ?? "";
  }
  return activity;
}

function plannedMeeting(): number {
  const row = db.prepare("select id from course_sessions where cohort_id = ? order by id desc limit 1").get(ids.cohort2) as { id: number } | undefined;
  return row?.id ?? 999999;
}

/** attendance fields are per participant: "note" means note-<d13>. */
function fieldName(form: FormCase, field: string): string {
  if (form.name.startsWith("attendance") && ["note", "minutes", "status"].includes(field)) return `${field}-${ids.d13}`;
  return field;
}

describe("hostile input on every form", () => {
  it("sign-in: odd e-mail addresses and passwords are refused, odd redirect targets stay on this site", async () => {
    const anon = new Client(null);
    for (const v of EMAIL_VALUES.concat([SCRIPT, "' OR 1=1 --", MEGABYTE])) {
      const res = await anon.post(
        "/login",
        encode([
          ["email", v],
          ["password", "x"],
        ]),
      );
      checkAnswer(`login email ${label(v)}`, res, true);
    }
    // A few wrong passwords for an account that does not exist (the IP limit is 50 per window).
    for (const v of [SCRIPT, "' OR 1=1 --", { raw: "%C3%28", label: "invalid UTF-8" } as Value, "a\u0000b"]) {
      const res = await anon.post(
        "/login",
        encode([
          ["email", "hostile.nobody@voorbeeld.test"],
          ["password", v],
        ]),
      );
      checkAnswer(`login password ${label(v)}`, res, true);
    }
    for (const target of [
      "https://evil.example/",
      "//evil.example/",
      "/\\evil.example",
      "/\t/evil.example/x",
      "/\r\n/evil.example",
      "/deelnemer\r\nSet-Cookie: x=1",
    ]) {
      const res = await anon.post(
        "/login",
        encode([
          ["email", people.d13.email],
          ["password", people.d13.password],
          ["redirectTo", target],
        ]),
      );
      expect(res.status).toBe(302);
      checkAnswer(`login redirectTo ${target}`, res);
    }
    expect(problems.filter((p) => p.startsWith("login"))).toEqual([]);
  });

  for (const form of FORMS) {
    it(`${form.name}: no 5xx, refusals explained, nothing unescaped`, async () => {
      const client = form.client();
      // The baseline itself must work (or be refused on purpose), else the attack tests nothing.
      const first = await client.post(form.path(), encode(await form.base()));
      checkAnswer(`${form.name} baseline`, first);
      for (const [field, kind] of Object.entries(form.attack)) {
        const name = fieldName(form, field);
        for (const v of VALUES[kind]) {
          const body = replace(await form.base(), name, v);
          const res = await client.post(form.path(), encode(body));
          checkAnswer(`${form.name} ${name}=${label(v)}`, res, form.refuseOnly);
        }
        // The same key twice (a checkbox group where a single value is expected).
        const twice = [...(await form.base()), [name, SCRIPT] as [string, Value], [name, "2"] as [string, Value]];
        checkAnswer(`${form.name} ${name} twice`, await client.post(form.path(), encode(twice)), form.refuseOnly);
      }
      // Extra fields that try to act for someone else or raise one's role.
      const extra = await client.post(form.path(), encode([...(await form.base()), ...EXTRA()]));
      checkAnswer(`${form.name} extra fields`, extra, form.refuseOnly);
      expect(problems.filter((p) => p.startsWith(form.name))).toEqual([]);
    });
  }

  it("extra fields changed nothing: roles, other people's plans and attendance are as before", () => {
    const roles = db.prepare("select email, role from users where email in (?, ?, ?)").all(people.d11.email, people.d13.email, people.trainer2.email) as Array<{
      email: string;
      role: string;
    }>;
    expect(Object.fromEntries(roles.map((r) => [r.email, r.role]))).toEqual({
      [people.d11.email]: "participant",
      [people.d13.email]: "participant",
      [people.trainer2.email]: "trainer",
    });
    // deelnemer13's POP was saved; deelnemer11 (named in participantId) got no POP version from it.
    const mine = db.prepare("select content from pop_versions v join pops p on p.id = v.pop_id where p.participant_id = ?").all(ids.d13) as Array<{
      content: string;
    }>;
    expect(mine.some((v) => v.content.includes(SCRIPT))).toBe(true);
    const theirs = db.prepare("select content from pop_versions v join pops p on p.id = v.pop_id where p.participant_id = ?").all(ids.d11) as Array<{
      content: string;
    }>;
    expect(theirs.some((v) => v.content.includes("Ik ben Bram.") || v.content.includes(SCRIPT))).toBe(false);
    // No attendance for deelnemer11 in cohort 2027-1's meetings; no placement for deelnemer11 from deelnemer13's form.
    const foreign = db
      .prepare("select count(*) as n from attendance a join course_sessions s on s.id = a.session_id where s.cohort_id = ? and a.participant_id = ?")
      .get(ids.cohort2, ids.d11) as { n: number };
    expect(foreign.n).toBe(0);
    const placements = db.prepare("select organisation from placements where participant_id = ?").all(ids.d11) as Array<{ organisation: string }>;
    expect(placements.some((p) => p.organisation === "Buurtteam Noord" || p.organisation.includes("<"))).toBe(false);
    // Stored hostile text is kept literally (not mangled, not executed).
    const meetings = db.prepare("select title from course_sessions where cohort_id = ?").all(ids.cohort2) as Array<{ title: string }>;
    expect(meetings.some((s) => s.title === SCRIPT)).toBe(true);
  });

  it("pages that show what was stored escape it", async () => {
    const pages: Array<[Client, string]> = [
      [d13, "/deelnemer/pop"],
      [d13, "/deelnemer"],
      [d13, "/deelnemer/praktijk"],
      [d13, "/deelnemer/rooster"],
      [d13, `/groepen/${ids.cohort2}/gop`],
      [d11, "/deelnemer/praktijk"],
      [d11, `/deelnemer/intervisie/${ids.intervisieMeeting}`],
      [trainer2, `/pop/${ids.d13}`],
      [trainer2, `/groepen/${ids.cohort2}/rooster`],
      [trainer2, `/groepen/${ids.cohort2}/bijeenkomsten/${plannedMeeting()}`],
      [trainer2, `/groepen/${ids.cohort2}/bijeenkomsten/${plannedMeeting()}/aanwezigheid`],
      [trainer2, `/groepen/${ids.cohort2}/gop`],
      [trainer2, `/groepen/${ids.cohort2}/praktijk/${ids.d13}`],
      [coordinator, "/coordinator/mensen"],
      [coordinator, "/coordinator/cohorten"],
      [coordinator, `/deelnemers/${ids.d13}`],
    ];
    let escapedSeen = 0;
    for (const [client, path] of pages) {
      const res = await client.get(path);
      checkAnswer(`GET ${path}`, res);
      if (res.html.includes("&lt;script&gt;alert(1)&lt;/script&gt;")) escapedSeen++;
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
    }
    // The stored payloads are on several of these pages, as text.
    expect(escapedSeen).toBeGreaterThanOrEqual(5);
    // The participant still cannot reach the coordinator's pages (role=coordinator changed nothing).
    const denied = await d13.get("/coordinator/mensen");
    expect([302, 403, 404]).toContain(denied.status);
    expect(problems.filter((p) => p.startsWith("GET"))).toEqual([]);
  });

  it("/healthz still answers", async () => {
    const res = await fetch(`${baseUrl()}/healthz`);
    expect(res.status).toBe(200);
    await expect(res.json()).resolves.toEqual({ status: "ok" });
  });
});
