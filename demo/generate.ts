import { createHash } from "node:crypto";
import type { Insertable, Kysely, Transaction } from "kysely";
import type { DB } from "../db/connect";
import { addDays, rng } from "./history";
import type { AttendanceStatusCode, CompetencyJudgement, Database, InterviewOutcome, LeftReason, PopStatus, Role } from "../db/schema";
import { certificateNumber } from "../app/rules/certificate";
import { normaliseGop, type GopContent, type GopSection } from "../app/rules/gop";
import { parseLeerlijnTemplate, type LeerlijnTemplate } from "../app/rules/leerlijn-template";
import { emptyLeerdoel, normalisePop, statusAfterEdit, type PopContent } from "../app/rules/pop";
import { expectedParticipants } from "../app/services/attendance.server";
import { renderCertificatePdf, type CertificateSnapshot } from "../app/services/pdf/certificate-pdf.server";
import { hashPassword } from "../app/services/password.server";
import { cohortProgress } from "../app/services/progress.server";
import * as T from "./generate-texts";

/**
 * A large, realistic installation for benchmarks: `cohorts` cohorts of `size` participants spread
 * over `years` years up to `today`, the newest one or two still running. Every cohort has its
 * trainers, intervisie groups, training choices, a 20-week schedule with attendance for every
 * expected participant at every held meeting, intervisie records and reflections, oefenopdracht
 * answers, a leerplek and practice log, POP versions with submissions and approvals, and a GOP.
 * Finished cohorts have finalised interviews for everyone the engine found ready, and issued
 * certificates for those who passed; the most recently finished cohort keeps a set of passed
 * participants without a certificate, for a benchmark to issue through the real action.
 *
 * Rows are written directly, in batches, but as the services write them (same JSON, same audit
 * lines, certificate numbers and snapshots as issueCertificate makes, the PDF from the real
 * renderer). Readiness for the interview comes from the app's own engine (cohortProgress).
 * Deterministic: the same options give the same rows; nothing reads the clock or Math.random.
 * Expects a migrated database with the curriculum loaded and nobody in it.
 */

export interface GenerateOptions {
  seed: number;
  cohorts: number;
  size: number;
  years: number;
  /** YYYY-MM-DD; everything generated happened before this day. */
  today: string;
  /** for the four bench accounts; default "leerlijn-demo" */
  password?: string;
  /** a hash made earlier with hashPassword (tests use it to compare two runs byte for byte) */
  passwordHash?: string;
  /** passed participants without a certificate in the most recently finished cohort; default 25 */
  pendingCertificates?: number;
  /** lesson blocks per lesdag (1–3); default 2 */
  lessonsPerWeek?: number;
  /** printed on certificates (verify link and QR code); default http://localhost:3000 */
  verifyBase?: string;
  /**
   * "render" (default): each certificate's PDF from the app's renderer, exactly as issued (about
   * 70 ms each, most of a full run's time). "placeholder": a one-page stand-in PDF naming the
   * number, much faster, for benchmarks that never open the PDF (its fingerprint still matches).
   */
  certificatePdf?: "render" | "placeholder";
  /** renders a certificate PDF (overrides certificatePdf), e.g. on worker threads */
  renderPdf?: (snapshot: CertificateSnapshot, issuedAt: Date) => Promise<Buffer>;
  /** after each cohort (phase "cohorts") and each batch of certificates (phase "certificates") */
  onProgress?: (done: number, total: number, phase?: "cohorts" | "certificates") => void;
}

export interface BenchAccount {
  id: number;
  email: string;
}

export interface GeneratedInfo {
  seed: number;
  today: string;
  /** rows per table after generating (every table of the schema) */
  counts: Record<string, number>;
  accounts: { password: string; coordinator: BenchAccount; trainer: BenchAccount; examiner: BenchAccount; participant: BenchAccount };
  cohortIds: number[];
  runningCohortId: number;
  /** a held lesson of the running cohort, for saving attendance through the real action */
  heldLesson: { meetingId: number; date: string; expectedParticipantIds: number[]; attendanceRevision: number } | null;
  /** passed, finalised interview, no certificate yet; examiner@bench.test is an assessor of each interview */
  pendingCertificates: { participantId: number; interviewId: number }[];
  pendingCertificateParticipantIds: number[];
  /** a valid (geldig) certificate's code for /verify/<code>; null when none was issued */
  validVerificationCode: string | null;
}

export const BENCH_PASSWORD = "leerlijn-demo";
export const BENCH_EMAILS = {
  coordinator: "coordinator@bench.test",
  trainer: "trainer@bench.test",
  examiner: "examiner@bench.test",
  participant: "deelnemer@bench.test",
} as const;

/** Every table of the schema, in the order counts are reported. */
export const GENERATED_TABLES = [
  "users",
  "cohorts",
  "cohort_trainers",
  "enrolments",
  "intervisie_groups",
  "intervisie_group_members",
  "training_choices",
  "course_sessions",
  "session_trainers",
  "attendance",
  "intervisie_meetings",
  "intervisie_reflections",
  "assignment_answers",
  "placements",
  "supervisor_links",
  "supervisor_link_entries",
  "practice_entries",
  "pops",
  "pop_versions",
  "pop_events",
  "pop_comments",
  "gops",
  "gop_versions",
  "gop_events",
  "interviews",
  "interview_assessors",
  "interview_criteria",
  "interview_competencies",
  "objections",
  "certificates",
  "audit_log",
  "auth_sessions",
  "login_challenges",
  "totp_recovery_codes",
  "login_attempts",
  "invitations",
  "leerlijnen",
  "leerlijn_versions",
  "trainings",
  "competencies",
  "criteria",
  "settings",
] as const satisfies readonly (keyof Database)[];

const COURSE_WEEKS = 20;
/** The newest cohort is this many weeks under way on `today`. */
const RUNNING_WEEKS = 12;
const LESSON_TIMES: [string, string][] = [
  ["10:00", "11:30"],
  ["12:00", "13:30"],
  ["14:00", "15:30"],
];
const ACADEMY = "Vrijwilligersacademie, Amsterdam";

type Tx = Transaction<Database> | Kysely<Database>;
type Person = { id: number; role: Role; name: string; email: string };
type Random = () => number;

interface AuditItem {
  row: Insertable<Database["audit_log"]>;
  seq: number;
}

interface CertificateJob {
  participantId: number;
  cohortId: number;
  cohortIndex: number;
  interviewId: number;
  /** the date the certificate carries: the day of its interview (as issueCertificate) */
  datedOn: string;
  issuedAt: string;
  issuedBy: Person;
  base: Omit<CertificateSnapshot, "number" | "verificationCode" | "verifyUrl" | "issuedOn" | "replaces">;
  /** first-time pass (not a retake): may be held back as pending */
  firstTime: boolean;
}

interface Ctx {
  db: DB;
  seed: number;
  today: string;
  lastDay: string;
  lessonsPerWeek: number;
  version: {
    id: number;
    template: LeerlijnTemplate;
    trainings: { id: number; code: string; title: string; hours: number; capacity: number | null; position: number }[];
  };
  coordinators: Person[];
  trainers: Person[];
  examiners: Person[];
  audits: AuditItem[];
  certificates: CertificateJob[];
  /** per cohort: participants whose counting interview is finalised and passed */
  passed: Map<number, { participantId: number; interviewId: number; firstTime: boolean; assessorIds: number[] }[]>;
}

/** A 32-bit seed for one part of the run, so each cohort has its own stream. */
function subSeed(seed: number, ...parts: number[]): number {
  let h = (2166136261 ^ (seed >>> 0)) >>> 0;
  for (const p of [...parts, 0x9e3779b9]) {
    h = Math.imul(h ^ (p >>> 0), 16777619) >>> 0;
    h ^= h >>> 13;
    h = Math.imul(h, 0x5bd1e995) >>> 0;
    h ^= h >>> 15;
  }
  return h >>> 0;
}

const at = (date: string, time: string, seconds = 0) => {
  const base = new Date(`${date}T${time}:00.000Z`).getTime();
  return new Date(base + seconds * 1000).toISOString();
};
const dayDiff = (from: string, to: string) => Math.round((new Date(`${to}T12:00:00Z`).getTime() - new Date(`${from}T12:00:00Z`).getTime()) / 86_400_000);
const weekday = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();
const mondayOf = (date: string) => addDays(date, -((weekday(date) + 6) % 7));
const slug = (name: string) =>
  name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z]+/g, ".")
    .replace(/^\.|\.$/g, "");

/** Inserts rows in batches (a few hundred rows, a few thousand parameters per statement). */
async function insertAll<K extends keyof Database & string>(db: Tx, table: K, rows: Insertable<Database[K]>[]): Promise<void> {
  if (rows.length === 0) return;
  const per = Math.max(1, Math.floor(6000 / Object.keys(rows[0]).length));
  for (let i = 0; i < rows.length; i += per)
    await db
      .insertInto(table)
      .values(rows.slice(i, i + per) as never)
      .execute();
}

function audit(
  ctx: Ctx,
  at: string,
  actor: Pick<Person, "id" | "role"> | null,
  action: string,
  target: { type: string; id: number } | null,
  details?: Record<string, unknown>,
) {
  ctx.audits.push({
    seq: ctx.audits.length,
    row: {
      at,
      actor_id: actor?.id ?? null,
      actor_role: actor?.role ?? null,
      action,
      target_type: target?.type ?? null,
      target_id: target ? String(target.id) : null,
      outcome: "success",
      ip: null,
      details: details ? JSON.stringify(details) : null,
    },
  });
}

