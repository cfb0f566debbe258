import { Link } from "@remix-run/react";
import { Paragraph, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from "@utrecht/component-library-react";
import { useT } from "../i18n/use-t";

export interface CohortRow {
  id: number;
  name: string;
  start_date: string;
  end_date: string;
  leerlijn_name: string;
  leerlijn_version: number;
  participant_count: number;
  trainer_names: string[];
}

/** The list of cohorts, for coordinators (manage) and trainers (teach). */
export function CohortTable({ cohorts, linkBase, caption }: { cohorts: CohortRow[]; linkBase: string; caption: string }) {
  const { t, date } = useT();
  if (cohorts.length === 0) return <Paragraph>{t("cohorts.none")}</Paragraph>;
  return (
    <div className="ll-table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <Table>
        <TableCaption>{caption}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t("cohorts.table.name")}</TableHeaderCell>
            <TableHeaderCell scope="col">{t("cohorts.table.period")}</TableHeaderCell>
            <TableHeaderCell scope="col">{t("cohorts.table.leerlijn")}</TableHeaderCell>
            <TableHeaderCell scope="col">{t("cohorts.table.trainers")}</TableHeaderCell>
            <TableHeaderCell scope="col">{t("cohorts.table.participants")}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {cohorts.map((c) => (
            <TableRow key={c.id}>
              <TableHeaderCell scope="row">
                <Link to={`${linkBase}/${c.id}`} className="utrecht-link">
                  {c.name}
                </Link>
              </TableHeaderCell>
              <TableCell>{t("cohort.dates", { start: date(c.start_date), end: date(c.end_date) })}</TableCell>
              <TableCell>{t("cohort.leerlijn", { name: c.leerlijn_name, version: c.leerlijn_version })}</TableCell>
              <TableCell>{c.trainer_names.join(", ") || t("cohort.noTrainers")}</TableCell>
              <TableCell>{c.participant_count}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
