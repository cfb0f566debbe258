import { Heading3, Paragraph, UnorderedList, UnorderedListItem } from "@utrecht/component-library-react";
import type { CarriedOver } from "../rules/carry-over";
import type { Eligibility, EligibilityRules, Figures, RequirementCode, RequirementResult } from "../rules/eligibility";
import { describeFigure, describeMissing, type ReasonReader } from "../i18n/eligibility";
import { useT } from "../i18n/use-t";
import { Explain, type Term } from "./explain";

/** "52,5 van 60 uur", "14 van 16 lessen en trainingen", "stap 2 van 3". */
export function useFigure(): (f: Figures) => string {
  const { lang } = useT();
  return (f) => describeFigure(lang, f);
}

/** The status in one word or two: "in orde", "risico", "nog niet klaar". */
export function requirementStatusKey(r: Pick<RequirementResult, "met" | "atRisk">): "progress.met" | "progress.atRisk" | "progress.notYet" {
  return r.met ? "progress.met" : r.atRisk ? "progress.atRisk" : "progress.notYet";
}

export function RequirementStatus({ r }: { r: Pick<RequirementResult, "met" | "atRisk"> }) {
  const { t } = useT();
  return <>{t(requirementStatusKey(r))}</>;
}

/** The course's words a participant meets in each requirement, explained beside it. */
const TERMS_OF: Record<RequirementCode, Term[]> = {
  praktijk: ["leerplek", "werkbegeleider"],
  aanwezigheid: ["intervisie"],
  pop: ["pop"],
  gop: ["gop"],
  interview: ["eindgesprek"],
};

/** For the participant: what a requirement asks, in one or two short sentences (a list where it has parts). */
function RequirementHint({ code, rules }: { code: RequirementCode; rules: EligibilityRules }) {
  const { t, number } = useT();
  if (code === "aanwezigheid") {
    return (
      <>
        <Paragraph>{t("requirement.attendance")}</Paragraph>
        <UnorderedList>
          <UnorderedListItem>{t("requirement.attendance.rate", { percent: Math.round(rules.minAttendanceRate * 100) })}</UnorderedListItem>
          <UnorderedListItem>{t("requirement.attendance.hours", { hours: number(rules.learningHoursTarget) })}</UnorderedListItem>
          <UnorderedListItem>{t("requirement.attendance.intervisie", { meetings: rules.minIntervisieMeetings })}</UnorderedListItem>
        </UnorderedList>
      </>
    );
  }
  const key = code === "praktijk" ? "requirement.practice" : code === "pop" ? "requirement.pop" : code === "gop" ? "requirement.gop" : "requirement.interview";
  return <Paragraph>{t(key, { hours: number(rules.practiceHoursTarget) })}</Paragraph>;
}

/**
 * The five requirements, each with plain figures, a bar, and what is missing in one sentence.
 * Written to make sense read aloud: the bar has a text label, the status is a word, not a colour.
 */
export function ProgressList({
  eligibility,
  links,
  reader,
  rules,
  carriedOver = [],
}: {
  eligibility: Eligibility;
  /** hours from an earlier cohort that count here (coming back after a break), shown with where they came from */
  carriedOver?: CarriedOver[];
  links?: Partial<Record<RequirementResult["code"], string>>;
  /** the participant reads "je"; staff read about the person by name */
  reader: ReasonReader;
  /** given on the participant's own page: each requirement then says what it asks and explains its words */
  rules?: EligibilityRules;
}) {
  const { t, lang, number } = useT();
  const figure = useFigure();
  // Where carried-over hours came from: practice hours under "praktijk", learning hours under "aanwezigheid"
  // (an approved POP from an earlier cohort is named under "pop").
  const fromEarlier = (code: RequirementResult["code"]) =>
    carriedOver.flatMap((c) => {
      const hours = code === "praktijk" ? Math.round((c.practiceConfirmedMinutes / 60) * 100) / 100 : code === "aanwezigheid" ? c.learningHours : 0;
      return hours > 0 ? [{ cohort: c.cohortName, hours }] : [];
    });
  return (
    <ol className="ll-progress-list">
      {eligibility.requirements.map((r) => {
        const pct = Math.round(r.progress * 100);
        const name = t(`requirement.name.${r.code}`);
        return (
          <li key={r.code} className={`ll-progress-item${r.met ? " ll-progress-item--met" : ""}`} data-requirement={r.code}>
            <Heading3 className="ll-progress-item__title">
              {name}: <RequirementStatus r={r} />
            </Heading3>
            {rules && reader.as === "participant" ? (
              <>
                <RequirementHint code={r.code} rules={rules} />
                {TERMS_OF[r.code].map((term) => (
                  <Explain key={term} term={term} />
                ))}
              </>
            ) : null}
            <Paragraph>{r.figures.map(figure).join(" · ")}</Paragraph>
            {fromEarlier(r.code).map((c) => (
              <Paragraph key={c.cohort} data-carried-over="">
                {t("progress.carriedOver", { hours: number(c.hours), cohort: c.cohort })}
              </Paragraph>
            ))}
            {r.code === "pop"
              ? carriedOver
                  .filter((c) => c.approvedPop)
                  .map((c) => (
                    <Paragraph key={c.cohortName} data-carried-over="">
                      {t("progress.carriedOverPop", { cohort: c.cohortName })}
                    </Paragraph>
                  ))
              : null}
            <progress className="ll-progress" max={100} value={pct} aria-label={t("progress.bar", { name, percent: pct })}>
              {pct}%
            </progress>
            {r.missing.map((m) => (
              <Paragraph key={m.key}>{describeMissing(lang, m, reader)}</Paragraph>
            ))}
            {links?.[r.code] ? (
              <Paragraph>
                <a href={links[r.code]} className="utrecht-link">
                  {t("progress.records", { name })}
                </a>
              </Paragraph>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