/** 18 bytes from the run's own stream, as newVerificationCode writes them (base64url, 24 characters). */
function verificationCode(random: Random): string {
  const bytes = Buffer.alloc(18);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(random() * 256);
  return bytes.toString("base64url");
}

/** The renderer in this thread: one PDF after the other, so only one document is in memory. */
function oneAtATime(render: (s: CertificateSnapshot, issuedAt: Date) => Promise<Buffer>): (s: CertificateSnapshot, issuedAt: Date) => Promise<Buffer> {
  let queue: Promise<unknown> = Promise.resolve();
  return (s, issuedAt) => {
    const next = queue.then(() => render(s, issuedAt));
    queue = next.catch(() => undefined);
    return next;
  };
}

/** A minimal, valid one-page PDF that says it stands in for certificate `number` (ASCII only). */
export function placeholderPdf(s: Pick<CertificateSnapshot, "number" | "verificationCode">): Buffer {
  const lines = [
    "Leerlijn - gegenereerde testgegevens",
    `Certificaat ${s.number}`,
    `Controlecode ${s.verificationCode}`,
    "Dit is niet het echte certificaat-pdf.",
  ];
  const text = lines
    .map((l, i) => `BT /F1 ${i === 1 ? 28 : 14} Tf 72 ${480 - i * 40} Td (${l.replace(/[^ -~]/g, "?").replace(/[()\\]/g, "")}) Tj ET`)
    .join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

function sha256(data: Buffer | string): string {
  return createHash("sha256").update(data).digest("hex");
}

async function assertEmpty(db: DB): Promise<{ id: number; definition: string }> {
  const anyone = await db.selectFrom("users").select("id").limit(1).executeTakeFirst();
  if (anyone) throw new Error("De database heeft al gebruikers. Genereer alleen in een lege database.");
  const version = await db
    .selectFrom("leerlijn_versions as v")
    .innerJoin("leerlijnen as l", "l.id", "v.leerlijn_id")
    .select(["v.id", "v.definition"])
    .where("l.slug", "=", "leerlijn-buurtteams")
    .orderBy("v.version", "desc")
    .executeTakeFirst();
  if (!version) throw new Error("De leerlijn-template is niet geladen. Migreer en laad eerst de leerlijn.");
  return version;
}

export async function generateInstallation(db: DB, opts: GenerateOptions): Promise<GeneratedInfo> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.today) || addDays(opts.today, 0) !== opts.today) throw new Error(`Ongeldige datum voor vandaag: ${opts.today}`);
  for (const [key, value] of [
    ["cohorts", opts.cohorts],
    ["size", opts.size],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`${key} moet een heel getal van 1 of meer zijn.`);
  }
  if (!(opts.years > 0)) throw new Error("years moet groter dan 0 zijn.");
  const lessonsPerWeek = opts.lessonsPerWeek ?? 2;
  if (![1, 2, 3].includes(lessonsPerWeek)) throw new Error("lessonsPerWeek moet 1, 2 of 3 zijn.");
  const versionRow = await assertEmpty(db);
  const template = parseLeerlijnTemplate(JSON.parse(versionRow.definition));
  const trainings = await db
    .selectFrom("trainings")
    .select(["id", "code", "title", "hours", "capacity", "position"])
    .where("leerlijn_version_id", "=", versionRow.id)
    .orderBy("position")
    .execute();
  const password = opts.password ?? BENCH_PASSWORD;
  const hash = opts.passwordHash ?? (await hashPassword(password));
  const ctx: Ctx = {
    db,
    seed: opts.seed,
    today: opts.today,
    lastDay: addDays(opts.today, -1),
    lessonsPerWeek,
    version: { id: versionRow.id, template, trainings },
    coordinators: [],
    trainers: [],
    examiners: [],
    audits: [],
    certificates: [],
    passed: new Map(),
  };

  // Cohort start dates: Mondays, the newest RUNNING_WEEKS weeks before today, the oldest `years` back.
  const n = opts.cohorts;
  const newestStart = addDays(mondayOf(opts.today), -7 * RUNNING_WEEKS);
  const spanWeeks = Math.max(0, Math.round(opts.years * 52) - RUNNING_WEEKS);
  const starts = Array.from({ length: n }, (_, c) => addDays(newestStart, -7 * Math.round(((n - 1 - c) * spanWeeks) / Math.max(1, n - 1))));

  await createStaff(ctx, { hash, firstStart: starts[0], cohorts: n });
  // The newest cohort whose interviews can be held before today: its passers wait for a certificate.
  const endOf = (start: string) => addDays(start, COURSE_WEEKS * 7 - 3);
  const pendingCohort = starts.map((s, c) => (dayDiff(endOf(s), opts.today) >= 2 ? c : -1)).reduce((a, b) => Math.max(a, b), -1);

  const cohortIds: number[] = [];
  const names = new Map<number, number>();
  let benchParticipant: Person | undefined;
  for (let c = 0; c < n; c++) {
    const year = Number(starts[c].slice(0, 4));
    names.set(year, (names.get(year) ?? 0) + 1);
    const result = await db.transaction().execute((trx) =>
      generateCohort(ctx, trx, {
        index: c,
        total: n,
        start: starts[c],
        name: `Leerlijn Buurtteams ${year}-${names.get(year)}`,
        size: opts.size,
        hash,
        bench: c === n - 1,
        benchExaminer: c === pendingCohort,
      }),
    );
    cohortIds.push(result.cohortId);
    if (result.benchParticipant) benchParticipant = result.benchParticipant;
    opts.onProgress?.(c + 1, n, "cohorts");
  }

  const pending = choosePending(ctx, cohortIds, opts.pendingCertificates ?? 25, ctx.examiners[0].id);
  const validCode = await issueCertificates(ctx, {
    verifyBase: (opts.verifyBase ?? "http://localhost:3000").replace(/\/$/, ""),
    renderPdf:
      opts.renderPdf ??
      (opts.certificatePdf === "placeholder" ? async (s) => placeholderPdf(s) : oneAtATime((s, issuedAt) => renderCertificatePdf(s, "nl", issuedAt))),
    onProgress: opts.onProgress,
  });

  // The audit trail in time order, as the actions would have written it.
  const audits = [...ctx.audits].sort((a, b) => a.row.at.localeCompare(b.row.at) || a.seq - b.seq).map((a) => a.row);
  await db.transaction().execute((trx) => insertAll(trx, "audit_log", audits));

  const runningCohortId = cohortIds[n - 1];
  const lesson = await db
    .selectFrom("course_sessions")
    .selectAll()
    .where("cohort_id", "=", runningCohortId)
    .where("type", "=", "les")
    .where("status", "=", "planned")
    .where("date", "<=", ctx.lastDay)
    .orderBy("date", "desc")
    .orderBy("start_time", "desc")
    .executeTakeFirst();
  const heldLesson = lesson
    ? {
        meetingId: lesson.id,
        date: lesson.date,
        expectedParticipantIds: (await expectedParticipants(db, lesson)).map((p) => p.id).sort((a, b) => a - b),
        attendanceRevision: lesson.attendance_revision,
      }
    : null;

  const counts: Record<string, number> = {};
  for (const table of GENERATED_TABLES) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  const account = (p: Person | undefined): BenchAccount => {
    if (!p) throw new Error("Bench account missing");
    return { id: p.id, email: p.email };
  };
  return {
    seed: opts.seed,
    today: opts.today,
    counts,
    accounts: {
      password,
      coordinator: account(ctx.coordinators[0]),
      trainer: account(ctx.trainers[0]),
      examiner: account(ctx.examiners[0]),
      participant: account(benchParticipant),
    },
    cohortIds,
    runningCohortId,
    heldLesson,
    pendingCertificates: pending,
    pendingCertificateParticipantIds: pending.map((p) => p.participantId),
    validVerificationCode: validCode,
  };
}

async function createStaff(ctx: Ctx, opts: { hash: string; firstStart: string; cohorts: number }): Promise<void> {
  const random = rng(subSeed(ctx.seed, 0x5747));
  const name = () => `${T.FIRST_NAMES[Math.floor(random() * T.FIRST_NAMES.length)]} ${T.LAST_NAMES[Math.floor(random() * T.LAST_NAMES.length)]}`;
  const trainers = Math.min(8, Math.max(2, Math.ceil(opts.cohorts / 7)));
  const examiners = Math.min(6, Math.max(2, Math.ceil(opts.cohorts / 10)));
  const stamp = at(addDays(opts.firstStart, -60), "09:00");
  const people: { email: string; role: Role; bench: boolean }[] = [
    { email: BENCH_EMAILS.coordinator, role: "coordinator", bench: true },
    { email: "coordinator2@bench.test", role: "coordinator", bench: false },
    ...Array.from({ length: trainers }, (_, i) => ({
      email: i === 0 ? BENCH_EMAILS.trainer : `trainer${i + 1}@bench.test`,
      role: "trainer" as const,
      bench: i === 0,
    })),
    ...Array.from({ length: examiners }, (_, i) => ({
      email: i === 0 ? BENCH_EMAILS.examiner : `examiner${i + 1}@bench.test`,
      role: "examiner" as const,
      bench: i === 0,
    })),
  ];
  const rows = people.map((p) => ({
    email: p.email,
    name: name(),
    role: p.role,
    status: "active" as const,
    password_hash: p.bench ? opts.hash : null,
    created_at: stamp,
    updated_at: stamp,
  }));
  const inserted = await ctx.db.insertInto("users").values(rows).returning(["id", "email", "name", "role"]).execute();
  const byEmail = new Map(inserted.map((u) => [u.email, u]));
  for (const p of people) {
    const u = byEmail.get(p.email)!;
    const person: Person = { id: u.id, email: u.email, name: u.name, role: u.role };
    if (p.role === "coordinator") ctx.coordinators.push(person);
    else if (p.role === "trainer") ctx.trainers.push(person);
    else ctx.examiners.push(person);
  }
}

