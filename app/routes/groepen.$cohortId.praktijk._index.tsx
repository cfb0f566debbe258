import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Heading1, Paragraph, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from "@utrecht/component-library-react";
import { RouteErrorBoundary } from "../components/error-page";
import { useHours } from "../components/practice";
import { getDb } from "../db.server";
import { requireCohortStaff } from "../guards.server";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { cohortPractice } from "../services/practice.server";

export const meta = titleMeta<typeof loader>("practice.staff.title", ({ cohort }, { t }) => t("practice.staff.pageTitle", { name: cohort.name }));

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { cohort } = await requireCohortStaff(request, params, context.clientIp);
  return { cohort: { id: cohort.id, name: cohort.name }, rows: await cohortPractice(getDb(), cohort.id) };
}

export default function StaffPractice() {
  const { cohort, rows } = useLoaderData<typeof loader>();
  const { t } = useT();
  const hours = useHours();
  return (
    <>
      <Paragraph>
        <Link to={`/groepen/${cohort.id}/rooster`} className="utrecht-link">
          {t("schedule.back", { name: cohort.name })}
        </Link>
      </Paragraph>
      <Heading1>{t("practice.staff.title")}</Heading1>
      <Paragraph>{t("practice.staff.intro")}</Paragraph>
      <div className="ll-table-scroll" tabIndex={0} role="region" aria-label={t("practice.staff.caption", { name: cohort.name })}>
        <Table>
          <TableCaption>{t("practice.staff.caption", { name: cohort.name })}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t("trainings.staff.participant")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("placement.title")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("practice.staff.confirmed")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("practice.staff.open")}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={r.id}>
                <TableCell>
                  <Link to={`/groepen/${cohort.id}/praktijk/${r.id}`} className="utrecht-link">
                    {r.name}
                  </Link>
                </TableCell>
                <TableCell>{r.organisation ? `${r.organisation} (${r.supervisor_name ?? ""})` : t("placement.missing")}</TableCell>
                <TableCell>{t("practice.staff.ofTarget", { hours: hours(r.confirmedMinutes), target: hours(r.targetMinutes) })}</TableCell>
                <TableCell>{r.openMinutes > 0 ? t("practice.hoursValue", { hours: hours(r.openMinutes) }) : "–"}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
