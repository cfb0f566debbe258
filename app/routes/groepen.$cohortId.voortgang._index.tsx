import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Heading1, Heading2, Paragraph } from "@utrecht/component-library-react";
import { RouteErrorBoundary } from "../components/error-page";
import { LinkRegion } from "../components/link-region";
import { nlds } from "../components/nlds";
import { requirementStatusKey } from "../components/progress";
import { getDb } from "../db.server";
import { requireCohortStaff, todayInAmsterdam } from "../guards.server";
import { describeFigure } from "../i18n/eligibility";
import { getLang } from "../i18n/i18n.server";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { REQUIREMENTS, type RequirementCode } from "../rules/eligibility";
import { cohortProgress, type ParticipantProgress } from "../services/progress.server";

export const meta = titleMeta<typeof loader>("overview.title", ({ cohort }, { t }) => t("overview.pageTitle", { name: cohort.name }));

const SORTS = ["risico", "naam", ...REQUIREMENTS] as const;
type Sort = (typeof SORTS)[number];

function sortRows(rows: ParticipantProgress[], sort: Sort): ParticipantProgress[] {
  const progressOf = (r: ParticipantProgress, code: RequirementCode) => r.eligibility.requirements.find((x) => x.code === code)!.progress;
  const byName = (a: ParticipantProgress, b: ParticipantProgress) => a.participant.name.localeCompare(b.participant.name, "nl");
  const copy = [...rows];
  if (sort === "naam") return copy.sort(byName);
  if (sort === "risico") {
    // At risk first; then the fewest requirements met; then by name.
    const met = (r: ParticipantProgress) => r.eligibility.requirements.filter((x) => x.met).length;
    return copy.sort((a, b) => Number(b.eligibility.atRisk) - Number(a.eligibility.atRisk) || met(a) - met(b) || byName(a, b));
  }
  return copy.sort((a, b) => progressOf(a, sort) - progressOf(b, sort) || byName(a, b));
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { cohort } = await requireCohortStaff(request, params, context.clientIp);
  const url = new URL(request.url);
  const asked = url.searchParams.get("sorteer");
  const sort: Sort = (SORTS as readonly string[]).includes(asked ?? "") ? (asked as Sort) : "risico";
  const [progress, lang] = await Promise.all([cohortProgress(getDb(), cohort.id, todayInAmsterdam()), getLang(request)]);
  // Only what the table shows goes to the page, the figures already written out ("31,5 van 60 uur").
  // The engine's full verdicts are many times as large, and every value sent costs encoding time.
  const slim = (r: ParticipantProgress) => ({
    participant: { id: r.participant.id, name: r.participant.name },
    left: r.left,
    eligibility: {
      atRisk: r.eligibility.atRisk,
      readyForInterview: r.eligibility.readyForInterview,
      requirements: r.eligibility.requirements.map(({ code, met, figures, atRisk }) => ({
        code,
        met,
        atRisk,
        figures: figures.map((f) => describeFigure(lang, f)).join(" · "),
      })),
    },
  });
  const rows = progress!.rows;
  const active = rows.filter((r) => !r.left);
  const left = rows.filter((r) => r.left);
  return { cohort: { id: cohort.id, name: cohort.name }, sort, rows: sortRows(active, sort).map(slim), left: left.map(slim) };
}

