import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Heading1, Heading2, OrderedList, OrderedListItem, Paragraph, UnorderedList, UnorderedListItem } from "@utrecht/component-library-react";
import { requireArea } from "../auth.server";
import { RouteErrorBoundary } from "../components/error-page";
import { getDb } from "../db.server";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { getVersion } from "../services/curriculum.server";
import { getParticipantForViewer } from "../services/participants.server";
import { popState } from "../services/pop.server";
import { practiceLog } from "../services/practice.server";
import { participantTrainings } from "../services/trainings.server";
import { todayInAmsterdam } from "../guards.server";

export const meta = titleMeta("nav.participantHome");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "participant-home", context.clientIp);
  const db = getDb();
  const profile = await getParticipantForViewer(db, user, user.id);
  const version = profile?.cohort ? await getVersion(db, profile.cohort.leerlijn_version_id) : undefined;
  const pop = await popState(db, user.id);
  const log = await practiceLog(db, user.id);
  const trainings = await participantTrainings(db, user, todayInAmsterdam());
  return {
    practice: { confirmed: log.totals.confirmedMinutes, target: log.totals.targetMinutes, open: log.totals.openMinutes },
    electives: trainings ? { chosen: trainings.chosenHours, max: trainings.electiveHoursMax } : null,
    popStatus: pop.version > 0 ? pop.status : null,
    name: user.name,
    cohort: profile?.cohort ?? null,
    trainers: profile?.trainers ?? [],
    rules: version?.definition.rules ?? null,
  };
}

export default function ParticipantHome() {
  const { name, cohort, trainers, rules, popStatus, practice, electives } = useLoaderData<typeof loader>();
  const { t, date, number } = useT();
  return (
    <>
      <Heading1>{t("participant.home.title", { name })}</Heading1>
      <Paragraph lead>{t("participant.home.intro")}</Paragraph>

      <section aria-labelledby="cohort-heading" className="ll-section">
        <Heading2 id="cohort-heading">{t("participant.cohort.heading")}</Heading2>
        {cohort ? (
          <>
            <Paragraph>
              <strong>{cohort.name}</strong>
              <br />
              {t("participant.cohort.dates", { start: date(cohort.start_date), end: date(cohort.end_date) })}
            </Paragraph>
            <Paragraph>
              <Link to="/deelnemer/pop" className="utrecht-link">
                {t("participant.popLink", { status: popStatus ? t(`pop.status.${popStatus}`) : t("pop.notStarted") })}
              </Link>
            </Paragraph>
            <Paragraph>
              <Link to="/deelnemer/praktijk" className="utrecht-link">
                {t("participant.practiceLink", { hours: number(practice.confirmed / 60), target: number(practice.target / 60), open: number(practice.open / 60) })}
              </Link>
            </Paragraph>
            {electives ? (
              <Paragraph>
                <Link to="/deelnemer/trainingen" className="utrecht-link">
                  {t("participant.trainingsLink", { chosen: number(electives.chosen), max: number(electives.max) })}
                </Link>
              </Paragraph>
            ) : null}
            <Paragraph>
              <Link to="/deelnemer/rooster" className="utrecht-link">
                {t("participant.scheduleLink")}
              </Link>
            </Paragraph>
            <Paragraph>{t("participant.trainers")}:</Paragraph>
            {trainers.length > 0 ? (
              <UnorderedList>
                {trainers.map((tr) => (
                  <UnorderedListItem key={tr.id}>{tr.name}</UnorderedListItem>
                ))}
              </UnorderedList>
            ) : (
              <Paragraph>{t("participant.trainers.none")}</Paragraph>
            )}
          </>
        ) : (
          <Paragraph>{t("participant.cohort.none")}</Paragraph>
        )}
      </section>

      {rules ? (
        <section aria-labelledby="req-heading" className="ll-section">
          <Heading2 id="req-heading">{t("participant.requirements.heading")}</Heading2>
          <Paragraph>{t("participant.requirements.intro")}</Paragraph>
          <OrderedList>
            <OrderedListItem>{t("requirement.practice", { hours: rules.practiceHoursTarget })}</OrderedListItem>
            <OrderedListItem>
              {t("requirement.attendance", {
                percent: Math.round(rules.minAttendanceRate * 100),
                hours: rules.learningHoursTarget,
                meetings: rules.minIntervisieMeetings,
              })}
            </OrderedListItem>
            <OrderedListItem>{t("requirement.pop")}</OrderedListItem>
            <OrderedListItem>{t("requirement.gop")}</OrderedListItem>
            <OrderedListItem>{t("requirement.interview")}</OrderedListItem>
          </OrderedList>
          <Paragraph>
            <Link to="/leerlijn#competenties" className="utrecht-link">
              {t("participant.requirements.more")}
            </Link>
          </Paragraph>
        </section>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
