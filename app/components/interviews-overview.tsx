import { Link } from "@remix-run/react";
import { Heading1, Heading2, Paragraph, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow, UnorderedList, UnorderedListItem } from "@utrecht/component-library-react";
import { useT } from "../i18n/use-t";
import type { interviewsFor } from "../services/interviews.server";

/** Interviews to hold or held, and who is ready for one: the examiner's and coordinator's list. */
export function InterviewsOverview({ interviews, candidates }: { interviews: Awaited<ReturnType<typeof interviewsFor>>; candidates: { id: number; name: string; cohort: string }[] }) {
  const { t, date } = useT();
  return (
    <>
      <Heading1>{t("examiner.home.title")}</Heading1>
      <Paragraph>{t("examiner.home.intro")}</Paragraph>
      <section aria-labelledby="mine-heading" className="ll-section">
        <Heading2 id="mine-heading">{t("interview.list.title")}</Heading2>
        {interviews.length === 0 ? (
          <Paragraph>{t("interview.list.none")}</Paragraph>
        ) : (
          <div className="ll-table-scroll" tabIndex={0} role="region" aria-label={t("interview.list.title")}>
            <Table>
              <TableCaption className="ll-visually-hidden">{t("interview.list.title")}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t("session.date")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("trainings.staff.participant")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("trainings.staff.status")}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {interviews.map((i) => (
                  <TableRow key={i.id}>
                    <TableCell>
                      {date(i.date)}, {i.start_time}
                    </TableCell>
                    <TableHeaderCell scope="row">
                      <Link to={`/eindgesprekken/${i.id}`} className="utrecht-link">
                        {t("interview.list.open", { name: i.name })}
                      </Link>
                    </TableHeaderCell>
                    <TableCell>
                      {i.status === "gepland" ? t("interview.status.gepland") : t(`interview.outcome.${i.outcome ?? "herkansing"}`)}
                      {i.corrects_id ? ` · ${t("interview.isCorrection")}` : ""}
                      {i.superseded_at ? ` · ${t("interview.superseded")}` : ""}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </section>
      <section aria-labelledby="ready-heading" className="ll-section">
        <Heading2 id="ready-heading">{t("interview.candidates")}</Heading2>
        {candidates.length === 0 ? (
          <Paragraph>{t("interview.candidates.none")}</Paragraph>
        ) : (
          <UnorderedList>
            {candidates.map((c) => (
              <UnorderedListItem key={c.id}>
                {c.name} ({c.cohort}) ·{" "}
                <Link to={`/eindgesprekken/nieuw?deelnemer=${c.id}`} className="utrecht-link">
                  {t("interview.plan.for", { name: c.name })}
                </Link>
              </UnorderedListItem>
            ))}
          </UnorderedList>
        )}
        <Paragraph>
          <Link to="/leerlijn#competenties" className="utrecht-link">
            {t("examiner.home.criteria")}
          </Link>
        </Paragraph>
      </section>
    </>
  );
}

