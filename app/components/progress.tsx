import { Heading3, Paragraph } from "@utrecht/component-library-react";
import type { Eligibility, Figures, RequirementResult } from "../rules/eligibility";
import { describeFigure, describeMissing } from "../i18n/eligibility";
import { useT } from "../i18n/use-t";

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

/**
 * The five requirements, each with plain figures, a bar, and what is missing in one sentence.
 * Written to make sense read aloud: the bar has a text label, the status is a word, not a colour.
 */
export function ProgressList({ eligibility, links }: { eligibility: Eligibility; links?: Partial<Record<RequirementResult["code"], string>> }) {
  const { t, lang } = useT();
  const figure = useFigure();
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
            <Paragraph>{r.figures.map(figure).join(" · ")}</Paragraph>
            <progress className="ll-progress" max={100} value={pct} aria-label={t("progress.bar", { name, percent: pct })}>
              {pct}%
            </progress>
            {r.missing.map((m) => (
              <Paragraph key={m.key}>{describeMissing(lang, m)}</Paragraph>
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
