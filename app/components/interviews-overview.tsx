import { Link } from "@remix-run/react";
import { Heading1, Heading2, Paragraph, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow, UnorderedList, UnorderedListItem } from "@utrecht/component-library-react";
import { useT } from "../i18n/use-t";
import type { interviewsFor } from "../services/interviews.server";

type Overview = Awaited<ReturnType<typeof interviewsFor>>;

function InterviewTable({ rows, caption }: { rows: Overview["planned"]; caption: string }) {
  const { t, date } = useT();
  return (
    <div className="ll-table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <Table>
        <TableCaption className="ll-visually-hidden">{caption}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t("session.date")}</TableHeaderCell>
            <TableHeaderCell scope="col">{t("trainings.staff.participant")}</TableHeaderCell>
            <TableHeaderCell scope="col">{t("trainings.staff.status")}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((i) => (
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
  );
}

/** Interviews to hold or held, and who is ready for one: the examiner's and coordinator's list. */
export function InterviewsOverview({ interviews, candidates }: { interviews: Overview; candidates: { id: number; name: string; cohort: string }[] }) {
  const { t } = useT();
  return (
    <>
      <Heading1>{t("examiner.home.title")}</Heading1>
      <Paragraph>{t("examiner.home.intro")}</Paragraph>
      <section aria-labelledby="mine-heading" className="ll-section">
        <Heading2 id="mine-heading">{t("interview.list.planned")}</Heading2>
        {interviews.planned.length === 0 ? <Paragraph>{t("interview.list.none")}</Paragraph> : <InterviewTable rows={interviews.planned} caption={t("interview.list.planned")} />}
      </section>
      <section aria-labelledby="held-heading" className="ll-section">
        <Heading2 id="held-heading">{t("interview.list.held")}</Heading2>
        {interviews.heldTotal === 0 ? (
          <Paragraph>{t("interview.list.noneHeld")}</Paragraph>
        ) : (
          <>
            <InterviewTable rows={interviews.held} caption={t("interview.list.heldCaption", { page: interviews.page, pages: interviews.pages, total: interviews.heldTotal })} />
            {interviews.pages > 1 ? (
              <nav aria-label={t("interview.list.pages")} className="ll-pager">
                {interviews.page > 1 ? (
                  <Link to={`?pagina=${interviews.page - 1}#held-heading`} className="utrecht-link">
                    {t("interview.list.newer")}
                  </Link>
                ) : null}{" "}
                {interviews.page < interviews.pages ? (
                  <Link to={`?pagina=${interviews.page + 1}#held-heading`} className="utrecht-link">
                    {t("interview.list.older")}
                  </Link>
                ) : null}
              </nav>
            ) : null}
          </>
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

