import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import {
  ButtonLink,
  Heading1,
  Heading2,
  Paragraph,
  StatusBadge,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import { Answer } from "../components/answer";
import { RouteErrorBoundary } from "../components/error-page";
import { getDb } from "../db.server";
import { requireCohortStaff, todayInAmsterdam } from "../guards.server";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { listMeetings, type MeetingRow } from "../services/schedule.server";
import { absenceCounts } from "../services/absence.server";
import { seriesSummary } from "../services/series.server";

export const meta = titleMeta<typeof loader>("schedule.title", ({ cohort }, { t }) => t("schedule.heading", { name: cohort.name }));

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { cohort } = await requireCohortStaff(request, params, context.clientIp);
  const meetings = await listMeetings(getDb(), cohort.id);
  const today = todayInAmsterdam();
  const reported = await absenceCounts(
    getDb(),
    meetings.filter((s) => s.date >= today).map((s) => s.id),
  );
  // After planning (bijeenkomsten.nieuw): `?gepland=<id>` names that meeting, if it is one of this cohort's.
  const search = new URL(request.url).searchParams;
  const plannedId = Number(search.get("gepland"));
  const planned = meetings.find((s) => s.id === plannedId);
  // After planning a series (bijeenkomsten.reeks): `?reeks=<id>` names its meetings, if they are this cohort's.
  const seriesId = Number(search.get("reeks"));
  const inSeries = seriesId > 0 ? meetings.filter((s) => s.series_id === seriesId) : [];
  const series = inSeries.length ? await seriesSummary(getDb(), cohort.id, seriesId) : null;
  return {
    planned: planned ? { id: planned.id, title: planned.title, date: planned.date, start_time: planned.start_time, end_time: planned.end_time } : null,
    series:
      series && inSeries.length
        ? { id: seriesId, count: inSeries.length, first: inSeries[0].date, last: inSeries[inSeries.length - 1].date, skipped: series.skipped }
        : null,
    cohort: { id: cohort.id, name: cohort.name },
    upcoming: meetings.filter((s) => s.date >= today).map((s) => ({ ...s, reported: reported.get(s.id) ?? 0 })),
    past: meetings.filter((s) => s.date < today).reverse(),
  };
}