interface Participant extends Person {
  index: number;
  leftOn: string | null;
  leftReason: LeftReason | null;
  weak: boolean;
  short: boolean;
  /** weeks this participant's POP runs behind */
  popDelay: number;
  groupIndex: number;
  places: Set<number>;
}

interface PlannedMeeting {
  key: string;
  type: "les" | "training" | "intervisie";
  title: string;
  date: string;
  start: string;
  end: string;
  trainingId: number | null;
  groupIndex: number | null;
  programme: [number, string][];
  assignment: string | null;
  cancelReason: string | null;
}

async function generateCohort(
  ctx: Ctx,
  trx: Transaction<Database>,
  spec: { index: number; total: number; start: string; name: string; size: number; hash: string; bench: boolean; benchExaminer: boolean },
): Promise<{ cohortId: number; benchParticipant?: Person }> {
  const random = rng(subSeed(ctx.seed, spec.index + 1));
  const pick = <X>(list: readonly X[]): X => list[Math.floor(random() * list.length)];
  const { start, size } = spec;
  const end = addDays(start, COURSE_WEEKS * 7 - 3);
  const { lastDay } = ctx;
  const finished = end <= lastDay;
  const template = ctx.version.template;
  const created = at(addDays(start, -42), "09:00");
  const coordinator = ctx.coordinators[spec.index % ctx.coordinators.length];

  // Trainers: the newest cohort is trainer@bench.test's; every third cohort has a co-trainer.
  const fromNewest = spec.total - 1 - spec.index;
  const trainer = ctx.trainers[fromNewest % ctx.trainers.length];
  const coTrainer = fromNewest % 3 === 1 ? ctx.trainers[(fromNewest + 1) % ctx.trainers.length] : null;
  const cohort = await trx
    .insertInto("cohorts")
    .values({ name: spec.name, leerlijn_version_id: ctx.version.id, start_date: start, end_date: end, created_at: created, updated_at: created })
    .returning("id")
    .executeTakeFirstOrThrow();
  const cohortId = cohort.id;
  const trainerIds = coTrainer ? [trainer.id, coTrainer.id] : [trainer.id];
  await insertAll(
    trx,
    "cohort_trainers",
    trainerIds.map((user_id) => ({ cohort_id: cohortId, user_id })),
  );
  audit(ctx, created, coordinator, "cohort.create", { type: "cohort", id: cohortId }, { trainerIds });

  // Participants: a few leave, a few attend too little or log too few practice hours.
  const userStamp = at(addDays(start, -21), "10:00");
  const drafts = Array.from({ length: size }, (_, p) => {
    const bench = spec.bench && p === 0;
    const name = `${pick(T.FIRST_NAMES)} ${pick(T.LAST_NAMES)}`;
    const leaves = random() < 0.06 && !bench;
    const leftOn = addDays(start, 7 * (3 + Math.floor(random() * 11)) + 2);
    const reason = pick(["werk", "gezondheid", "persoonlijk", "niet_passend", "anders"] as const);
    const weak = random() < 0.07 && !bench;
    const short = random() < 0.07 && !bench;
    // Weeks the POP runs behind: most hand in early, a few only halfway the course.
    const popDelay = bench ? 0 : pick([0, 0, 0, 1, 1, 2, 3, 5, 8, 9, 10]);
    return {
      index: p,
      name,
      email: bench ? BENCH_EMAILS.participant : `deelnemer-${spec.index + 1}-${p + 1}@bench.test`,
      leftOn: leaves && leftOn <= lastDay ? leftOn : null,
      leftReason: leaves && leftOn <= lastDay ? reason : null,
      weak,
      short,
      popDelay,
    };
  });
  const insertedUsers = await trx
    .insertInto("users")
    .values(
      drafts.map((d) => ({
        email: d.email,
        name: d.name,
        role: "participant" as const,
        status: "active" as const,
        password_hash: d.email === BENCH_EMAILS.participant ? spec.hash : null,
        created_at: userStamp,
        updated_at: userStamp,
      })),
    )
    .returning(["id", "email"])
    .execute();
  const idOf = new Map(insertedUsers.map((u) => [u.email, u.id]));
  const people: Participant[] = drafts.map((d) => ({ ...d, id: idOf.get(d.email)!, role: "participant", groupIndex: 0, places: new Set<number>() }));
  const active = (p: Participant, date: string) => !p.leftOn || date <= p.leftOn;
  await insertAll(
    trx,
    "enrolments",
    people.map((p) => ({
      cohort_id: cohortId,
      participant_id: p.id,
      enrolled_at: at(start, "08:00"),
      left_on: p.leftOn,
      left_reason: p.leftReason,
      left_note: p.leftReason ? T.LEAVE_NOTES[p.leftReason] : null,
    })),
  );
  for (const p of people) {
    if (p.leftOn && p.leftReason)
      audit(
        ctx,
        at(addDays(p.leftOn, 1), "09:30"),
        trainer,
        "enrolment.outflow",
        { type: "participant", id: p.id },
        { cohortId, leftOn: p.leftOn, reason: p.leftReason },
      );
  }

  // Intervisie groups of 4 to 8, members drawn at random.
  const groupCount = Math.max(1, Math.ceil(size / 8));
  const shuffled = [...people];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
  }
  shuffled.forEach((p, i) => (p.groupIndex = i % groupCount));
  const groupStamp = at(addDays(start, 4), "12:00");
  const groups = await trx
    .insertInto("intervisie_groups")
    .values(
      Array.from({ length: groupCount }, (_, g) => ({
        cohort_id: cohortId,
        name: `Groep ${String.fromCharCode(65 + (g % 26))}${g >= 26 ? g : ""}`,
        created_at: groupStamp,
      })),
    )
    .returning(["id", "name"])
    .execute();
  const groupIds = Array.from(
    { length: groupCount },
    (_, g) => groups.find((row) => row.name === `Groep ${String.fromCharCode(65 + (g % 26))}${g >= 26 ? g : ""}`)!.id,
  );
  await insertAll(
    trx,
    "intervisie_group_members",
    shuffled.map((p) => ({ group_id: groupIds[p.groupIndex], participant_id: p.id })),
  );
  groupIds.forEach((id, g) =>
    audit(
      ctx,
      groupStamp,
      trainer,
      "intervisie.group.create",
      { type: "intervisie_group", id },
      { memberIds: people.filter((p) => p.groupIndex === g).map((p) => p.id) },
    ),
  );

  // Trainings: each participant chooses two; a full training puts the next one on the waiting list.
  const trainings = ctx.version.trainings;
  const trainingWeeks = trainings.map((_, k) => [4 + 5 * k, 5 + 5 * k].map((w) => Math.min(w, COURSE_WEEKS - 1)));
  const taken = new Map<number, number>();
  const choices: Insertable<Database["training_choices"]>[] = [];
  // As many as the elective-hours limit allows (two of six hours within twelve), at most two.
  const maxChoices = Math.max(1, Math.min(2, Math.floor(template.rules.electiveHoursMax / Math.max(1, ...trainings.map((t) => t.hours)))));
  for (const p of [...people].sort((a, b) => ((a.index * 7919 + spec.index) % size) - ((b.index * 7919 + spec.index) % size))) {
    const order = [...trainings];
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const stamp = at(addDays(start, 3 + (p.index % 4)), "19:00");
    for (const t of order.slice(0, maxChoices)) {
      const k = trainings.indexOf(t);
      const full = t.capacity !== null && (taken.get(t.id) ?? 0) >= t.capacity;
      const firstMeeting = addDays(start, trainingWeeks[k][0] * 7 + 2);
      const status = full ? ("wachtlijst" as const) : firstMeeting > lastDay && random() < 0.5 ? ("gekozen" as const) : ("bevestigd" as const);
      if (!full) {
        taken.set(t.id, (taken.get(t.id) ?? 0) + 1);
        p.places.add(t.id);
      }
      choices.push({
        cohort_id: cohortId,
        participant_id: p.id,
        training_id: t.id,
        status,
        leerdoel: null,
        assigned_by: null,
        created_at: stamp,
        updated_at: status === "bevestigd" ? at(addDays(start, 8), "10:00") : stamp,
      });
    }
  }
  await insertAll(trx, "training_choices", choices);

  // Leerplek and werkbegeleider.
  const supervisors = people.map(() => {
    const name = `${pick(T.FIRST_NAMES)} ${pick(T.LAST_NAMES)}`;
    return {
      name,
      email: `${slug(name)}@buurtteam.test`,
      team: pick(T.TEAMS),
      phone: random() < 0.5 ? `020 555 ${String(1000 + Math.floor(random() * 9000))}` : null,
    };
  });
  await insertAll(
    trx,
    "placements",
    people.map((p, i) => ({
      participant_id: p.id,
      organisation: supervisors[i].team[0],
      team: supervisors[i].team[1],
      supervisor_name: supervisors[i].name,
      supervisor_email: supervisors[i].email,
      supervisor_phone: supervisors[i].phone,
      updated_by: p.id,
      updated_at: at(addDays(start, 2), "09:00"),
    })),
  );

  // The schedule: a lesdag of `lessonsPerWeek` blocks every Tuesday, intervisie every Thursday
  // from week 3 for each group, and each training on two Wednesdays.
  const planned: PlannedMeeting[] = [];
  const cancelledWeek = random() < 0.3 ? 2 + Math.floor(random() * 15) : -1;
  for (let w = 0; w < COURSE_WEEKS; w++) {
    const theme = T.LESSON_THEMES[w % T.LESSON_THEMES.length];
    for (let b = 0; b < ctx.lessonsPerWeek; b++) {
      const [from, to] = ctx.lessonsPerWeek === 1 ? ["13:30", "16:30"] : LESSON_TIMES[b];
      // One long lesson (three hours): the first two blocks with a break, the last item shortened to fit.
      const programme: [number, string][] = ctx.lessonsPerWeek === 1 ? [...theme.blocks[0], [15, "pauze"], ...theme.blocks[1]] : theme.blocks[b];
      if (ctx.lessonsPerWeek === 1) programme[programme.length - 1] = [programme[programme.length - 1][0] - 15, programme[programme.length - 1][1]];
      const date = addDays(start, w * 7 + 1);
      planned.push({
        key: `les|${date}|${from}`,
        type: "les",
        title: ctx.lessonsPerWeek === 1 ? theme.title : `${theme.title} (deel ${b + 1})`,
        date,
        start: from,
        end: to,
        trainingId: null,
        groupIndex: null,
        programme,
        assignment: b === ctx.lessonsPerWeek - 1 ? (theme.assignment ?? null) : null,
        cancelReason: w === cancelledWeek ? "Trainer ziek; de les wordt niet ingehaald." : null,
      });
    }
    if (w >= 2) {
      for (let g = 0; g < groupCount; g++) {
        const date = addDays(start, w * 7 + 3);
        planned.push({
          key: `intervisie|${date}|${groupIds[g]}`,
          type: "intervisie",
          title: "Intervisie",
          date,
          start: "10:00",
          end: "11:30",
          trainingId: null,
          groupIndex: g,
          programme: [],
          assignment: null,
          cancelReason: null,
        });
      }
    }
  }
  trainings.forEach((t, k) => {
    trainingWeeks[k].forEach((w, s) => {
      const date = addDays(start, w * 7 + 2);
      planned.push({
        key: `training|${date}|${t.id}`,
        type: "training",
        title: t.title,
        date,
        start: "10:00",
        end: "13:00",
        trainingId: t.id,
        groupIndex: null,
        programme: T.TRAINING_PROGRAMMES[s % 2],
        assignment: null,
        cancelReason: null,
      });
    });
  });
  planned.sort((a, b) => (a.date + a.start).localeCompare(b.date + b.start) || a.key.localeCompare(b.key));

  // Who is expected at a held meeting and what was recorded, before writing anything.
  const held = (s: PlannedMeeting) => !s.cancelReason && s.date <= lastDay;
  const expectedAt = (s: PlannedMeeting) =>
    people.filter(
      (p) =>
        active(p, s.date) &&
        (s.type === "les" || (s.type === "intervisie" ? p.groupIndex === s.groupIndex : s.trainingId !== null && p.places.has(s.trainingId))),
    );
  const revisions = new Map<string, number>();
  type Recorded = {
    meeting: PlannedMeeting;
    person: Participant;
    status: AttendanceStatusCode;
    minutes: number;
    active: number;
    note: string | null;
    makeup: "granted" | "done" | null;
    recordedAt: string;
  };
  const records: Recorded[] = [];
  for (const s of planned.filter(held)) {
    const expected = expectedAt(s);
    if (expected.length === 0) continue;
    const recordedAt = at(s.date, s.type === "les" ? "15:45" : s.type === "training" ? "12:15" : "10:45");
    for (const person of expected) {
      const r = random();
      const [present, late, notice] = person.weak ? [0.6, 0.68, 0.86] : [0.88, 0.93, 0.98];
      const status: AttendanceStatusCode = r < present ? "aanwezig" : r < late ? "te_laat" : r < notice ? "afgemeld" : "afwezig";
      const isPresent = status === "aanwezig" || status === "te_laat";
      const m = random();
      const makeup = isPresent
        ? null
        : m < (status === "afgemeld" ? 0.45 : 0.15)
          ? m < (status === "afgemeld" ? 0.32 : 0.1) && addDays(s.date, 8) <= lastDay
            ? "done"
            : "granted"
          : null;
      records.push({
        meeting: s,
        person,
        status,
        minutes: status === "te_laat" ? 15 * (1 + Math.floor(random() * 3)) : 0,
        active: isPresent && random() < 0.97 ? 1 : 0,
        note: status === "afgemeld" ? pick(T.ABSENCE_NOTES) : null,
        makeup,
        recordedAt,
      });
    }
    revisions.set(s.key, random() < 0.05 ? 2 : 1);
  }

  const meetingStamp = at(addDays(start, -14), "10:00");
  const meetingRows = await insertReturning(
    trx,
    planned.map((s) => ({
      cohort_id: cohortId,
      type: s.type,
      title: s.title,
      date: s.date,
      start_time: s.start,
      end_time: s.end,
      location: s.type === "intervisie" ? T.INTERVISIE_LOCATIONS[(s.groupIndex ?? 0) % T.INTERVISIE_LOCATIONS.length] : ACADEMY,
      online_url: null,
      training_id: s.trainingId,
      intervisie_group_id: s.groupIndex === null ? null : groupIds[s.groupIndex],
      programme: JSON.stringify(s.programme.map(([minutes, title]) => ({ minutes, title }))),
      assignment: s.assignment,
      assignment_due: null,
      status: s.cancelReason ? ("cancelled" as const) : ("planned" as const),
      cancel_reason: s.cancelReason,
      attendance_revision: revisions.get(s.key) ?? 0,
      created_at: meetingStamp,
      updated_at: s.cancelReason ? at(addDays(s.date, -2), "08:00") : meetingStamp,
    })),
  );
  const meetingId = new Map<string, number>();
  for (const row of meetingRows) {
    const extra = row.type === "intervisie" ? row.intervisie_group_id : row.type === "training" ? row.training_id : row.start_time;
    meetingId.set(`${row.type}|${row.date}|${extra}`, row.id);
  }
  const idOfMeeting = (s: PlannedMeeting) => meetingId.get(s.key)!;
  await insertAll(
    trx,
    "session_trainers",
    planned.flatMap((s) => [trainer, ...(coTrainer && s.type === "training" ? [coTrainer] : [])].map((u) => ({ session_id: idOfMeeting(s), user_id: u.id }))),
  );
  for (const s of planned.filter((x) => x.cancelReason && addDays(x.date, -2) <= lastDay)) {
    audit(ctx, at(addDays(s.date, -2), "08:00"), trainer, "session.cancel", { type: "session", id: idOfMeeting(s) });
  }

  // Attendance, one save per held meeting (a few corrected once the day after).
  await insertAll(
    trx,
    "attendance",
    records.map((r) => ({
      session_id: idOfMeeting(r.meeting),
      participant_id: r.person.id,
      status: r.status,
      minutes_missed: r.minutes,
      active: r.active,
      note: r.note,
      recorded_by: trainer.id,
      recorded_at: r.recordedAt,
      makeup_status: r.makeup,
      makeup_description: r.makeup ? T.MAKEUP_DESCRIPTION : null,
      makeup_granted_by: r.makeup ? trainer.id : null,
      makeup_granted_at: r.makeup ? at(addDays(r.meeting.date, 1), "09:00") : null,
      makeup_done_by: r.makeup === "done" ? trainer.id : null,
      makeup_done_at: r.makeup === "done" ? at(addDays(r.meeting.date, 8), "10:00") : null,
    })),
  );
  const byMeeting = new Map<string, Recorded[]>();
  for (const r of records) byMeeting.set(r.meeting.key, [...(byMeeting.get(r.meeting.key) ?? []), r]);
  for (const [key, rs] of byMeeting) {
    const id = meetingId.get(key)!;
    audit(ctx, rs[0].recordedAt, trainer, "attendance.save", { type: "session", id }, { changed: rs.length });
    if (revisions.get(key) === 2) audit(ctx, at(addDays(rs[0].meeting.date, 1), "08:30"), trainer, "attendance.save", { type: "session", id }, { changed: 1 });
    for (const r of rs.filter((x) => x.makeup)) {
      audit(ctx, at(addDays(r.meeting.date, 1), "09:00"), trainer, "makeup.grant", { type: "session", id }, { participantId: r.person.id });
      if (r.makeup === "done")
        audit(ctx, at(addDays(r.meeting.date, 8), "10:00"), trainer, "makeup.done", { type: "session", id }, { participantId: r.person.id });
    }
  }

  // Intervisie records (method, inbrenger, theme, learning points) and private reflections.
  const methods = template.intervisie.methods.filter((m) => m.code !== "anders").map((m) => m.code);
  const meetings: Insertable<Database["intervisie_meetings"]>[] = [];
  const reflections: Insertable<Database["intervisie_reflections"]>[] = [];
  let meetingCount = 0;
  for (const s of planned.filter((x) => x.type === "intervisie" && held(x))) {
    const present = (byMeeting.get(s.key) ?? []).filter((r) => r.status === "aanwezig" || r.status === "te_laat");
    if (present.length === 0) continue;
    meetingCount += 1;
    const other = random() < 0.08;
    meetings.push({
      session_id: idOfMeeting(s),
      method: other ? "anders" : methods[meetingCount % methods.length],
      method_other: other ? "Socratisch gesprek" : null,
      inbrenger_id: present[meetingCount % present.length].person.id,
      theme: template.intervisie.themes[meetingCount % template.intervisie.themes.length],
      learning_points: T.LEARNING_POINTS[meetingCount % T.LEARNING_POINTS.length],
      recorded_by: trainer.id,
      updated_at: at(s.date, "11:00"),
    });
    audit(ctx, at(s.date, "11:00"), trainer, "intervisie.meeting.save", { type: "session", id: idOfMeeting(s) });
    for (const r of present) {
      if (r.person.email === BENCH_EMAILS.participant || random() < 0.35) {
        const stamp = at(s.date, "19:00");
        reflections.push({ session_id: idOfMeeting(s), participant_id: r.person.id, text: pick(T.REFLECTIONS), created_at: stamp, updated_at: stamp });
      }
    }
  }
  await insertAll(trx, "intervisie_meetings", meetings);
  await insertAll(trx, "intervisie_reflections", reflections);

  // Oefenopdrachten: most hand in within a few days; the trainer reads and gives feedback.
  const answers: Insertable<Database["assignment_answers"]>[] = [];
  for (const s of planned.filter((x) => x.assignment && held(x))) {
    for (const person of expectedAt(s)) {
      const bench = person.email === BENCH_EMAILS.participant;
      if (!bench && random() > (person.weak ? 0.6 : 0.88)) continue;
      const submitted = addDays(s.date, 1 + Math.floor(random() * 4));
      if (submitted > lastDay) continue;
      const reviewed = addDays(submitted, 2);
      const feedback = reviewed <= lastDay && (bench || random() < 0.75);
      const done = feedback && (bench || random() < 0.9);
      answers.push({
        session_id: idOfMeeting(s),
        participant_id: person.id,
        text: pick(T.ASSIGNMENT_ANSWERS),
        submitted_at: at(submitted, "18:00"),
        updated_at: at(submitted, "18:00"),
        feedback: feedback ? pick(T.FEEDBACK) : null,
        feedback_by: feedback ? trainer.id : null,
        feedback_at: feedback ? at(reviewed, "09:30") : null,
        done_at: done ? at(reviewed, "09:30") : null,
        done_by: done ? trainer.id : null,
      });
    }
  }
  await insertAll(trx, "assignment_answers", answers);

  await generatePractice(ctx, trx, { random, pick, people, supervisors, trainer, start, end, active });
  await generatePops(ctx, trx, { random, pick, people, trainer, start, finished });
  await generateGop(ctx, trx, { people, trainer, start, cohortId, finished, lastDay });

  if (finished) await generateInterviews(ctx, trx, { random, pick, cohortId, cohortIndex: spec.index, start, end, people, benchExaminer: spec.benchExaminer });
  else if (dayDiff(ctx.today, end) <= 21) await planInterviews(ctx, trx, { pick, cohortId, cohortIndex: spec.index, end, people });

  const bench = people.find((p) => p.email === BENCH_EMAILS.participant);
  return { cohortId, benchParticipant: bench ? { id: bench.id, role: bench.role, name: bench.name, email: bench.email } : undefined };
}

