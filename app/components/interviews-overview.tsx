import { Heading1, Heading2, Paragraph } from "@utrecht/component-library-react";
import { useT } from "../i18n/use-t";
import { LinkRegion } from "./link-region";
import { nlds, unorderedListProps } from "./nlds";
import type { CandidatesPage, interviewsFor } from "../services/interviews.server";

type Overview = Awaited<ReturnType<typeof interviewsFor>>;

function InterviewTable({ rows, caption }: { rows: Overview["planned"]; caption: string }) {
  const { t, date } = useT();
  return (
    <div className="ll-table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className={nlds.table}>
        <caption className={`${nlds.tableCaption} ll-visually-hidden`}>{caption}</caption>
        <thead className={nlds.tableHeader}>
          <tr className={nlds.tableRow}>
            <th className={nlds.tableHeaderCell} scope="col">
              {t("session.date")}
            </th>
            <th className={nlds.tableHeaderCell} scope="col">
              {t("trainings.staff.participant")}
            </th>
            <th className={nlds.tableHeaderCell} scope="col">
              {t("trainings.staff.status")}
            </th>
          </tr>
        </thead>
        <tbody className={nlds.tableBody}>
          {rows.map((i) => (
            <tr className={nlds.tableRow} key={i.id}>
              <td className={nlds.tableCell}>
                {date(i.date)}, {i.start_time}
              </td>
              <th className={nlds.tableHeaderCell} scope="row">
                <a href={`/eindgesprekken/${i.id}`} className="utrecht-link">
                  {t("interview.list.open", { name: i.name })}
                </a>
              </th>
              <td className={nlds.tableCell}>
                {i.status === "gepland" ? t("interview.status.gepland") : t(`interview.outcome.${i.outcome ?? "herkansing"}`)}
                {i.corrects_id ? ` · ${t("interview.isCorrection")}` : ""}
                {i.superseded_at ? ` · ${t("interview.superseded")}` : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Interviews to hold or held, and who is ready for one: the examiner's and coordinator's list.
 * `all`: the coordinator's view of every interview (not "assigned to you").
 */
export function InterviewsOverview({ interviews, candidates, all = false }: { interviews: Overview; candidates: CandidatesPage; all?: boolean }) {
  const { t } = useT();
  const noneAtAll = interviews.planned.length === 0 && interviews.heldTotal === 0;
  // The two lists page on their own; a link to one keeps the page of the other.
  const pagesHref = (held: number, ready: number, anchor: string) => `?pagina=${held}${ready > 1 ? `&kandidaten=${ready}` : ""}#${anchor}`;
  // Plain elements with the design system's classes and plain links, followed by the router (components/nlds.ts, link-region.tsx).
  return (
    <LinkRegion>
      <Heading1>{all ? t("interview.list.title") : t("examiner.home.title")}</Heading1>
      <Paragraph>
        {all ? t("examiner.home.introAll") : t("examiner.home.intro")}
        {!all && noneAtAll ? ` ${t("examiner.home.noneAssigned")}` : ""}
      </Paragraph>
      <section className="ll-section">
        <Heading2 id="mine-heading">{t("interview.list.planned")}</Heading2>
        {interviews.planned.length === 0 ? (
          <Paragraph>{t(all ? "interview.list.noneAll" : "interview.list.none")}</Paragraph>
        ) : (
          <InterviewTable rows={interviews.planned} caption={t("interview.list.planned")} />
        )}
      </section>
      <section className="ll-section">
        <Heading2 id="held-heading">{t("interview.list.held")}</Heading2>
        {interviews.heldTotal === 0 ? (
          <Paragraph>{t("interview.list.noneHeld")}</Paragraph>
        ) : (
          <>
            <InterviewTable
              rows={interviews.held}
              caption={t("interview.list.heldCaption", { page: interviews.page, pages: interviews.pages, total: interviews.heldTotal })}
            />
            {interviews.pages > 1 ? (
              <nav aria-label={t("interview.list.pages")} className="ll-pager">
                {interviews.page > 1 ? (
                  <a href={pagesHref(interviews.page - 1, candidates.page, "held-heading")} className="utrecht-link">
                    {t("interview.list.newer")}
                  </a>
                ) : null}{" "}
                {interviews.page < interviews.pages ? (
                  <a href={pagesHref(interviews.page + 1, candidates.page, "held-heading")} className="utrecht-link">
                    {t("interview.list.older")}
                  </a>
                ) : null}
              </nav>
            ) : null}
          </>
        )}
      </section>
      <section className="ll-section">
        <Heading2 id="ready-heading">{t("interview.candidates")}</Heading2>
        {candidates.total === 0 ? (
          <Paragraph>{t("interview.candidates.none")}</Paragraph>
        ) : (
          <>
            {candidates.pages > 1 ? (
              <Paragraph>{t("interview.candidates.pageOf", { page: candidates.page, pages: candidates.pages, total: candidates.total })}</Paragraph>
            ) : null}
            <ul {...unorderedListProps}>
              {candidates.rows.map((c) => (
                <li className={nlds.unorderedListItem} key={c.id}>
                  {c.name} ({c.cohort}) ·{" "}
                  <a href={`/eindgesprekken/nieuw?deelnemer=${c.id}`} className="utrecht-link">
                    {t("interview.plan.for", { name: c.name })}
                  </a>
                </li>
              ))}
            </ul>
            {candidates.pages > 1 ? (
              <nav aria-label={t("interview.candidates.pages")} className="ll-pager">
                {candidates.page > 1 ? (
                  <a href={pagesHref(interviews.page, candidates.page - 1, "ready-heading")} className="utrecht-link">
                    {t("interview.candidates.newer")}
                  </a>
                ) : null}{" "}
                {candidates.page < candidates.pages ? (
                  <a href={pagesHref(interviews.page, candidates.page + 1, "ready-heading")} className="utrecht-link">
                    {t("interview.candidates.older")}
                  </a>
                ) : null}
              </nav>
            ) : null}
          </>
        )}
        <Paragraph>
          <a href="/leerlijn#competenties" className="utrecht-link">
            {t("examiner.home.criteria")}
          </a>
        </Paragraph>
      </section>
    </LinkRegion>
  );
}
