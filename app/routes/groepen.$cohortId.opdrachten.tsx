import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import {
  Heading1,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from "@utrecht/component-library-react";
import { notFound } from "../auth.server";
import { RouteErrorBoundary } from "../components/error-page";
import { useDeadlineText } from "../components/open-assignments";
import { getDb } from "../db.server";
import { requireCohortStaff, todayInAmsterdam } from "../guards.server";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { cohortAssignmentOverview } from "../services/assignments.server";

export const meta = titleMeta<typeof loader>("assignments.staff.title", ({ cohort }, { t }) => t("assignments.staff.heading", { name: cohort.name }));

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, cohort } = await requireCohortStaff(request, params, context.clientIp);
  const overview = await cohortAssignmentOverview(getDb(), user, cohort.id, todayInAmsterdam());
  if (!overview) notFound();
  return { cohort: { id: cohort.id, name: cohort.name }, ...overview };
}

export default function CohortAssignments() {
  const { cohort, meetings, participants, upcoming } = useLoaderData<typeof loader>();
  const { t, date } = useT();
  const deadlineText = useDeadlineText();
  const meetingCaption = t("assignments.staff.perSession");
  const participantCaption = t("assignments.staff.perParticipant");
  return (
    <>
      <Paragraph>
        <Link to={`/groepen/${cohort.id}/rooster`} className="utrecht-link">
          {t("schedule.back", { name: cohort.name })}
        </Link>
      </Paragraph>
      <Heading1>{t("assignments.staff.heading", { name: cohort.name })}</Heading1>
      <Paragraph lead>{t("assignments.staff.intro")}</Paragraph>

      <section className="ll-section">
        <Heading2 id="per-meeting">{meetingCaption}</Heading2>
        {meetings.length === 0 ? (
          <Paragraph>{t("assignments.staff.noSessions")}</Paragraph>
        ) : (
          <div className="ll-table-scroll" role="region" aria-labelledby="per-meeting" tabIndex={0}>
            <Table>
              <TableCaption className="ll-visually-hidden">{meetingCaption}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t("assignments.session")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("assignments.deadline")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("assignments.staff.colHandedIn")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("assignments.staff.colDone")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("assignments.staff.colOpen")}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {meetings.map((s) => (
                  <TableRow key={s.id}>
                    <TableCell>
                      <Link to={`/groepen/${cohort.id}/bijeenkomsten/${s.id}/opdracht`} className="utrecht-link">
                        {t("assignments.home.item", { title: s.title, date: date(s.date) })}
                      </Link>
                    </TableCell>
                    <TableCell>{deadlineText({ deadline: s.deadline, state: "open" })}</TableCell>
                    <TableCell>{t("assignments.staff.ofExpected", { count: s.counts.handedIn, expected: s.counts.expected })}</TableCell>
                    <TableCell>{s.counts.done}</TableCell>
                    <TableCell>{s.counts.open}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
        {upcoming.length > 0 ? (
          <Paragraph>
            {t("assignments.staff.upcoming")}{" "}
            {upcoming.map((u, i) => (
              <span key={u.id}>
                {i > 0 ? ", " : ""}
                <Link to={`/groepen/${cohort.id}/bijeenkomsten/${u.id}`} className="utrecht-link">
                  {t("assignments.home.item", { title: u.title, date: date(u.date) })}
                </Link>
              </span>
            ))}
          </Paragraph>
        ) : null}
      </section>

      <section className="ll-section">
        <Heading2 id="per-participant">{participantCaption}</Heading2>
        <div className="ll-table-scroll" role="region" aria-labelledby="per-participant" tabIndex={0}>
          <Table>
            <TableCaption className="ll-visually-hidden">{participantCaption}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t("trainings.staff.participant")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("assignments.staff.colStillOpen")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("assignments.staff.colWaiting")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("assignments.staff.colDone")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {participants.map((p) => (
                <TableRow key={p.id}>
                  <TableHeaderCell scope="row">{p.name}</TableHeaderCell>
                  <TableCell>
                    {p.open.length === 0 ? (
                      t("assignments.staff.nothingOpen")
                    ) : (
                      <UnorderedList>
                        {p.open.map((o) => (
                          <UnorderedListItem key={o.meetingId}>
                            <Link to={`/groepen/${cohort.id}/bijeenkomsten/${o.meetingId}/opdracht`} className="utrecht-link">
                              {t("assignments.home.item", { title: o.title, date: date(o.date) })}
                            </Link>
                            {` · ${deadlineText(o)}`}
                          </UnorderedListItem>
                        ))}
                      </UnorderedList>
                    )}
                  </TableCell>
                  <TableCell>{p.waiting}</TableCell>
                  <TableCell>{p.done}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