async function insertReturning(trx: Transaction<Database>, rows: Insertable<Database["course_sessions"]>[]) {
  const out: { id: number; type: string; date: string; start_time: string; intervisie_group_id: number | null; training_id: number | null }[] = [];
  const per = Math.max(1, Math.floor(6000 / Object.keys(rows[0] ?? { a: 1 }).length));
  for (let i = 0; i < rows.length; i += per) {
    out.push(
      ...(await trx
        .insertInto("course_sessions")
        .values(rows.slice(i, i + per))
        .returning(["id", "type", "date", "start_time", "intervisie_group_id", "training_id"])
        .execute()),
    );
  }
  return out;
}

async function generatePractice(
  ctx: Ctx,
  trx: Transaction<Database>,
  o: {
    random: Random;
    pick: <X>(list: readonly X[]) => X;
    people: Participant[];
    supervisors: { name: string; email: string }[];
    trainer: Person;
    start: string;
    end: string;
    active: (p: Participant, date: string) => boolean;
  },
): Promise<void> {
  const { random, pick, people, trainer, start, end } = o;
  const { lastDay } = ctx;
  const linkDays = ctx.version.template.rules.practiceLinkDays;
  type Entry = {
    person: Participant;
    date: string;
    minutes: number;
    work: (typeof T.WORK)[number];
    status: "open" | "bevestigd" | "afgewezen";
    how: "trainer" | "werkbegeleider" | null;
    decidedOn: string | null;
    block: number;
  };
  const entries: Entry[] = [];
  const links: { person: Participant; block: number; created: string; decided: string }[] = [];
  for (const person of people) {
    const targetMinutes = 60 * (person.short ? 30 + Math.floor(random() * 25) : 62 + Math.floor(random() * 6));
    const days: string[] = [];
    for (let d = 2; addDays(start, d) <= addDays(end, -7); d++) {
      const day = addDays(start, d);
      if (weekday(day) !== 0 && weekday(day) !== 6) days.push(day);
    }
    // Spread over the course so the target is reached near its end (a few extra for rejections).
    const planned = Math.min(days.length, Math.ceil(targetMinutes / 105));
    let confirmed = 0;
    for (let i = 0; i < days.length && confirmed < targetMinutes; i++) {
      const date = days[Math.floor((i * days.length) / planned)];
      if (date === undefined) break;
      const work = pick(T.WORK);
      const minutes = pick(work.minutes);
      const block = Math.floor(dayDiff(start, date) / 28);
      const linkCreated = addDays(start, 28 * (block + 1));
      const byTrainer = random() < 0.4 && addDays(date, 3) < linkCreated;
      const decidedOn = byTrainer ? addDays(date, 3) : addDays(linkCreated, 2);
      const rejected = random() < 0.03;
      if (!o.active(person, date) || date > lastDay) continue;
      const decided = decidedOn <= lastDay && o.active(person, decidedOn);
      const status = !decided ? "open" : rejected ? "afgewezen" : "bevestigd";
      entries.push({
        person,
        date,
        minutes,
        work,
        status,
        how: decided ? (byTrainer ? "trainer" : "werkbegeleider") : null,
        decidedOn: decided ? decidedOn : null,
        block,
      });
      if (status === "bevestigd") confirmed += minutes;
    }
    for (const block of new Set(entries.filter((e) => e.person === person && e.how === "werkbegeleider").map((e) => e.block))) {
      const created = addDays(start, 28 * (block + 1));
      links.push({ person, block, created, decided: addDays(created, 2) });
    }
  }

  const insertedLinks = links.length
    ? await trx
        .insertInto("supervisor_links")
        .values(
          links.map((l) => ({
            participant_id: l.person.id,
            token_hash: sha256(`generated:${ctx.seed}:${l.person.id}:${l.block}`),
            supervisor_name: o.supervisors[people.indexOf(l.person)].name,
            supervisor_email: o.supervisors[people.indexOf(l.person)].email,
            created_by: l.person.id,
            created_at: at(l.created, "10:00"),
            expires_at: at(addDays(l.created, linkDays), "10:00"),
            revoked_at: null,
            used_at: at(l.decided, "15:00"),
          })),
        )
        .returning(["id", "token_hash"])
        .execute()
    : [];
  const linkId = new Map(insertedLinks.map((l) => [l.token_hash, l.id]));
  const linkOf = (person: Participant, block: number) => linkId.get(sha256(`generated:${ctx.seed}:${person.id}:${block}`))!;

  const rows = entries.map((e) => {
    const supervisor = o.supervisors[people.indexOf(e.person)];
    const decidedAt = e.decidedOn ? at(e.decidedOn, e.how === "trainer" ? "16:00" : "15:00") : null;
    return {
      participant_id: e.person.id,
      date: e.date,
      minutes: e.minutes,
      activity: e.work.activity,
      description: e.work.description,
      reflection: e.work.reflection,
      status: e.status,
      decided_how: e.how,
      decided_by: e.how === "trainer" ? trainer.id : null,
      decided_by_name: e.how === "trainer" ? trainer.name : e.how === "werkbegeleider" ? supervisor.name : null,
      decided_link_id: e.how === "werkbegeleider" ? linkOf(e.person, e.block) : null,
      decision_comment: e.status === "afgewezen" ? "Dit was een cursusdag, geen praktijk. Wil je het aanpassen?" : null,
      decided_at: decidedAt,
      created_at: at(e.date, "18:00"),
      updated_at: decidedAt ?? at(e.date, "18:00"),
    };
  });
  // Entry ids come back in one query per batch; each participant logs at most one entry a day.
  const entryIds = new Map<string, number>();
  const per = Math.floor(6000 / 15);
  for (let i = 0; i < rows.length; i += per) {
    const back = await trx
      .insertInto("practice_entries")
      .values(rows.slice(i, i + per))
      .returning(["id", "participant_id", "date"])
      .execute();
    for (const b of back) entryIds.set(`${b.participant_id}|${b.date}`, b.id);
  }
  const entryId = (e: Entry) => entryIds.get(`${e.person.id}|${e.date}`)!;
  await insertAll(
    trx,
    "supervisor_link_entries",
    entries.filter((e) => e.how === "werkbegeleider").map((e) => ({ link_id: linkOf(e.person, e.block), entry_id: entryId(e) })),
  );
  for (const l of links) {
    const id = linkOf(l.person, l.block);
    const covered = entries.filter((e) => e.person === l.person && e.how === "werkbegeleider" && e.block === l.block);
    audit(
      ctx,
      at(l.created, "10:00"),
      l.person,
      "practice.link.create",
      { type: "supervisor_link", id },
      { entries: covered.length, expiresAt: at(addDays(l.created, linkDays), "10:00") },
    );
    audit(
      ctx,
      at(l.decided, "15:00"),
      null,
      "practice.decide",
      { type: "participant", id: l.person.id },
      {
        how: "werkbegeleider",
        linkId: id,
        supervisor: o.supervisors[people.indexOf(l.person)].name,
        decisions: covered.map((e) => ({ entryId: entryId(e), decision: e.status })),
      },
    );
  }
  for (const e of entries.filter((x) => x.how === "trainer")) {
    audit(
      ctx,
      at(e.decidedOn!, "16:00"),
      trainer,
      "practice.decide",
      { type: "participant", id: e.person.id },
      { how: "trainer", decisions: [{ entryId: entryId(e), decision: e.status }] },
    );
  }
}

