import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Heading1, Paragraph, Table, TableBody, TableCaption, TableCell, TableFooter, TableHeader, TableHeaderCell, TableRow } from "@utrecht/component-library-react";
import { requireArea } from "../auth.server";
import { RouteErrorBoundary } from "../components/error-page";
import { getDb } from "../db.server";
import { todayInAmsterdam } from "../guards.server";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { reportsOverview } from "../services/reports.server";

export const meta = titleMeta("report.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireArea(request, "reports", context.clientIp);
  return reportsOverview(getDb(), todayInAmsterdam());
}

export default function Reports() {
  const { rows, totals } = useLoaderData<typeof loader>();
  const { t, number, date } = useT();
  return (
    <>
      <Heading1>{t("report.title")}</Heading1>
      <Paragraph>{t("report.intro")}</Paragraph>
      <div className="ll-table-scroll" tabIndex={0} role="region" aria-label={t("report.caption")}>
        <Table>
          <TableCaption>{t("report.caption")}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t("report.col.cohort")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("report.col.participants")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("report.col.left")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("report.col.ready")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("report.col.eligible")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("report.col.certified")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("report.col.atRisk")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("report.col.delivered")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("report.col.practice")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("report.col.downloads")}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={r.cohort.id}>
                <TableHeaderCell scope="row">
                  <Link to={`/groepen/${r.cohort.id}/voortgang`} className="utrecht-link">
                    {r.cohort.name}
                  </Link>
                  <br />
                  <span className="ll-muted">{t("cohort.dates", { start: date(r.cohort.start_date), end: date(r.cohort.end_date) })}</span>
                </TableHeaderCell>
                <TableCell>{number(r.counts.participants)}</TableCell>
                <TableCell>{number(r.counts.left)}</TableCell>
                <TableCell>{number(r.counts.readyForInterview)}</TableCell>
                <TableCell>{number(r.counts.eligible)}</TableCell>
                <TableCell>{number(r.counts.certified)}</TableCell>
                <TableCell>{number(r.counts.atRisk)}</TableCell>
                <TableCell>{number(r.delivered.total)}</TableCell>
                <TableCell>{number(r.practiceConfirmedHours)}</TableCell>
                <TableCell>
                  <a href={`/coordinator/rapportage/${r.cohort.id}.csv`} className="utrecht-link" download>
                    {t("report.csv", { name: r.cohort.name })}
                  </a>
                  <br />
                  <a href={`/coordinator/rapportage/${r.cohort.id}.pdf`} className="utrecht-link" download>
                    {t("report.pdf", { name: r.cohort.name })}
                  </a>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
          <TableFooter>
            <TableRow>
              <TableHeaderCell scope="row">{t("report.total")}</TableHeaderCell>
              <TableCell>{number(totals.participants)}</TableCell>
              <TableCell>{number(totals.left)}</TableCell>
              <TableCell>{number(totals.readyForInterview)}</TableCell>
              <TableCell>{number(totals.eligible)}</TableCell>
              <TableCell>{number(totals.certified)}</TableCell>
              <TableCell>{number(totals.atRisk)}</TableCell>
              <TableCell>{number(totals.deliveredHours)}</TableCell>
              <TableCell>{number(totals.practiceConfirmedHours)}</TableCell>
              <TableCell />
            </TableRow>
          </TableFooter>
        </Table>
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