export default function CohortOverview() {
  const { cohort, sort, rows, left } = useLoaderData<typeof loader>();
  const { t, date } = useT();
  const linkFor = (code: RequirementCode, pid: number) =>
    code === "praktijk"
      ? `/groepen/${cohort.id}/praktijk/${pid}`
      : code === "pop"
        ? `/pop/${pid}`
        : code === "gop"
          ? `/groepen/${cohort.id}/gop`
          : `/groepen/${cohort.id}/voortgang/${pid}#${code}`;
  const header = (key: Sort, label: string) => (
    <th key={key} className={nlds.tableHeaderCell} scope="col" aria-sort={sort === key ? "ascending" : undefined}>
      {sort === key ? (
        <span>
          {label} <span className="ll-visually-hidden">{t("overview.sortedBy")}</span>
        </span>
      ) : (
        <Link to={`?sorteer=${key}`} className="utrecht-link" aria-label={t("overview.sortBy", { name: label })}>
          {label}
        </Link>
      )}
    </th>
  );
  const atRiskCount = rows.filter((r) => r.eligibility.atRisk).length;
  return (
    <>
      <Paragraph>
        <Link to={`/groepen/${cohort.id}/rooster`} className="utrecht-link">
          {t("schedule.back", { name: cohort.name })}
        </Link>
      </Paragraph>
      <Heading1>{t("overview.title")}</Heading1>
      <Paragraph>{t("overview.intro")}</Paragraph>
      <Paragraph>
        <strong>{t("overview.summary", { total: rows.length, ready: rows.filter((r) => r.eligibility.readyForInterview).length, risk: atRiskCount })}</strong>
      </Paragraph>
      <Paragraph>
        {t("overview.sortIntro")}{" "}
        {sort !== "risico" ? (
          <Link to="?sorteer=risico" className="utrecht-link">
            {t("overview.sortRisk")}
          </Link>
        ) : (
          t("overview.sortedRisk")
        )}
      </Paragraph>
      {/* Plain elements with the design system's classes and plain links: 25 people make some 700 elements (components/nlds.ts). */}
      <LinkRegion className="ll-table-scroll" tabIndex={0} role="region" aria-label={t("overview.caption", { name: cohort.name })}>
        <table className={nlds.table}>
          <caption className={nlds.tableCaption}>{t("overview.caption", { name: cohort.name })}</caption>
          <thead className={nlds.tableHeader}>
            <tr className={nlds.tableRow}>
              {header("naam", t("trainings.staff.participant"))}
              {REQUIREMENTS.map((code) => header(code, t(`requirement.name.${code}`)))}
            </tr>
          </thead>
          <tbody className={nlds.tableBody}>
            {rows.map((r) => (
              <tr className={nlds.tableRow} key={r.participant.id} data-testid={`overview-row-${r.participant.id}`}>
                <th className={nlds.tableHeaderCell} scope="row">
                  <a href={`/groepen/${cohort.id}/voortgang/${r.participant.id}`} className="utrecht-link">
                    {r.participant.name}
                  </a>
                  {r.eligibility.atRisk ? <span className="ll-flag"> {t("overview.riskFlag")}</span> : null}
                </th>
                {r.eligibility.requirements.map((req) => {
                  const status = t(requirementStatusKey(req));
                  // The link's name holds its visible text (the status), so speech input can say it too (WCAG 2.5.3).
                  return (
                    <td key={req.code} className={req.atRisk ? `${nlds.tableCell} ll-cell--risk` : req.met ? `${nlds.tableCell} ll-cell--met` : nlds.tableCell}>
                      <a
                        href={linkFor(req.code, r.participant.id)}
                        className="utrecht-link"
                        aria-label={`${t(`requirement.name.${req.code}`)} ${r.participant.name}: ${status}`}
                      >
                        {status}
                      </a>
                      <br />
                      <span className="ll-muted">{req.figures}</span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </LinkRegion>
      {left.length > 0 ? (
        <section aria-labelledby="left-heading" className="ll-section">
          <Heading2 id="left-heading">{t("overview.left")}</Heading2>
          <ul>
            {left.map((r) => (
              <li key={r.participant.id}>
                <Link to={`/groepen/${cohort.id}/voortgang/${r.participant.id}`} className="utrecht-link">
                  {r.participant.name}
                </Link>{" "}
                {t("overview.leftOn", { date: date(r.left!.on), reason: t(`outflow.reason.${r.left!.reason}`) })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