async function generatePops(
  ctx: Ctx,
  trx: Transaction<Database>,
  o: { random: Random; pick: <X>(list: readonly X[]) => X; people: Participant[]; trainer: Person; start: string; finished: boolean },
): Promise<void> {
  const { random, pick, trainer, start } = o;
  const { lastDay } = ctx;
  const competencies = ctx.version.template.competencies.map((c) => c.code);
  type Step =
    { kind: "save"; day: number; content: PopContent } | { kind: "submit" | "approve" | "return"; day: number; note: string | null; comment?: string };
  const plans: { person: Participant; story: boolean; steps: Step[] }[] = [];
  for (const person of o.people) {
    const story = random() < 0.2;
    const goals = [0, 1, 2].map(() => pick(T.POP_GOALS)).filter((g, i, all) => all.indexOf(g) === i);
    const leerdoel = (g: (typeof T.POP_GOALS)[number], i: number, withEnd: boolean) => ({
      ...emptyLeerdoel(),
      doel: g.doel,
      competentie: competencies[(i + person.index) % competencies.length],
      acties: g.acties,
      wieHelpt: "Mijn werkbegeleider en mijn intervisiegroep.",
      wanneer: "Voor het eind van de leerlijn.",
      bewijs: "Een kort verslag van drie gesprekken, besproken met mijn werkbegeleider.",
      reflectie: withEnd ? T.POP_REFLECTION : "",
      evaluatie: withEnd ? T.POP_EVALUATION : "",
    });
    const base = { wieBenIk: story ? pick(T.POP_STORIES) : "", sterkeKanten: pick(T.POP_STRENGTHS), ontwikkelpunten: pick(T.POP_DEVELOPMENT) };
    const draft: PopContent = { ...base, leerdoelen: [{ ...emptyLeerdoel(), doel: goals[0].doel }] };
    const full: PopContent = { ...base, leerdoelen: goals.map((g, i) => leerdoel(g, i, false)) };
    const d = 7 * person.popDelay;
    const steps: Step[] = [
      { kind: "save", day: 10 + d, content: draft },
      { kind: "save", day: 16 + d, content: full },
    ];
    const neverHandsIn = random() < 0.04 && person.email !== BENCH_EMAILS.participant;
    if (!neverHandsIn) {
      steps.push({ kind: "submit", day: 17 + d, note: null });
      if (random() < 0.3 && person.email !== BENCH_EMAILS.participant) {
        steps.push({ kind: "return", day: 20 + d, note: pick(T.POP_RETURN_NOTES), comment: pick(T.POP_COMMENTS) });
        steps.push({
          kind: "save",
          day: 23 + d,
          content: { ...full, leerdoelen: full.leerdoelen.map((l) => ({ ...l, wieHelpt: "Mijn werkbegeleider, mijn trainer en mijn intervisiegroep." })) },
        });
        steps.push({ kind: "submit", day: 24 + d, note: null });
        steps.push({ kind: "approve", day: 27 + d, note: "Nu is het concreet. Goed gedaan." });
      } else {
        steps.push({ kind: "approve", day: 20 + d, note: "Helder en concreet." });
      }
      if (random() < 0.6) {
        const last = [...steps].reverse().find((s): s is Extract<Step, { kind: "save" }> => s.kind === "save")!;
        steps.push({
          kind: "save",
          day: 7 * 18,
          content: { ...last.content, leerdoelen: last.content.leerdoelen.map((l) => ({ ...l, reflectie: T.POP_REFLECTION, evaluatie: T.POP_EVALUATION })) },
        });
        steps.push({ kind: "submit", day: 7 * 18 + 1, note: null });
        steps.push({ kind: "approve", day: 7 * 18 + 3, note: null });
      }
    }
    const until = person.leftOn ?? lastDay;
    plans.push({ person, story, steps: steps.filter((s) => addDays(start, s.day) <= until && addDays(start, s.day) <= lastDay) });
  }

  const withPop = plans.filter((p) => p.steps.length > 0);
  if (withPop.length === 0) return;
  const popRows = withPop.map((p) => {
    let status: PopStatus = "concept";
    let version = 0;
    for (const s of p.steps) {
      if (s.kind === "save") {
        status = version === 0 ? "concept" : statusAfterEdit(status);
        version += 1;
      } else status = s.kind === "submit" ? "ingediend" : s.kind === "approve" ? "goedgekeurd" : "terug";
    }
    const first = at(addDays(start, p.steps[0].day), "19:00");
    const lastStep = p.steps[p.steps.length - 1];
    return {
      participant_id: p.person.id,
      status,
      current_version: version,
      story_consent_at: p.story ? first : null,
      keep_drafts_at: null,
      created_at: first,
      updated_at: at(addDays(start, lastStep.day), lastStep.kind === "save" ? "19:00" : lastStep.kind === "submit" ? "19:30" : "10:00"),
    };
  });
  const pops = await trx.insertInto("pops").values(popRows).returning(["id", "participant_id"]).execute();
  const popId = new Map(pops.map((p) => [p.participant_id, p.id]));
  const versions: Insertable<Database["pop_versions"]>[] = [];
  const events: Insertable<Database["pop_events"]>[] = [];
  const comments: Insertable<Database["pop_comments"]>[] = [];
  for (const p of withPop) {
    const id = popId.get(p.person.id)!;
    let version = 0;
    for (const s of p.steps) {
      const date = addDays(start, s.day);
      if (s.kind === "save") {
        version += 1;
        versions.push({
          pop_id: id,
          number: version,
          content: JSON.stringify(normalisePop(s.content)),
          author_id: p.person.id,
          restored_from: null,
          created_at: at(date, "19:00"),
        });
        continue;
      }
      const byOwner = s.kind === "submit";
      const stamp = at(date, byOwner ? "19:30" : "10:00");
      if (s.comment)
        comments.push({
          pop_id: id,
          version_number: version,
          section: "leerdoel-1",
          author_id: trainer.id,
          reply_to: null,
          text: s.comment,
          created_at: at(date, "09:45"),
        });
      events.push({ pop_id: id, version_number: version, action: s.kind, actor_id: byOwner ? p.person.id : trainer.id, note: s.note, at: stamp });
      audit(ctx, stamp, byOwner ? p.person : trainer, `pop.${s.kind}`, { type: "pop", id }, { version });
    }
  }
  await insertAll(trx, "pop_versions", versions);
  await insertAll(trx, "pop_events", events);
  await insertAll(trx, "pop_comments", comments);
}

