/**
 * The pool's figures for the funder (issue 31, point 5) as tables with words: the page
 * (coordinator.rapportage.pool) and the CSV (pool-monitoring.server.ts) both show these, so they
 * always say the same. Pure: runs in the browser too.
 */
import type { MessageKey } from "../i18n/nl";
import { translate, type Lang } from "../i18n/translate";
import type { Cell } from "./small-cells";

/** A figure with the code it is about: a stadsdeel, a language, or null ("no preference", for requests). */
export interface CodeRow {
  /** a code of STADSDELEN or POOL_LANGUAGES; "other" for a code not in those lists; null: no language asked */
  code: string | null;
  count: Cell;
}

export interface MonthRow {
  /** the day the figures are of: the month's last day, or today for the current month */
  day: string;
  total: Cell;
  active: Cell;
  paused: Cell;
}

export interface PoolMonitoring {
  year: number;
  /** the years to choose from, newest first */
  years: number[];
  /** the day the year's figures run to: 31 December, or today in the current year */
  asOf: string;
  today: string;
  /** pool size at the end of each month of the year (up to today) */
  months: MonthRow[];
  /** who is in the pool today (the table knows only the present), per stadsdeel and language they chose */
  now: {
    total: Cell;
    active: Cell;
    paused: Cell;
    /** a member can choose more than one: these do not add up to the total */
    byStadsdeel: CodeRow[];
    byLanguage: CodeRow[];
  };
  /** requests made in the year, and what became of them by `asOf` */
  requests: {
    total: Cell;
    open: Cell;
    closed: Cell;
    /** with at least one accepted invitation */
    matched: Cell;
    /** open, nobody accepted yet */
    waiting: Cell;
    /** closed without anyone accepting */
    closedUnmatched: Cell;
    /** hours per week asked for, summed over the requests */
    hoursRequested: Cell;
    /** hours per week of the matched requests */
    hoursMatched: Cell;
    /** days from the request to its first accepted invitation, median over the matched requests */
    medianDaysToMatch: Cell;
    /** one row per stadsdeel; these add up to the total */
    byStadsdeel: CodeRow[];
    /** one row per language, plus null for "no preference"; these add up to the total */
    byLanguage: CodeRow[];
  };
  /** invitations for the year's requests, by what the member answered by `asOf` */
  invitations: { total: Cell; accepted: Cell; declined: Cell; withdrawn: Cell; unanswered: Cell };
  /**
   * Alumni after the course. `activeInIntervisie`: alumni active in city-wide intervisie in the year
   * (issue 31, point 4); null until that count is passed in (see `poolMonitoring`'s options). One
   * more figure for alumni fits here as another field; the page and the CSV show each one as a row.
   */
  alumni: { activeInIntervisie: Cell | null };
}

/** The words of a stadsdeel or language code in a row (null: no language asked; "other": outside the lists). */
export function codeLabel(kind: "stadsdeel" | "language", code: string | null): MessageKey {
  if (code === null) return "report.pool.noLanguage";
  if (code === "other") return "report.pool.other";
  return (kind === "stadsdeel" ? `pool.stadsdeel.${code}` : `pool.language.${code}`) as MessageKey;
}

/** A cell as text: the number, "< 5", "niet getoond", or "geen". */
export function cellText(lang: Lang, cell: Cell, num: (n: number) => string): string {
  switch (cell.kind) {
    case "value":
      return num(cell.value);
    case "small":
      return translate(lang, "report.funder.small");
    case "hidden":
      return translate(lang, "report.funder.hidden");
    case "none":
      return translate(lang, "report.pool.none");
  }
}

/** One table of the monitoring: its caption and rows of [what, cell]. The page and the CSV both show these. */
export interface MonitoringTable {
  id: string;
  caption: string;
  rows: [string, Cell][];
}

/** The figures as tables with words in one language (the CSV is always in Dutch). */
export function poolMonitoringTables(m: PoolMonitoring, lang: Lang, date: (day: string) => string): MonitoringTable[] {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(lang, key, params);
  const year = m.year;
  const perCode = (kind: "stadsdeel" | "language", rows: CodeRow[]): [string, Cell][] => rows.map((r) => [t(codeLabel(kind, r.code)), r.count]);
  const tables: MonitoringTable[] = [
    {
      id: "grootte",
      caption: t("report.pool.size.caption", { year }),
      rows: m.months.flatMap((row): [string, Cell][] => [
        [t("report.pool.size.rowTotal", { date: date(row.day) }), row.total],
        [t("report.pool.size.rowActive", { date: date(row.day) }), row.active],
        [t("report.pool.size.rowPaused", { date: date(row.day) }), row.paused],
      ]),
    },
    {
      id: "nu",
      caption: t("report.pool.now.caption", { date: date(m.today) }),
      rows: [
        [t("report.pool.size.total"), m.now.total],
        [t("report.pool.size.active"), m.now.active],
        [t("report.pool.size.paused"), m.now.paused],
      ],
    },
    { id: "nu-stadsdeel", caption: t("report.pool.now.stadsdeelCaption", { date: date(m.today) }), rows: perCode("stadsdeel", m.now.byStadsdeel) },
    { id: "nu-taal", caption: t("report.pool.now.languageCaption", { date: date(m.today) }), rows: perCode("language", m.now.byLanguage) },
    {
      id: "vragen",
      caption: t("report.pool.requests.caption", { year, date: date(m.asOf) }),
      rows: [
        [t("report.pool.requests.total"), m.requests.total],
        [t("report.pool.requests.open"), m.requests.open],
        [t("report.pool.requests.closed"), m.requests.closed],
        [t("report.pool.requests.matched"), m.requests.matched],
        [t("report.pool.requests.waiting"), m.requests.waiting],
        [t("report.pool.requests.closedUnmatched"), m.requests.closedUnmatched],
        [t("report.pool.requests.hoursRequested"), m.requests.hoursRequested],
        [t("report.pool.requests.hoursMatched"), m.requests.hoursMatched],
        [t("report.pool.requests.medianDays"), m.requests.medianDaysToMatch],
      ],
    },
    { id: "vragen-stadsdeel", caption: t("report.pool.requests.stadsdeelCaption", { year }), rows: perCode("stadsdeel", m.requests.byStadsdeel) },
    { id: "vragen-taal", caption: t("report.pool.requests.languageCaption", { year }), rows: perCode("language", m.requests.byLanguage) },
    {
      id: "uitnodigingen",
      caption: t("report.pool.invitations.caption", { year, date: date(m.asOf) }),
      rows: [
        [t("report.pool.invitations.total"), m.invitations.total],
        [t("report.pool.invitations.accepted"), m.invitations.accepted],
        [t("report.pool.invitations.declined"), m.invitations.declined],
        [t("report.pool.invitations.withdrawn"), m.invitations.withdrawn],
        [t("report.pool.invitations.unanswered"), m.invitations.unanswered],
      ],
    },
  ];
  // Figures about alumni (issue 31, point 4): a row for each one that is known.
  const alumni: [string, Cell][] = [];
  if (m.alumni.activeInIntervisie) alumni.push([t("report.pool.alumni.intervisie"), m.alumni.activeInIntervisie]);
  if (alumni.length > 0) tables.push({ id: "alumni", caption: t("report.pool.alumni.caption", { year }), rows: alumni });
  return tables;
}