function MeetingTable({
  meetings,
  caption,
  cohortId,
  plannedId,
  seriesId,
}: {
  /** `reported`: how many reported absence ahead (upcoming meetings only) */
  meetings: (MeetingRow & { reported?: number })[];
  caption: string;
  cohortId: number;
  plannedId: number | null;
  seriesId: number | null;
}) {
  const { t, date } = useT();
  if (meetings.length === 0) return <Paragraph>{t("schedule.none")}</Paragraph>;
  return (
    <div className="ll-table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <Table>
        <TableCaption className="ll-visually-hidden">{caption}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t("session.date")}</TableHeaderCell>
            <TableHeaderCell scope="col">{t("session.time")}</TableHeaderCell>
            <TableHeaderCell scope="col">{t("session.type")}</TableHeaderCell>
            <TableHeaderCell scope="col">{t("session.title")}</TableHeaderCell>
            <TableHeaderCell scope="col">{t("session.trainers")}</TableHeaderCell>
            <TableHeaderCell scope="col">{t("people.table.actions")}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {meetings.map((s) => {
            const isNew = s.id === plannedId || (seriesId !== null && s.series_id === seriesId);
            return (
              <TableRow
                key={s.id}
                id={`bijeenkomst-${s.id}`}
                className={[s.status === "cancelled" ? "ll-row--cancelled" : "", isNew ? "ll-row--new" : ""].filter(Boolean).join(" ") || undefined}
              >
                <TableCell>{date(s.date)}</TableCell>
                <TableCell>
                  {s.start_time}–{s.end_time}
                </TableCell>
                <TableCell>
                  {t(`sessionType.${s.type}`)}
                  {s.group_name ? ` (${s.group_name})` : ""}
                  {s.mode !== "in_person" ? ` · ${t(`meetingMode.${s.mode}`)}` : ""}
                </TableCell>
                <TableHeaderCell scope="row">
                  <span lang="nl">{s.title}</span>
                  {/* A training's meeting is often titled after the training: the title once, not twice. */}
                  {s.training_title && s.training_title !== s.title ? ` · ${s.training_title}` : ""}{" "}
                  {s.status === "cancelled" ? <StatusBadge status="danger">{t("session.cancelled")}</StatusBadge> : null}
                  {isNew ? <StatusBadge status="success">{t("schedule.new.badge")}</StatusBadge> : null}
                  {s.reported ? <StatusBadge status="warning">{t("schedule.reportedAhead", { count: s.reported })}</StatusBadge> : null}
                </TableHeaderCell>
                <TableCell>{s.trainer_names.join(", ")}</TableCell>
                <TableCell>
                  <span className="ll-actions">
                    <Link
                      to={`/groepen/${cohortId}/bijeenkomsten/${s.id}/aanwezigheid`}
                      className="utrecht-link"
                      aria-label={`${t("schedule.attendance")}: ${s.title}${s.group_name ? ` (${s.group_name})` : ""}, ${date(s.date)}`}
                    >
                      {t("schedule.attendance")}
                    </Link>
                    <Link
                      to={`/groepen/${cohortId}/bijeenkomsten/${s.id}`}
                      className="utrecht-link"
                      aria-label={`${t("schedule.edit")}: ${s.title}${s.group_name ? ` (${s.group_name})` : ""}, ${date(s.date)}`}
                    >
                      {t("schedule.edit")}
                    </Link>
                  </span>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}

export default function Schedule() {
  const { cohort, upcoming, past, planned, series } = useLoaderData<typeof loader>();
  const { t, date, list } = useT();
  return (
    <>
      <Heading1>{t("schedule.heading", { name: cohort.name })}</Heading1>
      {planned ? (
        <Answer type="ok">
          <Paragraph>{t("schedule.planned", { title: planned.title, date: date(planned.date), start: planned.start_time, end: planned.end_time })}</Paragraph>
          <Paragraph>
            <a href={`#bijeenkomst-${planned.id}`} className="utrecht-link">
              {t("schedule.plannedLink")}
            </a>
          </Paragraph>
        </Answer>
      ) : null}
      {series ? (
        <Answer type="ok">
          <Paragraph>{t("schedule.seriesPlanned", { count: series.count, first: date(series.first), last: date(series.last) })}</Paragraph>
          {series.skipped.length ? <Paragraph>{t("schedule.seriesPlannedSkipped", { dates: list(series.skipped.map(date)) })}</Paragraph> : null}
        </Answer>
      ) : null}
      <div className="ll-button-row">
        <ButtonLink href={`/groepen/${cohort.id}/bijeenkomsten/nieuw`} appearance="primary-action-button">
          {t("schedule.new")}
        </ButtonLink>
        <ButtonLink href={`/groepen/${cohort.id}/bijeenkomsten/reeks`} appearance="secondary-action-button">
          {t("schedule.newSeries")}
        </ButtonLink>
        <ButtonLink href={`/groepen/${cohort.id}/intervisiegroepen`} appearance="secondary-action-button">
          {t("intervisie.groups.title")}
        </ButtonLink>
        <ButtonLink href={`/groepen/${cohort.id}/aanwezigheid.csv`} appearance="secondary-action-button" download>
          {t("schedule.export")}
        </ButtonLink>
      </div>
      <section className="ll-section">
        <Heading2 id="upcoming">{t("schedule.upcoming")}</Heading2>
        <MeetingTable meetings={upcoming} caption={t("schedule.upcoming")} cohortId={cohort.id} plannedId={planned?.id ?? null} seriesId={series?.id ?? null} />
      </section>
      <section className="ll-section">
        <Heading2 id="past">{t("schedule.past")}</Heading2>
        <MeetingTable meetings={past} caption={t("schedule.past")} cohortId={cohort.id} plannedId={planned?.id ?? null} seriesId={series?.id ?? null} />
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