async function generateGop(
  ctx: Ctx,
  trx: Transaction<Database>,
  o: { people: Participant[]; trainer: Person; start: string; cohortId: number; finished: boolean; lastDay: string },
): Promise<void> {
  const stayers = o.people.filter((p) => !p.leftOn);
  if (stayers.length === 0) return;
  const [a, b, c] = [stayers[0], stayers[Math.min(1, stayers.length - 1)], stayers[Math.min(2, stayers.length - 1)]];
  const v1: GopContent = { goals: T.GOP_GOALS.slice(0, 2), agreements: "", evaluation: "" };
  const v2: GopContent = { ...v1, agreements: T.GOP_AGREEMENTS };
  const v3: GopContent = { ...v2, evaluation: T.GOP_EVALUATION };
  type Step = { kind: "save"; day: number; by: Person; content: GopContent; changed: GopSection[] } | { kind: "submit" | "approve"; day: number; by: Person };
  const all: Step[] = [
    { kind: "save", day: 24, by: a, content: v1, changed: ["goals"] },
    { kind: "save", day: 26, by: b, content: v2, changed: ["agreements"] },
    { kind: "submit", day: 30, by: a },
    { kind: "approve", day: 33, by: o.trainer },
    { kind: "save", day: 7 * 19, by: c, content: v3, changed: ["evaluation"] },
    { kind: "submit", day: 7 * 19 + 1, by: c },
    { kind: "approve", day: 7 * 19 + 2, by: o.trainer },
  ];
  const steps = all.filter((s) => addDays(o.start, s.day) <= o.lastDay);
  if (steps.length === 0) return;
  let status: PopStatus = "concept";
  let version = 0;
  for (const s of steps) {
    if (s.kind === "save") {
      status = version === 0 ? "concept" : statusAfterEdit(status);
      version += 1;
    } else status = s.kind === "submit" ? "ingediend" : "goedgekeurd";
  }
  const time = (s: Step) => at(addDays(o.start, s.day), s.kind === "approve" ? "10:00" : "20:00");
  const gop = await trx
    .insertInto("gops")
    .values({ cohort_id: o.cohortId, status, current_version: version, created_at: time(steps[0]), updated_at: time(steps[steps.length - 1]) })
    .returning("id")
    .executeTakeFirstOrThrow();
  let number = 0;
  const versions: Insertable<Database["gop_versions"]>[] = [];
  const events: Insertable<Database["gop_events"]>[] = [];
  for (const s of steps) {
    if (s.kind === "save") {
      number += 1;
      versions.push({
        gop_id: gop.id,
        number,
        content: JSON.stringify(normaliseGop(s.content)),
        changed_sections: JSON.stringify(s.changed),
        author_id: s.by.id,
        created_at: time(s),
      });
    } else {
      events.push({ gop_id: gop.id, version_number: number, action: s.kind, actor_id: s.by.id, note: null, at: time(s) });
      audit(ctx, time(s), s.by, `gop.${s.kind}`, { type: "gop", id: gop.id }, { version: number });
    }
  }
  await insertAll(trx, "gop_versions", versions);
  await insertAll(trx, "gop_events", events);
}

