/**
 * What a funder gets about a cohort: aggregates only, never a person. Counts of people under 5
 * (but not 0) are shown as "< 5", so a small group cannot be traced back to someone; why people
 * left is given per reason category, under the same rule. Hours are totals over everyone.
 * The CSV and the PDF for funders are both made from these lines.
 */
import { LEFT_REASONS, type LeftReason } from "../../db/schema";
import type { MessageKey } from "../i18n/nl";
import { protectPartitions, SMALL_CELL, type Cell } from "./small-cells";

export { SMALL_CELL };

/**
 * `suppressed`: 1–4, shown as "< 5". `hidden`: a larger count not shown ("niet getoond") because
 * with it a small count could be worked out by subtraction (left 6, for work 5: for health is 1).
 */
export type FunderValue = { kind: "people"; count: number; suppressed: boolean; hidden?: boolean } | { kind: "hours"; hours: number };

export interface FunderLine {
  label: MessageKey;
  params?: Record<string, string>;
  value: FunderValue;
}

export interface FunderInput {
  counts: {
    participants: number;
    active: number;
    left: number;
    readyForInterview: number;
    eligible: number;
    certified: number;
    notFinished?: number;
    atRisk: number;
  };
  /** the cohort has ended: instead of "still busy", those neither certified nor left are "did not finish" */
  ended?: boolean;
  leftReasons: LeftReason[];
  delivered: { total: number; les: number; training: number; intervisie: number };
  learningHoursCredited: number;
  practiceConfirmedHours: number;
  /**
   * Coming back after a break (issue 29, point 9): people in this cohort who bring hours or an
   * approved POP from an earlier cohort, and those hours summed. The carried hours are not in the
   * two totals above (they stay with the cohort they were made in), so nothing is counted twice.
   */
  carried?: { people: number; learningHours: number; practiceHours: number };
}

export function people(count: number): FunderValue {
  return { kind: "people", count, suppressed: count > 0 && count < SMALL_CELL };
}

const fromCell = (count: number, cell: Cell): FunderValue =>
  cell.kind === "hidden" ? { kind: "people", count, suppressed: false, hidden: true } : { kind: "people", count, suppressed: cell.kind === "small" };

export function funderLines(input: FunderInput): FunderLine[] {
  const c = input.counts;
  const reasonCounts = LEFT_REASONS.map((reason) => input.leftReasons.filter((r) => r === reason).length);
  // The reasons split "left": protected together (small-cells.ts), so no "< 5" can be worked out
  // from the total. "left" itself stays: it follows from the participants and those still in.
  const split = reasonCounts.reduce((a, b) => a + b, 0) === c.left ? protectPartitions(c.left, [reasonCounts], { totalKnown: true }) : null;
  const leftValue = split ? fromCell(c.left, split.total) : people(c.left);
  const reasonValue = (i: number) => (split ? fromCell(reasonCounts[i]!, split.partitions[0]![i]!) : people(reasonCounts[i]!));
  const hours = (h: number): FunderValue => ({ kind: "hours", hours: h });
  return [
    { label: "report.col.participants", value: people(c.participants) },
    input.ended
      ? { label: "report.funder.notFinished", value: people(c.notFinished ?? Math.max(0, c.active - c.certified)) }
      : { label: "report.col.active", value: people(c.active) },
    { label: "report.col.left", value: leftValue },
    ...LEFT_REASONS.map((reason, i): FunderLine => ({ label: "report.funder.leftBecause", params: { reason }, value: reasonValue(i) })),
    { label: "report.col.ready", value: people(c.readyForInterview) },
    { label: "report.col.eligible", value: people(c.eligible) },
    { label: "report.col.certified", value: people(c.certified) },
    { label: "report.col.atRisk", value: people(c.atRisk) },
    { label: "report.col.delivered", value: hours(input.delivered.total) },
    { label: "report.funder.deliveredLessons", value: hours(input.delivered.les) },
    { label: "report.funder.deliveredTrainings", value: hours(input.delivered.training) },
    { label: "report.funder.deliveredIntervisie", value: hours(input.delivered.intervisie) },
    { label: "report.col.learningCredited", value: hours(input.learningHoursCredited) },
    { label: "report.col.practice", value: hours(input.practiceConfirmedHours) },
    { label: "report.funder.returning", value: people(input.carried?.people ?? 0) },
    { label: "report.funder.carriedLearning", value: hours(input.carried?.learningHours ?? 0) },
    { label: "report.funder.carriedPractice", value: hours(input.carried?.practiceHours ?? 0) },
  ];
}
