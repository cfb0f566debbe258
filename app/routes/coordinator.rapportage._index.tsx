import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Button, Heading1, Heading2, Paragraph } from "@utrecht/component-library-react";
import { requireArea } from "../auth.server";
import { RouteErrorBoundary } from "../components/error-page";
import { LinkRegion } from "../components/link-region";
import { nlds } from "../components/nlds";
import { getDb } from "../db.server";
import { NAMED_LIST_PURPOSES } from "../forms/reports";
import { todayInAmsterdam } from "../guards.server";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { pageParam } from "../forms/search-params";
import { parseReportYear, reportsOverviewPage } from "../services/reports.server";

export const meta = titleMeta("report.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireArea(request, "reports", context.clientIp);
  const today = todayInAmsterdam();
  const url = new URL(request.url);
  const { cohortChoices, ...overview } = await reportsOverviewPage(getDb(), today, parseReportYear(url.searchParams.get("jaar"), today), pageParam(request));
  return { ...overview, cohortChoices, namedListRefused: url.searchParams.get("lijst") === "ongeldig" };
}

export default function Reports() {
  const { year, years, rows, totals, page, pages, cohortsTotal, cohortChoices, namedListRefused } = useLoaderData<typeof loader>();
  // The refusal names both choices: both point at it (issue 27, point 2).
  const refusedProps = namedListRefused ? ({ "aria-invalid": true, "aria-describedby": "named-list-error" } as const) : {};
  const { t, number, date } = useT();
  const caption =
    (year === "alle" ? t("report.captionAll") : t("report.captionYear", { year })) +
    (pages > 1 ? ` ${t("report.pageOf", { page, pages, total: cohortsTotal })}` : "");
  // One year at a time: the page stays the same size however many years of history there are.
  const choices: { key: string; label: string; current: boolean }[] = [
    ...years.map((y) => ({ key: String(y), label: String(y), current: year === y })),
    { key: "alle", label: t("report.allYears"), current: year === "alle" },
  ];
  return (
    <>
      <Heading1>{t("report.title")}</Heading1>
      <Paragraph>{t("report.intro")}</Paragraph>
      <nav aria-label={t("report.chooseYear")}>
        <ul className="ll-nav__list">
          {choices.map((c) => (
            <li key={c.key}>
              <a href={`?jaar=${c.key}`} className="ll-nav__link" aria-current={c.current ? "page" : undefined}>
                {c.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <Paragraph>{year === "alle" ? t("report.allIntro") : t("report.yearIntro", { year })}</Paragraph>
      {/* Plain elements with the design system's classes and plain links (components/nlds.ts). */}
      <LinkRegion className="ll-table-scroll" tabIndex={0} role="region" aria-label={caption}>
        <table className={nlds.table}>
          <caption className={nlds.tableCaption}>{caption}</caption>
          <thead className={nlds.tableHeader}>
            <tr className={nlds.tableRow}>
              <th className={nlds.tableHeaderCell} scope="col">
                {t("report.col.cohort")}
              </th>
              <th className={nlds.tableHeaderCell} scope="col">
                {t("report.col.participants")}
              </th>
              <th className={nlds.tableHeaderCell} scope="col">
                {t("report.col.left")}
              </th>
              <th className={nlds.tableHeaderCell} scope="col">
                {t("report.col.ready")}
              </th>
              <th className={nlds.tableHeaderCell} scope="col">
                {t("report.col.eligible")}
              </th>
              <th className={nlds.tableHeaderCell} scope="col">
                {t("report.col.certified")}
              </th>
              <th className={nlds.tableHeaderCell} scope="col">
                {t("report.col.atRisk")}
              </th>
              <th className={nlds.tableHeaderCell} scope="col">
                {t("report.col.delivered")}
              </th>
              <th className={nlds.tableHeaderCell} scope="col">
                {t("report.col.practice")}
              </th>
              <th className={nlds.tableHeaderCell} scope="col">
                {t("report.col.downloads")}
              </th>
            </tr>
          </thead>
          <tbody className={nlds.tableBody}>
            {rows.length === 0 ? (
              <tr className={nlds.tableRow}>
                <td className={nlds.tableCell} colSpan={10}>
                  {t("report.noCohorts")}
                </td>
              </tr>
            ) : null}
            {rows.map((r) => (
              <tr className={nlds.tableRow} key={r.cohort.id}>
                <th className={nlds.tableHeaderCell} scope="row">
                  <a href={`/groepen/${r.cohort.id}/voortgang`} className="utrecht-link">
                    {r.cohort.name}
                  </a>
                  <br />
                  <span className="ll-muted">{t("cohort.dates", { start: date(r.cohort.start_date), end: date(r.cohort.end_date) })}</span>
                </th>
                <td className={nlds.tableCell}>{number(r.counts.participants)}</td>
                <td className={nlds.tableCell}>{number(r.counts.left)}</td>
                <td className={nlds.tableCell}>{number(r.counts.readyForInterview)}</td>
                <td className={nlds.tableCell}>{number(r.counts.eligible)}</td>
                <td className={nlds.tableCell}>{number(r.counts.certified)}</td>
                <td className={nlds.tableCell}>{number(r.counts.atRisk)}</td>
                <td className={nlds.tableCell}>{number(r.delivered.total)}</td>
                <td className={nlds.tableCell}>{number(r.practiceConfirmedHours)}</td>
                <td className={nlds.tableCell}>
                  <a href={`/coordinator/rapportage/${r.cohort.id}.csv`} className="utrecht-link" download>
                    {t("report.csv", { name: r.cohort.name })}
                  </a>
                  <br />
                  <a href={`/coordinator/rapportage/${r.cohort.id}.pdf`} className="utrecht-link" download>
                    {t("report.pdf", { name: r.cohort.name })}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot className={nlds.tableFooter}>
            <tr className={nlds.tableRow}>
              <th className={nlds.tableHeaderCell} scope="row">
                {t("report.total")}
              </th>
              <td className={nlds.tableCell}>{number(totals.participants)}</td>
              <td className={nlds.tableCell}>{number(totals.left)}</td>
              <td className={nlds.tableCell}>{number(totals.readyForInterview)}</td>
              <td className={nlds.tableCell}>{number(totals.eligible)}</td>
              <td className={nlds.tableCell}>{number(totals.certified)}</td>
              <td className={nlds.tableCell}>{number(totals.atRisk)}</td>
              <td className={nlds.tableCell}>{number(totals.deliveredHours)}</td>
              <td className={nlds.tableCell}>{number(totals.practiceConfirmedHours)}</td>
              <td className={nlds.tableCell} />
            </tr>
          </tfoot>
        </table>
      </LinkRegion>
      {totals.returning > 0 ? <p>{t("report.returning", { count: number(totals.returning) })}</p> : null}
      {pages > 1 ? (
        <nav aria-label={t("report.pages")} className="ll-pager">
          {page > 1 ? (
            <a href={`?jaar=${year}&pagina=${page - 1}`} className="utrecht-link">
              {t("report.newer")}
            </a>
          ) : null}{" "}
          {page < pages ? (
            <a href={`?jaar=${year}&pagina=${page + 1}`} className="utrecht-link">
              {t("report.older")}
            </a>
          ) : null}
        </nav>
      ) : null}
      <Paragraph>{t("report.funder.smallNote")}</Paragraph>
      {/* Issue 31, point 5: the pool of ervaringsdeskundigen in figures, for the gemeente and the ANE. */}
      <Paragraph>
        <a href="/coordinator/rapportage/pool" className="utrecht-link">
          {t("report.pool.link")}
        </a>
        . {t("report.pool.linkIntro")}
      </Paragraph>
      <section aria-labelledby="namen">
        <Heading2 id="namen">{t("report.named.title")}</Heading2>
        <Paragraph>{t("report.named.intro")}</Paragraph>
        {namedListRefused ? (
          // eslint-disable-next-line jsx-a11y/no-autofocus -- the answer to the form, shown where the person is looking
          <p id="named-list-error" className="utrecht-form-field-error-message" role="alert" tabIndex={-1} autoFocus>
            {t("report.named.invalid")}
          </p>
        ) : null}
        {/* A plain GET form: the browser downloads the CSV, with or without JavaScript. */}
        <form method="get" action="/coordinator/namenlijst.csv" className="ll-form">
          <div className="ll-filter-grid">
            <label>
              {t("report.named.cohort")}
              <select className="utrecht-select" name="groep" required defaultValue="" {...refusedProps}>
                <option value="" disabled>
                  {t("report.named.cohort")}
                </option>
                {cohortChoices.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t("report.named.purpose")}
              <select className="utrecht-select" name="doel" required defaultValue="" {...refusedProps}>
                <option value="" disabled>
                  {t("report.named.purpose")}
                </option>
                {NAMED_LIST_PURPOSES.map((p) => (
                  <option key={p} value={p}>
                    {t(`report.named.purpose.${p}`)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <Button type="submit" appearance="secondary-action-button">
            {t("report.named.download")}
          </Button>
        </form>
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