async function generateInterviews(
  ctx: Ctx,
  trx: Transaction<Database>,
  o: {
    random: Random;
    pick: <X>(list: readonly X[]) => X;
    cohortId: number;
    cohortIndex: number;
    start: string;
    end: string;
    people: Participant[];
    benchExaminer: boolean;
  },
): Promise<void> {
  const { random, pick, cohortId, end } = o;
  const { today, lastDay } = ctx;
  const template = ctx.version.template;
  const daysSince = dayDiff(end, today);
  if (daysSince < 2) return;
  // The engine decides who is ready for the interview, as it does for the examiner's list.
  const progress = await cohortProgress(trx, cohortId, today);
  const ready = (progress?.rows ?? []).filter((r) => !r.left && r.eligibility.readyForInterview).map((r) => o.people.find((p) => p.id === r.participant.id)!);
  const window = Math.min(16, daysSince - 1);
  const criteria = template.competencies.flatMap((c) => c.criteria.map((x) => ({ competency: c.code, code: x.code })));
  const E = ctx.examiners.length;

  type Planned = {
    person: Participant;
    date: string;
    startTime: string;
    assessors: Person[];
    outcome: InterviewOutcome | null;
    createdOn: string;
    retake: boolean;
  };
  const planned: Planned[] = [];
  ready.forEach((person, idx) => {
    const days = Array.from({ length: window }, (_, d) => addDays(end, 1 + d));
    const workdays = days.filter((d) => weekday(d) !== 0 && weekday(d) !== 6);
    const date = pick(workdays.length > 0 ? workdays : days);
    // Two examiners; examiner@bench.test holds every interview of the cohort a benchmark issues for.
    const a = o.benchExaminer ? 0 : (o.cohortIndex + idx) % E;
    const b = (a + 1 + (idx % Math.max(1, E - 1))) % E;
    const assessors = [ctx.examiners[a], ctx.examiners[b]];
    const r = random();
    const outcome: InterviewOutcome = r < 0.92 ? "geslaagd" : r < 0.96 ? "herkansing" : "niet_geslaagd";
    const startTime = pick(["10:00", "11:00", "13:30", "14:30"]);
    planned.push({ person, date, startTime, assessors, outcome, createdOn: addDays(date, -14), retake: false });
    if (outcome === "herkansing") {
      const retake = addDays(date, 28);
      const createdOn = addDays(date, 7);
      if (createdOn <= lastDay)
        planned.push({
          person,
          date: retake,
          startTime,
          assessors,
          outcome: retake <= lastDay ? (random() < 0.85 ? "geslaagd" : "niet_geslaagd") : null,
          createdOn,
          retake: true,
        });
    }
  });
  if (planned.length === 0) return;

  const rows = planned.map((p) => {
    const done = p.outcome !== null;
    const finalisedAt = at(p.date, `${String(Number(p.startTime.slice(0, 2)) + 1).padStart(2, "0")}:10`);
    return {
      participant_id: p.person.id,
      cohort_id: cohortId,
      leerlijn_version_id: ctx.version.id,
      date: p.date,
      start_time: p.startTime,
      location: ACADEMY,
      status: done ? ("afgerond" as const) : ("gepland" as const),
      outcome: p.outcome,
      motivation: p.outcome ? T.MOTIVATIONS[p.outcome] : null,
      advice: p.outcome ? T.ADVICE[p.outcome] : null,
      corrects_id: null,
      correction_reason: null,
      superseded_at: null,
      created_by: p.assessors[0].id,
      created_at: at(p.createdOn, "09:00"),
      updated_at: done ? finalisedAt : at(p.createdOn, "09:00"),
      finalised_at: done ? finalisedAt : null,
    };
  });
  const inserted = await trx.insertInto("interviews").values(rows).returning(["id", "participant_id", "date"]).execute();
  const interviewId = new Map(inserted.map((r) => [`${r.participant_id}|${r.date}`, r.id]));
  const assessors: Insertable<Database["interview_assessors"]>[] = [];
  const criteriaRows: Insertable<Database["interview_criteria"]>[] = [];
  const competencyRows: Insertable<Database["interview_competencies"]>[] = [];
  const objections: Insertable<Database["objections"]>[] = [];
  const passed = ctx.passed.get(cohortId) ?? [];
  for (const p of planned) {
    const id = interviewId.get(`${p.person.id}|${p.date}`)!;
    const signedFirst = at(p.date, `${String(Number(p.startTime.slice(0, 2)) + 1).padStart(2, "0")}:00`);
    const signedLast = rows[planned.indexOf(p)].finalised_at;
    assessors.push(...p.assessors.map((u, k) => ({ interview_id: id, user_id: u.id, signed_at: p.outcome ? (k === 0 ? signedFirst : signedLast) : null })));
    audit(
      ctx,
      at(p.createdOn, "09:00"),
      p.assessors[0],
      "interview.plan",
      { type: "interview", id },
      { participantId: p.person.id, assessors: p.assessors.map((u) => u.id) },
    );
    if (!p.outcome) continue;
    // Not passed: one criterion not shown (herkansing), or about a quarter of them (niet geslaagd).
    const offset = o.cohortIndex + p.person.index;
    const failing =
      p.outcome === "geslaagd" ? [] : p.outcome === "herkansing" ? [criteria[offset % criteria.length]] : criteria.filter((_, k) => k % 4 === offset % 4);
    const failingSet = new Set(failing.map((f) => f.code));
    for (const cr of criteria) {
      const shown = !failingSet.has(cr.code);
      criteriaRows.push({
        interview_id: id,
        criterion_code: cr.code,
        demonstrated: shown ? 1 : 0,
        justification: shown ? pick(T.JUSTIFICATIONS) : T.NOT_SHOWN,
      });
    }
    for (const comp of template.competencies) {
      const weak = failing.some((f) => f.competency === comp.code);
      const judgement: CompetencyJudgement = weak ? "onvoldoende" : random() < 0.4 ? "goed" : "voldoende";
      competencyRows.push({ interview_id: id, competency_code: comp.code, judgement });
    }
    audit(ctx, signedFirst, p.assessors[0], "interview.sign", { type: "interview", id });
    audit(ctx, signedLast!, p.assessors[1], "interview.sign", { type: "interview", id });
    audit(
      ctx,
      signedLast!,
      p.assessors[1],
      "interview.finalise",
      { type: "interview", id },
      { participantId: p.person.id, outcome: p.outcome, corrects: null },
    );
    if (p.outcome === "geslaagd") passed.push({ participantId: p.person.id, interviewId: id, firstTime: !p.retake, assessorIds: p.assessors.map((u) => u.id) });
    if (p.outcome === "niet_geslaagd" && random() < 0.5) {
      const lodged = addDays(p.date, 5);
      const resolved = addDays(lodged, 15);
      if (lodged <= lastDay) {
        const deadline = addDays(p.date, template.rules.objectionDays);
        objections.push({
          interview_id: id,
          text: T.OBJECTION_TEXT,
          lodged_at: at(lodged, "20:00"),
          lodged_by: p.person.id,
          resolution: resolved <= lastDay ? T.OBJECTION_RESOLUTION : null,
          resolved_at: resolved <= lastDay ? at(resolved, "11:00") : null,
          resolved_by: resolved <= lastDay ? ctx.coordinators[0].id : null,
        });
        audit(ctx, at(lodged, "20:00"), p.person, "objection.lodge", { type: "interview", id }, { deadline });
      }
    }
  }
  await insertAll(trx, "interview_assessors", assessors);
  await insertAll(trx, "interview_criteria", criteriaRows);
  await insertAll(trx, "interview_competencies", competencyRows);
  if (objections.length) {
    const back = await trx.insertInto("objections").values(objections).returning(["id", "resolved_at"]).execute();
    for (const ob of back) if (ob.resolved_at) audit(ctx, ob.resolved_at, ctx.coordinators[0], "objection.resolve", { type: "objection", id: ob.id });
  }
  ctx.passed.set(cohortId, passed);

  // Certificates: at the ceremony four weeks after the course, or three days after a passed retake.
  const cohortRow = await trx.selectFrom("cohorts").select(["name", "start_date", "end_date"]).where("id", "=", cohortId).executeTakeFirstOrThrow();
  const placeStatuses = new Set<string>(["gekozen", "bevestigd"]);
  const choices = await trx
    .selectFrom("training_choices as tc")
    .innerJoin("trainings as t", "t.id", "tc.training_id")
    .select(["tc.participant_id", "tc.status", "t.title", "t.position"])
    .where("tc.cohort_id", "=", cohortId)
    .execute();
  const ceremony = addDays(end, 28);
  passed.forEach((p, idx) => {
    const plan = planned.find((x) => x.person.id === p.participantId && (x.retake ? !p.firstTime : p.firstTime))!;
    const issuedOn = p.firstTime ? ceremony : addDays(plan.date, 3);
    if (issuedOn > lastDay) return;
    const person = o.people.find((x) => x.id === p.participantId)!;
    ctx.certificates.push({
      participantId: p.participantId,
      cohortId,
      cohortIndex: o.cohortIndex,
      interviewId: p.interviewId,
      datedOn: plan.date,
      issuedAt: at(issuedOn, "14:00", idx * 30),
      issuedBy: plan.assessors[0],
      firstTime: p.firstTime,
      base: {
        participantName: person.name,
        leerlijn: { name: template.name, version: template.version, level: template.level },
        cohort: { name: cohortRow.name, startDate: cohortRow.start_date, endDate: cohortRow.end_date },
        hours: { learning: template.rules.learningHoursTarget, practice: template.rules.practiceHoursTarget },
        trainings: choices
          .filter((c) => c.participant_id === p.participantId && placeStatuses.has(c.status))
          .sort((x, y) => x.position - y.position)
          .map((c) => c.title),
        place: template.certificate.place,
        issuer: template.issuer,
        partners: template.partners,
        title: template.certificate.title,
        statement: template.certificate.statement,
        // The template's (fictional) defaults: the demo sets no `certificate_signatories` setting, so
        // these are also what the app puts on a new certificate until a coordinator sets them.
        signatories: template.certificate.signatories,
      },
    });
  });
}

