import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import {
  Button,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading1,
  Heading2,
  OrderedList,
  OrderedListItem,
  Paragraph,
  StatusBadge,
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
import { requireArea } from "../auth.server";
import { RouteErrorBoundary } from "../components/error-page";
import { getDb } from "../db.server";
import { nowInAmsterdam } from "../guards.server";
import { describeFigure, describeMissing, FOR_PARTICIPANT } from "../i18n/eligibility";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { programmeTimes } from "../rules/programme";
import { participantSchedulePage } from "../services/progress.server";
import { openEvaluations } from "../services/evaluations.server";
import { LessonPlanMaterialView } from "../components/lesson-plan-material";

export const meta = titleMeta("mySchedule.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "participant-schedule", context.clientIp);
  const now = nowInAmsterdam();
  // The figures come from the one engine, as on the home page: the same numbers in the same words.
  const [{ schedule, attendance }, toEvaluate] = await Promise.all([participantSchedulePage(getDb(), user, now), openEvaluations(getDb(), user, now)]);
  return { today: now.today, data: schedule, attendance, toEvaluate };
}

export default function MySchedule() {
  const { today, data, attendance, toEvaluate } = useLoaderData<typeof loader>();
  const { t, date, lang, number: num } = useT();
  if (!data) {
    return (
      <>
        <Heading1>{t("mySchedule.title")}</Heading1>
        <Paragraph>{t("participant.cohort.none")}</Paragraph>
      </>
    );
  }
  const { summary, meetings } = data;
  const figureOf = (unit: "sessions" | "hours" | "meetings") => {
    const f = attendance?.figures.find((x) => x.unit === unit);
    return f ? describeFigure(lang, f) : "";
  };
  const lineFor = new Map(summary.lines.map((l) => [l.meetingId, l]));
  // Past: an earlier day, or today once attendance is recorded or the meeting has ended (one rule, see isPastForParticipant).
  const upcoming = meetings.filter((s) => !s.past);
  const past = meetings.filter((s) => s.past).reverse();
  return (
    <>
      <Heading1>{t("mySchedule.title")}</Heading1>
      <Paragraph>
        <Link to="/account#agenda" className="utrecht-link">
          {t("mySchedule.calendarLink")}
        </Link>
      </Paragraph>
      <Paragraph>
        <Link to="/deelnemer/inchecken" className="utrecht-link">
          {t("checkIn.link")}
        </Link>
      </Paragraph>
      {toEvaluate.length > 0 ? (
        <section aria-labelledby="to-evaluate" className="ll-section">
          <Heading2 id="to-evaluate">{t("evaluation.open.heading")}</Heading2>
          <Paragraph>{t("evaluation.open.intro")}</Paragraph>
          <UnorderedList>
            {toEvaluate.map((m) => (
              <UnorderedListItem key={m.id}>
                <Link to={`/deelnemer/evaluatie/${m.id}`} className="utrecht-link">
                  {t("evaluation.open.link", { title: m.title, date: date(m.date) })}
                </Link>
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </section>
      ) : null}
      <section aria-labelledby="so-far" className="ll-section">
        <Heading2 id="so-far">{t("mySchedule.soFar")}</Heading2>
        <Paragraph>{t("mySchedule.soFarIntro")}</Paragraph>
        <DataList>
          <DataListItem>
            <DataListKey>{t("mySchedule.rate")}</DataListKey>
            <DataListValue>
              <span data-figure="sessions">{figureOf("sessions")}</span>
            </DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>{t("mySchedule.learningHours")}</DataListKey>
            <DataListValue>
              <span data-figure="hours">{figureOf("hours")}</span>
            </DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>{t("mySchedule.intervisie")}</DataListKey>
            <DataListValue>
              <span data-figure="meetings">{figureOf("meetings")}</span>
            </DataListValue>
          </DataListItem>
        </DataList>
        {attendance?.missing.map((m) => (
          <Paragraph key={m.key}>{describeMissing(lang, m, FOR_PARTICIPANT)}</Paragraph>
        ))}
      </section>

      <section aria-labelledby="upcoming" className="ll-section">
        <Heading2 id="upcoming">{t("schedule.upcoming")}</Heading2>
        {upcoming.length === 0 ? <Paragraph>{t("schedule.none")}</Paragraph> : null}
        {upcoming.map((s) => (
          <article key={s.id} className="ll-card" id={`bijeenkomst-${s.id}`}>
            <Heading2 className="ll-card__title">
              {date(s.date)}, {s.start_time}–{s.end_time}: <span lang="nl">{s.title}</span>{" "}
              {s.status === "cancelled" ? <StatusBadge status="danger">{t("session.cancelled")}</StatusBadge> : null}
            </Heading2>
            <Paragraph>
              {t(`sessionType.${s.type}`)}
              {s.group_name ? ` (${s.group_name})` : ""}
              {` · ${t(`meetingMode.${s.mode}`)}`}
              {s.location ? ` · ${s.location}` : ""}
              {s.online_url ? (
                <>
                  {" · "}
                  <a href={s.online_url} className="utrecht-link">
                    {t("mySchedule.onlineLink")}
                  </a>
                </>
              ) : null}
            </Paragraph>
            {s.programme.length > 0 ? (
              // Folded by default: the rooster stays short, the programme is one click away.
              <details className="ll-programme">
                <summary>{t("mySchedule.programme", { count: s.programme.length })}</summary>
                <OrderedList>
                  {programmeTimes(s.start_time, s.programme).map((b, i) => (
                    <OrderedListItem key={i}>
                      {b.from}–{b.to}: <span lang="nl">{b.title}</span>
                    </OrderedListItem>
                  ))}
                </OrderedList>
              </details>
            ) : null}
            {s.assignment ? (
              <Paragraph>
                {t("mySchedule.assignmentLabel")} <span lang="nl">{s.assignment}</span>
              </Paragraph>
            ) : null}
            {s.lessonPlan && s.status !== "cancelled" ? <LessonPlanMaterialView material={s.lessonPlan} ownAssignment={s.assignment} /> : null}
            <Paragraph>
              {/* A file, not a page: the browser downloads it. */}
              <a href={`/deelnemer/agenda/${s.id}.ics`} download className="utrecht-link">
                {t("session.calendarDownload")}
                <span className="ll-visually-hidden">{t("mySchedule.reflectionLinkDate", { date: date(s.date) })}</span>
              </a>
            </Paragraph>
            {s.absence ? (
              // Reported absent ahead: said plainly, with their own reason, and a way back until it starts.
              <div className="ll-absence" data-absence={s.id}>
                <Paragraph>
                  <StatusBadge status="warning">{t("attendanceStatus.afgemeld")}</StatusBadge> {t("absence.isReported")}
                </Paragraph>
                {s.absence.reason ? <Paragraph className="ll-prewrap">{t("absence.yourReason", { reason: s.absence.reason })}</Paragraph> : null}
                {s.absenceOpen ? (
                  <Form method="post" action={`/deelnemer/afmelden/${s.id}`} className="ll-inline-form">
                    <Button type="submit" name="intent" value="withdraw" appearance="secondary-action-button">
                      {t("absence.withdraw")}
                      <span className="ll-visually-hidden">{t("absence.reportLinkDate", { date: date(s.date) })}</span>
                    </Button>
                  </Form>
                ) : null}
              </div>
            ) : s.absenceOpen ? (
              <Paragraph>
                <Link to={`/deelnemer/afmelden/${s.id}`} className="utrecht-link">
                  {t("absence.reportLink")}
                  <span className="ll-visually-hidden">{t("absence.reportLinkDate", { date: date(s.date) })}</span>
                </Link>
              </Paragraph>
            ) : null}
            {s.assignment && s.date <= today && s.status !== "cancelled" ? (
              <Paragraph>
                <Link to={`/deelnemer/opdrachten/${s.id}`} className="utrecht-link">
                  {t("assignments.answer.title")}
                </Link>
              </Paragraph>
            ) : null}
          </article>
        ))}
      </section>

      <section className="ll-section">
        <Heading2 id="past">{t("mySchedule.past")}</Heading2>
        {past.length === 0 ? (
          <Paragraph>{t("schedule.none")}</Paragraph>
        ) : (
          <div className="ll-table-scroll" role="region" aria-labelledby="past" tabIndex={0}>
            <Table className="ll-stack" role="table">
              <TableCaption className="ll-visually-hidden">{t("mySchedule.past")}</TableCaption>
              <TableHeader role="rowgroup">
                <TableRow role="row">
                  <TableHeaderCell scope="col" role="columnheader">
                    {t("session.date")}
                  </TableHeaderCell>
                  <TableHeaderCell scope="col" role="columnheader">
                    {t("session.title")}
                  </TableHeaderCell>
                  <TableHeaderCell scope="col" role="columnheader">
                    {t("attendance.status")}
                  </TableHeaderCell>
                  <TableHeaderCell scope="col" role="columnheader">
                    {t("mySchedule.hours")}
                  </TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody role="rowgroup">
                {past.map((s) => {
                  const line = lineFor.get(s.id);
                  return (
                    <TableRow key={s.id} role="row">
                      <TableCell role="cell" data-label={t("session.date")}>
                        {date(s.date)}
                      </TableCell>
                      <TableHeaderCell scope="row" role="rowheader" data-label={t("session.title")}>
                        {s.type === "intervisie" && s.record && (s.record.status === "aanwezig" || s.record.status === "te_laat") ? (
                          // Says where it goes (my reflection), and on which day: five intervisie links are five places.
                          <Link to={`/deelnemer/intervisie/${s.id}`} className="utrecht-link">
                            <span lang="nl">{s.title}</span>: {t("mySchedule.reflectionLink")}
                            <span className="ll-visually-hidden">{t("mySchedule.reflectionLinkDate", { date: date(s.date) })}</span>
                          </Link>
                        ) : (
                          <span lang="nl">{s.title}</span>
                        )}{" "}
                        <span className="ll-muted">({t(`sessionType.${s.type}`)})</span>
                      </TableHeaderCell>
                      <TableCell role="cell" data-label={t("attendance.status")}>
                        {s.status === "cancelled"
                          ? t("session.cancelled")
                          : line && !line.expected
                            ? t("mySchedule.notExpected")
                            : s.record
                              ? `${t(`attendanceStatus.${s.record.status}`)}${s.participation && s.mode !== "in_person" ? ` · ${t(`participation.${s.participation}`)}` : ""}${line?.madeUp ? ` · ${t("mySchedule.madeUp")}` : ""}`
                              : t("mySchedule.notRecorded")}
                      </TableCell>
                      <TableCell role="cell" data-label={t("mySchedule.hours")}>
                        {num(line?.hours ?? 0)}
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </div>
        )}
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
