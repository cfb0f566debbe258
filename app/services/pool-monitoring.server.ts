import type { DB } from "../../db/connect";
import type { User } from "../../db/schema";
import { POOL_LANGUAGES, STADSDELEN } from "../forms/pool";
import { translate } from "../i18n/translate";
import { amsterdamDay } from "../rules/amsterdam";
import { dutchDate, dutchNumber, toDutchCsv } from "../rules/csv";
import { cellText, poolMonitoringTables, type CodeRow, type MonthRow, type PoolMonitoring } from "../rules/pool-monitoring-tables";
import { countCell, figureOf, protectPartitions, type Cell } from "../rules/small-cells";
import { audit } from "./audit.server";
import { countActiveAlumniInIntervisie } from "./alumni-intervisie.server";

/*
 * Monitoring of the pool of ervaringsdeskundigen for the funder (issue 31, point 5): for the
 * gemeente and the ANE, aggregates only. Nothing here carries a name, an id of a person or a text
 * someone wrote: the result holds codes (stadsdeel, language), dates of months and cells, and a
 * hidden number is not in it at all (app/rules/small-cells.ts: "< 5", and "niet getoond" where a
 * small number could be worked out from a total).
 *
 * Pool size through the year comes from the audit trail (`pool.join`, `pool.pause`,
 * `pool.resume`, `pool.leave`, and `person.anonymise`, which removes a profile too): the table
 * `pool_profiles` only knows who is in the pool now (docs/decisions/023-pool-profiles.md).
 * Requests count in the year they were made; what happened to them is counted up to the end of
 * the year (or today, for the current year), so a past year's figures stay the same later.
 */

export interface PoolMonitoringOptions {
  /** the Amsterdam date of today (the app clock) */
  today: string;
  /**
   * Counts the alumni active in city-wide intervisie between two dates (yyyy-mm-dd, both
   * included). Left out: `alumniInIntervisieCounter` below.
   */
  activeAlumniInIntervisie?: (range: { from: string; to: string }) => Promise<number>;
}

/**
 * The count of alumni active in city-wide intervisie (issue 31, point 4; decision 025) for the page
 * and the CSV alike: the row "Oud-deelnemers die meedoen aan intervisie", under the same "< 5" rule.
 */
function alumniInIntervisieCounter(db: DB): NonNullable<PoolMonitoringOptions["activeAlumniInIntervisie"]> {
  return (range) => countActiveAlumniInIntervisie(db, range);
}

const POOL_EVENTS = ["pool.join", "pool.pause", "pool.resume", "pool.leave", "person.anonymise"] as const;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The request id in a poolInvitation.accept line's details (`{"request": 12}`), or null. */
function requestOf(details: string | null): number | null {
  try {
    const id = (JSON.parse(details ?? "null") as { request?: unknown } | null)?.request;
    return typeof id === "number" && Number.isInteger(id) ? id : null;
  } catch {
    return null;
  }
}

const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Counts per code over a fixed list, with "other" for anything outside it (kept only when it occurs). */
function tally<T extends string | null>(codes: readonly T[], values: readonly (string | null)[]): { codes: (string | null)[]; counts: number[] } {
  const known = new Set<string | null>(codes);
  const counts = codes.map((c) => values.filter((v) => v === c).length);
  const other = values.filter((v) => !known.has(v)).length;
  return other > 0 ? { codes: [...codes, "other"], counts: [...counts, other] } : { codes: [...codes], counts };
}

/** `?jaar=` from the address: a year from the list, else the current one. */
export function parsePoolMonitoringYear(value: string | null, today: string): number {
  const current = Number(today.slice(0, 4));
  if (value === null || !/^\d{4}$/.test(value)) return current;
  const year = Number(value);
  return year >= 2000 && year <= current ? year : current;
}