/** A cohort in its last weeks: interviews planned after the course for those the engine finds ready. */
async function planInterviews(
  ctx: Ctx,
  trx: Transaction<Database>,
  o: { pick: <X>(list: readonly X[]) => X; cohortId: number; cohortIndex: number; end: string; people: Participant[] },
): Promise<void> {
  const progress = await cohortProgress(trx, o.cohortId, ctx.today);
  const ready = (progress?.rows ?? []).filter((r) => !r.left && r.eligibility.readyForInterview).map((r) => r.participant.id);
  if (ready.length === 0) return;
  const days = Array.from({ length: 14 }, (_, d) => addDays(o.end, 1 + d)).filter((d) => weekday(d) !== 0 && weekday(d) !== 6);
  const E = ctx.examiners.length;
  const plans = ready.map((participantId, idx) => {
    const a = (o.cohortIndex + idx) % E;
    const assessors = [ctx.examiners[a], ctx.examiners[(a + 1 + (idx % Math.max(1, E - 1))) % E]];
    const created = at(addDays(ctx.lastDay, -(idx % 5)), "09:00");
    return { participantId, assessors, created, date: o.pick(days), startTime: o.pick(["10:00", "11:00", "13:30", "14:30"]) };
  });
  const inserted = await trx
    .insertInto("interviews")
    .values(
      plans.map((p) => ({
        participant_id: p.participantId,
        cohort_id: o.cohortId,
        leerlijn_version_id: ctx.version.id,
        date: p.date,
        start_time: p.startTime,
        location: ACADEMY,
        status: "gepland" as const,
        outcome: null,
        motivation: null,
        advice: null,
        corrects_id: null,
        correction_reason: null,
        superseded_at: null,
        created_by: p.assessors[0].id,
        created_at: p.created,
        updated_at: p.created,
        finalised_at: null,
      })),
    )
    .returning(["id", "participant_id"])
    .execute();
  const idOf = new Map(inserted.map((r) => [r.participant_id, r.id]));
  await insertAll(
    trx,
    "interview_assessors",
    plans.flatMap((p) => p.assessors.map((u) => ({ interview_id: idOf.get(p.participantId)!, user_id: u.id, signed_at: null }))),
  );
  for (const p of plans)
    audit(
      ctx,
      p.created,
      p.assessors[0],
      "interview.plan",
      { type: "interview", id: idOf.get(p.participantId)! },
      { participantId: p.participantId, assessors: p.assessors.map((u) => u.id) },
    );
}

/**
 * The most recently finished cohort with passed interviews keeps up to `wanted` first-time
 * passers without a certificate: a benchmark issues theirs through the real action.
 */
function choosePending(ctx: Ctx, cohortIds: number[], wanted: number, examinerId: number): { participantId: number; interviewId: number }[] {
  for (let c = cohortIds.length - 1; c >= 0; c--) {
    const passed = (ctx.passed.get(cohortIds[c]) ?? []).filter((p) => p.firstTime && p.assessorIds.includes(examinerId));
    if (passed.length === 0) continue;
    const pending = passed.slice(0, Math.max(0, wanted));
    const held = new Set(pending.map((p) => p.participantId));
    ctx.certificates = ctx.certificates.filter((j) => !held.has(j.participantId));
    return pending.map(({ participantId, interviewId }) => ({ participantId, interviewId }));
  }
  return [];
}

/** Numbers in issue order per year, codes from the run's own stream, the PDF from the app's renderer. */
async function issueCertificates(
  ctx: Ctx,
  o: { verifyBase: string; renderPdf: (snapshot: CertificateSnapshot, issuedAt: Date) => Promise<Buffer>; onProgress?: GenerateOptions["onProgress"] },
): Promise<string | null> {
  const jobs = [...ctx.certificates].sort((a, b) => a.issuedAt.localeCompare(b.issuedAt) || a.participantId - b.participantId);
  if (jobs.length === 0) return null;
  const random = rng(subSeed(ctx.seed, 0xce27));
  const seqOf = new Map<number, number>();
  const codes = new Set<string>();
  const prefix = ctx.version.template.certificate.numberPrefix;
  const prepared = jobs.map((job) => {
    const year = new Date(job.issuedAt).getUTCFullYear();
    const seq = (seqOf.get(year) ?? 0) + 1;
    seqOf.set(year, seq);
    let code = verificationCode(random);
    while (codes.has(code)) code = verificationCode(random);
    codes.add(code);
    const number = certificateNumber(prefix, year, seq);
    // The same fields, in the same order, as issueCertificate's snapshot.
    const snapshot: CertificateSnapshot = {
      ...job.base,
      issuedOn: job.datedOn,
      replaces: null,
      number,
      verificationCode: code,
      verifyUrl: `${o.verifyBase}/verify/${code}`,
    };
    const ordered: CertificateSnapshot = {
      participantName: snapshot.participantName,
      leerlijn: snapshot.leerlijn,
      cohort: snapshot.cohort,
      hours: snapshot.hours,
      trainings: snapshot.trainings,
      issuedOn: snapshot.issuedOn,
      place: snapshot.place,
      issuer: snapshot.issuer,
      partners: snapshot.partners,
      title: snapshot.title,
      statement: snapshot.statement,
      signatories: snapshot.signatories,
      replaces: snapshot.replaces,
      number,
      verificationCode: code,
      verifyUrl: snapshot.verifyUrl,
    };
    return { job, year, seq, number, code, snapshot: ordered };
  });

  // Renders run ahead of the inserts by a window (a worker pool keeps busy; memory stays small).
  const BATCH = 25;
  const pdfs: Promise<Buffer>[] = [];
  const startRenders = (until: number) => {
    for (let k = pdfs.length; k < Math.min(until, prepared.length); k++) pdfs.push(o.renderPdf(prepared[k].snapshot, new Date(prepared[k].job.issuedAt)));
  };
  let firstCode: string | null = null;
  for (let i = 0; i < prepared.length; i += BATCH) {
    const slice = prepared.slice(i, i + BATCH);
    startRenders(i + 3 * BATCH);
    const rendered = await Promise.all(pdfs.slice(i, i + BATCH));
    await ctx.db.transaction().execute(async (trx) => {
      const back = await trx
        .insertInto("certificates")
        .values(
          slice.map((p, k) => ({
            number: p.number,
            year: p.year,
            seq: p.seq,
            verification_code: p.code,
            participant_id: p.job.participantId,
            cohort_id: p.job.cohortId,
            interview_id: p.job.interviewId,
            snapshot: JSON.stringify(p.snapshot),
            pdf_sha256: sha256(rendered[k]),
            pdf: rendered[k],
            issued_at: p.job.issuedAt,
            issued_by: p.job.issuedBy.id,
            revoked_at: null,
            revoked_by: null,
            revoke_reason: null,
            supersedes_id: null,
            superseded_by_id: null,
          })),
        )
        .returning(["id", "number"])
        .execute();
      const idOf = new Map(back.map((b) => [b.number, b.id]));
      for (const p of slice) {
        audit(
          ctx,
          p.job.issuedAt,
          p.job.issuedBy,
          "certificate.issue",
          { type: "certificate", id: idOf.get(p.number)! },
          { number: p.number, participantId: p.job.participantId, supersedes: null },
        );
      }
    });
    firstCode ??= slice[0].code;
    o.onProgress?.(Math.min(i + BATCH, prepared.length), prepared.length, "certificates");
  }
  return firstCode;
}
