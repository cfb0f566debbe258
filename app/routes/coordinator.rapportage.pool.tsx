import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Heading1, Heading2, Paragraph } from "@utrecht/component-library-react";
import { requireArea } from "../auth.server";
import { RouteErrorBoundary } from "../components/error-page";
import { nlds } from "../components/nlds";
import { getDb } from "../db.server";
import { todayInAmsterdam } from "../guards.server";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import type { Cell } from "../rules/small-cells";
import { cellText, poolMonitoringTables, type MonitoringTable } from "../rules/pool-monitoring-tables";
import { parsePoolMonitoringYear, poolMonitoring } from "../services/pool-monitoring.server";

/**
 * The pool of ervaringsdeskundigen in figures, for the gemeente and the ANE (issue 31, point 5):
 * aggregates only, small counts as "< 5" and no names (coordinators only). The same tables as
 * the CSV download (coordinator.pool-cijfers[.]csv.tsx).
 */
export const meta = titleMeta("report.pool.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireArea(request, "reports", context.clientIp);
  const today = todayInAmsterdam();
  const year = parsePoolMonitoringYear(new URL(request.url).searchParams.get("jaar"), today);
  // The loader sends only cells: a hidden number is not in the page's data either.
  return poolMonitoring(getDb(), year, { today });
}

function Table({ table, col }: { table: MonitoringTable; col: string }) {
  const { t, lang, number } = useT();
  const captionId = `tabel-${table.id}`;
  return (
    <div className="ll-table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className={nlds.table}>
        <caption className={nlds.tableCaption} id={captionId}>
          {table.caption}
        </caption>
        <thead className={nlds.tableHeader}>
          <tr className={nlds.tableRow}>
            <th className={nlds.tableHeaderCell} scope="col">
              {t("report.pool.col.what")}
            </th>
            <th className={nlds.tableHeaderCell} scope="col">
              {col}
            </th>
          </tr>
        </thead>
        <tbody className={nlds.tableBody}>
          {table.rows.map(([what, cell]) => (
            <tr className={nlds.tableRow} key={what}>
              <th className={nlds.tableHeaderCell} scope="row">
                {what}
              </th>
              <td className={nlds.tableCell}>{cellText(lang, cell, number)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function PoolMonitoringPage() {
  const m = useLoaderData<typeof loader>();
  const { t, lang, number, date } = useT();
  const text = (cell: Cell) => cellText(lang, cell, number);
  const tables = Object.fromEntries(poolMonitoringTables(m, lang, date).map((table) => [table.id, table]));
  const sizeCaption = t("report.pool.size.caption", { year: m.year });
  return (
    <>
      <Heading1>{t("report.pool.title")}</Heading1>
      <Paragraph>{t("report.pool.intro")}</Paragraph>
      <nav aria-label={t("report.chooseYear")}>
        <ul className="ll-nav__list">
          {m.years.map((y) => (
            <li key={y}>
              <a href={`?jaar=${y}`} className="ll-nav__link" aria-current={m.year === y ? "page" : undefined}>
                {y}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <Paragraph>{t("report.pool.yearIntro", { year: m.year, date: date(m.asOf) })}</Paragraph>
      <Paragraph>{t("report.pool.smallNote")}</Paragraph>
      <Paragraph>
        {/* A plain link: the browser downloads the file, with or without JavaScript. */}
        <a href={`/coordinator/pool-cijfers.csv?jaar=${m.year}`} className="utrecht-link" download>
          {t("report.pool.download", { year: m.year })}
        </a>
      </Paragraph>

      <section aria-labelledby="grootte">
        <Heading2 id="grootte">{t("report.pool.sizeHeading")}</Heading2>
        <div className="ll-table-scroll" role="region" aria-label={sizeCaption} tabIndex={0}>
          <table className={nlds.table}>
            <caption className={nlds.tableCaption}>{sizeCaption}</caption>
            <thead className={nlds.tableHeader}>
              <tr className={nlds.tableRow}>
                <th className={nlds.tableHeaderCell} scope="col">
                  {t("report.pool.size.day")}
                </th>
                <th className={nlds.tableHeaderCell} scope="col">
                  {t("report.pool.size.total")}
                </th>
                <th className={nlds.tableHeaderCell} scope="col">
                  {t("report.pool.size.active")}
                </th>
                <th className={nlds.tableHeaderCell} scope="col">
                  {t("report.pool.size.paused")}
                </th>
              </tr>
            </thead>
            <tbody className={nlds.tableBody}>
              {m.months.map((row) => (
                <tr className={nlds.tableRow} key={row.day}>
                  <th className={nlds.tableHeaderCell} scope="row">
                    {date(row.day)}
                  </th>
                  <td className={nlds.tableCell}>{text(row.total)}</td>
                  <td className={nlds.tableCell}>{text(row.active)}</td>
                  <td className={nlds.tableCell}>{text(row.paused)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {tables.nu ? <Table table={tables.nu} col={t("report.pool.col.count")} /> : null}
        <Paragraph>{t("report.pool.now.note")}</Paragraph>
        {tables["nu-stadsdeel"] ? <Table table={tables["nu-stadsdeel"]} col={t("report.pool.col.members")} /> : null}
        {tables["nu-taal"] ? <Table table={tables["nu-taal"]} col={t("report.pool.col.members")} /> : null}
      </section>

      <section aria-labelledby="vragen">
        <Heading2 id="vragen">{t("report.pool.requestsHeading")}</Heading2>
        {tables.vragen ? <Table table={tables.vragen} col={t("report.pool.col.count")} /> : null}
        {tables["vragen-stadsdeel"] ? <Table table={tables["vragen-stadsdeel"]} col={t("report.pool.col.requests")} /> : null}
        {tables["vragen-taal"] ? <Table table={tables["vragen-taal"]} col={t("report.pool.col.requests")} /> : null}
        {tables.uitnodigingen ? <Table table={tables.uitnodigingen} col={t("report.pool.col.count")} /> : null}
      </section>

      {tables.alumni ? (
        <section aria-labelledby="alumni">
          <Heading2 id="alumni">{t("report.pool.alumniHeading")}</Heading2>
          <Table table={tables.alumni} col={t("report.pool.col.count")} />
        </section>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