/** The figures of one calendar year. A fixed number of queries, whatever the size of the pool. */
export async function poolMonitoring(db: DB, year: number, opts: PoolMonitoringOptions): Promise<PoolMonitoring> {
  const { today } = opts;
  const currentYear = Number(today.slice(0, 4));
  const asOf = year < currentYear ? `${year}-12-31` : today;
  const from = `${year}-01-01`;
  // Timestamps are UTC; the Amsterdam day is worked out per row. A day's margin on both sides.
  const fromTs = `${year - 1}-12-31`;
  const untilTs = `${year + 1}-01-02`;

  const [events, profiles, tags, requests, invitations, acceptLines, firstEvent, firstRequest] = await Promise.all([
    db
      .selectFrom("audit_log")
      .select(["at", "action", "target_id"])
      .where("action", "in", [...POOL_EVENTS])
      .where("outcome", "=", "success")
      .where("target_type", "=", "user")
      .where("at", "<", untilTs)
      .orderBy("at")
      .orderBy("id")
      .execute(),
    db.selectFrom("pool_profiles").select("paused_at").execute(),
    db.selectFrom("pool_profile_tags").select(["kind", "code", "participant_id"]).where("kind", "in", ["stadsdeel", "language"]).execute(),
    db
      .selectFrom("pool_requests")
      .select(["id", "stadsdeel", "language", "hours_per_week", "status", "created_at", "closed_at"])
      .where("created_at", ">=", fromTs)
      .where("created_at", "<", untilTs)
      .execute(),
    db
      .selectFrom("pool_invitations as i")
      .innerJoin("pool_requests as r", "r.id", "i.request_id")
      .select(["i.request_id", "i.status", "i.invited_at", "i.decided_at"])
      .where("r.created_at", ">=", fromTs)
      .where("r.created_at", "<", untilTs)
      .execute(),
    // Every "ja" as it happened: an invitation the team later withdrew (or the member's anonymising
    // removed) keeps its match here, while its row no longer says accepted.
    db
      .selectFrom("audit_log")
      .select(["at", "details"])
      .where("action", "=", "poolInvitation.accept")
      .where("outcome", "=", "success")
      .where("at", ">=", fromTs)
      .execute(),
    db.selectFrom("audit_log").select("at").where("action", "=", "pool.join").orderBy("at").limit(1).executeTakeFirst(),
    db.selectFrom("pool_requests").select("created_at").orderBy("created_at").limit(1).executeTakeFirst(),
  ]);

  const day = (ts: string) => amsterdamDay(new Date(ts));
  const inYear = (ts: string) => {
    const d = day(ts);
    return d >= from && d <= `${year}-12-31`;
  };
  const byAsOf = (ts: string | null) => ts !== null && day(ts) <= asOf;

  // The years to choose from: from the first join or request to this year.
  const firstYear = Math.min(currentYear, ...[firstEvent?.at, firstRequest?.created_at].flatMap((ts) => (ts ? [Number(day(ts).slice(0, 4))] : [])));
  const years: number[] = [];
  for (let y = currentYear; y >= firstYear; y--) years.push(y);

  // Pool size per month: the audit lines played in order, one state per person.
  const months: MonthRow[] = [];
  const state = new Map<string, "active" | "paused">();
  const lines = events.map((e) => ({ day: day(e.at), action: e.action, who: e.target_id ?? "" }));
  let next = 0;
  const lastMonth = Number(asOf.slice(5, 7));
  for (let m = 1; m <= lastMonth; m++) {
    const end = m === lastMonth ? asOf : lastDayOfMonth(year, m);
    while (next < lines.length && lines[next]!.day <= end) {
      const { action, who } = lines[next++]!;
      if (action === "pool.join" || action === "pool.resume") {
        // A resume counts only for someone in the pool (a refused one has no success line anyway).
        if (action === "pool.join" || state.has(who)) state.set(who, "active");
      } else if (action === "pool.pause") {
        if (state.has(who)) state.set(who, "paused");
      } else state.delete(who);
    }
    const active = [...state.values()].filter((s) => s === "active").length;
    const paused = state.size - active;
    const cells = protectPartitions(state.size, [[active, paused]]);
    months.push({ day: end, total: cells.total, active: cells.partitions[0]![0]!, paused: cells.partitions[0]![1]! });
  }

  // Today's pool, per stadsdeel and language the members chose.
  const nowPaused = profiles.filter((p) => p.paused_at !== null).length;
  const nowCells = protectPartitions(profiles.length, [[profiles.length - nowPaused, nowPaused]]);
  const members = (kind: "stadsdeel" | "language", codes: readonly string[]): CodeRow[] => {
    const chosen = tags.filter((t) => t.kind === kind);
    const { codes: all, counts } = tally(
      codes,
      chosen.map((t) => t.code),
    );
    return all.map((code, i) => ({ code, count: countCell(counts[i]!) }));
  };

  // The year's requests and what became of them by asOf.
  const yearRequests = requests.filter((r) => inYear(r.created_at));
  const ids = new Set(yearRequests.map((r) => r.id));
  const yearInvitations = invitations.filter((i) => ids.has(i.request_id) && byAsOf(i.invited_at));
  const firstAccepted = new Map<number, string>();
  const noteAccepted = (requestId: number, at: string) => {
    const known = firstAccepted.get(requestId);
    if (!known || at < known) firstAccepted.set(requestId, at);
  };
  for (const i of yearInvitations) if (i.status === "accepted" && byAsOf(i.decided_at)) noteAccepted(i.request_id, i.decided_at!);
  for (const line of acceptLines) {
    const requestId = requestOf(line.details);
    if (requestId !== null && ids.has(requestId) && byAsOf(line.at)) noteAccepted(requestId, line.at);
  }
  const isClosed = (r: (typeof yearRequests)[number]) => r.status === "closed" && (r.closed_at === null || byAsOf(r.closed_at));
  const closed = yearRequests.filter(isClosed).length;
  const matchedRequests = yearRequests.filter((r) => firstAccepted.has(r.id));
  const waiting = yearRequests.filter((r) => !isClosed(r) && !firstAccepted.has(r.id)).length;
  const closedUnmatched = yearRequests.filter((r) => isClosed(r) && !firstAccepted.has(r.id)).length;
  const stadsdelen = tally(
    STADSDELEN,
    yearRequests.map((r) => r.stadsdeel),
  );
  const languages = tally(
    [...POOL_LANGUAGES, null],
    yearRequests.map((r) => r.language),
  );
  const req = protectPartitions(yearRequests.length, [
    [yearRequests.length - closed, closed],
    [matchedRequests.length, waiting, closedUnmatched],
    stadsdelen.counts,
    languages.counts,
  ]);
  const [openClosed, matchState, perStadsdeel, perLanguage] = req.partitions as [Cell[], Cell[], Cell[], Cell[]];
  const days = matchedRequests.map((r) => (Date.parse(firstAccepted.get(r.id)!) - Date.parse(r.created_at)) / DAY_MS);
  const med = median(days);

  // Invitations, by the answer given by asOf.
  const answer = (i: (typeof yearInvitations)[number]) =>
    i.status === "withdrawn" && (i.decided_at === null || byAsOf(i.decided_at))
      ? "withdrawn"
      : (i.status === "accepted" || i.status === "declined") && byAsOf(i.decided_at)
        ? i.status
        : "unanswered";
  const answers = yearInvitations.map(answer);
  const count = (a: string) => answers.filter((x) => x === a).length;
  const inv = protectPartitions(answers.length, [[count("accepted"), count("declined"), count("withdrawn"), count("unanswered")]]);
  const [accepted, declined, withdrawn, unanswered] = inv.partitions[0]! as [Cell, Cell, Cell, Cell];

  const countAlumni = opts.activeAlumniInIntervisie ?? alumniInIntervisieCounter(db);
  const alumniInIntervisie = countAlumni ? countCell(await countAlumni({ from, to: asOf })) : null;

  return {
    year,
    years,
    asOf,
    today,
    months,
    now: {
      total: nowCells.total,
      active: nowCells.partitions[0]![0]!,
      paused: nowCells.partitions[0]![1]!,
      byStadsdeel: members("stadsdeel", STADSDELEN),
      byLanguage: members("language", POOL_LANGUAGES),
    },
    requests: {
      total: req.total,
      open: openClosed[0]!,
      closed: openClosed[1]!,
      matched: matchState[0]!,
      waiting: matchState[1]!,
      closedUnmatched: matchState[2]!,
      hoursRequested: figureOf(
        yearRequests.reduce((a, r) => a + r.hours_per_week, 0),
        yearRequests.length,
      ),
      hoursMatched: figureOf(
        matchedRequests.reduce((a, r) => a + r.hours_per_week, 0),
        matchedRequests.length,
      ),
      medianDaysToMatch: figureOf(med === null ? null : round1(med), matchedRequests.length),
      byStadsdeel: stadsdelen.codes.map((code, i) => ({ code, count: perStadsdeel[i]! })),
      byLanguage: languages.codes.map((code, i) => ({ code, count: perLanguage[i]! })),
    },
    invitations: { total: inv.total, accepted, declined, withdrawn, unanswered },
    alumni: { activeInIntervisie: alumniInIntervisie },
  };
}

/**
 * The monitoring of a year as CSV for Excel with Dutch settings (the same figures and hiding as
 * the page; no names), audited as an export.
 */
export async function poolMonitoringCsv(
  db: DB,
  viewer: Pick<User, "id" | "role">,
  year: number,
  opts: PoolMonitoringOptions & { ip?: string | null },
): Promise<{ fileName: string; body: string }> {
  const m = await poolMonitoring(db, year, opts);
  const rows = poolMonitoringTables(m, "nl", dutchDate).flatMap((table) =>
    table.rows.map(([what, cell]) => [table.caption, what, cellText("nl", cell, dutchNumber)]),
  );
  const body = toDutchCsv([translate("nl", "report.pool.csv.table"), translate("nl", "report.funder.item"), translate("nl", "report.pool.csv.value")], rows);
  await audit(db, { actor: { id: viewer.id, role: viewer.role }, action: "export.report.pool.csv", target: { type: "year", id: year }, ip: opts.ip });
  return { fileName: `pool-cijfers-${year}.csv`, body };
}
