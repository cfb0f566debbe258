import { Notice } from "../components/answer";
import { type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Heading1, Heading2, Heading3, Paragraph, UnorderedList, UnorderedListItem } from "@utrecht/component-library-react";
import { requireArea } from "../auth.server";
import { RouteErrorBoundary } from "../components/error-page";
import { OpenAssignments } from "../components/open-assignments";
import { ProgressList } from "../components/progress";
import { getDb } from "../db.server";
import { nowInAmsterdam, todayInAmsterdam } from "../guards.server";
import { describeMissing, FOR_PARTICIPANT } from "../i18n/eligibility";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import type { Eligibility } from "../rules/eligibility";
import { openAssignments } from "../services/assignments.server";
import { ownCertificate } from "../services/certificates.server";
import { nextMeetingOf } from "../services/attendance.server";
import { getParticipantForViewer } from "../services/participants.server";
import { popSummary } from "../services/pop.server";
import { poolStateOf } from "../services/pool.server";
import { practiceSummary } from "../services/practice.server";
import { participantProgressWithRules } from "../services/progress.server";

export const meta = titleMeta("nav.participantHome");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "participant-home", context.clientIp);
  const db = getDb();
  const today = todayInAmsterdam();
  const profile = await getParticipantForViewer(db, user, user.id);
  const [progress, pop, practice] = await Promise.all([
    participantProgressWithRules(db, user.id, today),
    popSummary(db, user.id),
    practiceSummary(db, user.id),
  ]);
  const nextMeeting = profile?.cohort ? await nextMeetingOf(db, user.id, profile.cohort.id, nowInAmsterdam()) : undefined;
  return {
    name: user.name,
    cohort: profile?.cohort ?? null,
    trainers: profile?.trainers ?? [],
    eligibility: progress?.row.eligibility ?? null,
    carriedOver: progress?.row.carriedOver ?? [],
    rules: progress?.rules ?? null,
    popStatus: pop.status,
    commentsWaiting: pop.commentsWaiting,
    popReturnNote: pop.returned?.note ?? null,
    openPractice: practice.openEntries,
    activeLink: practice.activeLink,
    hasPlacement: practice.hasPlacement,
    nextMeeting: nextMeeting ?? null,
    certificate: await ownCertificate(db, user.id),
    pool: await poolStateOf(db, user.id),
    assignments: (await openAssignments(db, user, today)).map(({ meetingId, title, date, deadline, state }) => ({ meetingId, title, date, deadline, state })),
  };
}

type NextStep = { text: string; to: string; label: string };

function useNextStep(data: ReturnType<typeof useLoaderData<typeof loader>>): NextStep | null {
  const { t, lang } = useT();
  const e: Eligibility | null = data.eligibility;
  if (!e) return null;
  // Left the course: that comes before any other step (the engine's blockers).
  if (e.blockers.length > 0)
    return { text: describeMissing(lang, e.blockers[0], FOR_PARTICIPANT), to: "/leerlijn#competenties", label: t("participant.requirements.more") };
  if (data.popStatus === null) return { text: t("dashboard.next.popStart"), to: "/deelnemer/pop", label: t("dashboard.next.popStartLink") };
  if (data.commentsWaiting > 0)
    return { text: t("dashboard.next.popComments", { count: data.commentsWaiting }), to: "/deelnemer/pop", label: t("dashboard.next.popLink") };
  if (data.popStatus === "terug" || (data.popStatus === "concept" && !e.requirements.find((r) => r.code === "pop")!.met)) {
    return { text: t("dashboard.next.popHandIn"), to: "/deelnemer/pop", label: t("dashboard.next.popLink") };
  }
  if (!data.hasPlacement) return { text: t("dashboard.next.placement"), to: "/deelnemer/leerplek", label: t("placement.add") };
  if (data.openPractice > 0 && !data.activeLink)
    return { text: t("dashboard.next.signoff", { count: data.openPractice }), to: "/deelnemer/praktijk", label: t("practice.signoff") };
  const first = e.requirements.find((r) => !r.met && r.code !== "interview");
  if (first) {
    const to =
      first.code === "praktijk"
        ? "/deelnemer/praktijk"
        : first.code === "gop"
          ? "/deelnemer/gop"
          : first.code === "pop"
            ? "/deelnemer/pop"
            : "/deelnemer/rooster";
    return { text: describeMissing(lang, first.missing[0], FOR_PARTICIPANT), to, label: t(`requirement.name.${first.code}`) };
  }
  return {
    text: e.eligible ? t("dashboard.next.done") : t("dashboard.next.interview"),
    to: "/leerlijn#competenties",
    label: t("participant.requirements.more"),
  };
}

export default function ParticipantHome() {
  const data = useLoaderData<typeof loader>();
  const { name, cohort, trainers, eligibility, popStatus, commentsWaiting, popReturnNote, nextMeeting, certificate } = data;
  const { t, date } = useT();
  const next = useNextStep(data);
  return (
    <>
      <Heading1>{t("participant.home.title", { name })}</Heading1>
      {certificate ? (
        <section aria-labelledby="certificate-heading" className="ll-section">
          <Heading2 id="certificate-heading">{t("myInterview.certificate")}</Heading2>
          {certificate.state === "geldig" ? (
            <>
              <Paragraph>{t("myInterview.certificate.text", { number: certificate.number, date: date(certificate.issuedAt) })}</Paragraph>
              <UnorderedList>
                <UnorderedListItem>
                  <a href={`/certificaten/${certificate.id}/certificaat.pdf`} className="utrecht-link">
                    {t("certificate.download")}
                  </a>
                </UnorderedListItem>
                <UnorderedListItem>
                  <Link to={`/verify/${certificate.code}`} className="utrecht-link">
                    {t("home.certificate.verify")}
                  </Link>
                </UnorderedListItem>
                <UnorderedListItem>
                  <Link to="/deelnemer/pool" className="utrecht-link">
                    {t("pool.homeLink")}
                  </Link>
                  {data.pool !== "none" ? ` · ${t(data.pool === "paused" ? "pool.home.paused" : "pool.home.in")}` : ""}
                </UnorderedListItem>
              </UnorderedList>
              {/* Issue 30: the signed digital certificate (Open Badges 3.0), with what it is and where to put it. */}
              <Heading3 id="credential-heading">{t("credential.home.title")}</Heading3>
              <Paragraph>{t("credential.home.text")}</Paragraph>
              <Paragraph>{t("credential.home.where")}</Paragraph>
              <Paragraph>
                <a href={`/certificaten/${certificate.id}/credential.json`} className="utrecht-link" download>
                  {t("credential.home.download")}
                </a>
              </Paragraph>
              <Paragraph>
                <Link to="/deelnemer/digitaal-certificaat" className="utrecht-link">
                  {t("credential.name.homeLink")}
                </Link>
              </Paragraph>
            </>
          ) : (
            // Calm, not alarming: what happened, when, and where to go with questions.
            <Notice type="info">
              <Paragraph data-certificate-state={certificate.state}>
                {t(`home.certificate.${certificate.state}`, { number: certificate.number, date: date(certificate.endedAt ?? certificate.issuedAt) })}
              </Paragraph>
              {certificate.successor ? (
                <Paragraph>
                  <Link to={`/verify/${certificate.successor.code}`} className="utrecht-link">
                    {t("home.certificate.successor", { number: certificate.successor.number })}
                  </Link>
                </Paragraph>
              ) : null}
            </Notice>
          )}
        </section>
      ) : null}
      {!cohort ? (
        <Paragraph>{t("participant.cohort.none")}</Paragraph>
      ) : (
        <>
          <Paragraph lead>{t("dashboard.intro")}</Paragraph>
          {next ? (
            <section aria-labelledby="next-heading" className="ll-section">
              <Notice type="info">
                <Heading2 id="next-heading">{t("dashboard.next")}</Heading2>
                <Paragraph>{next.text}</Paragraph>
                <Paragraph>
                  <Link to={next.to} className="utrecht-link">
                    {next.label}
                  </Link>
                </Paragraph>
              </Notice>
            </section>
          ) : null}

          <section aria-labelledby="next-meeting-heading" className="ll-section">
            <Heading2 id="next-meeting-heading">{t("dashboard.nextSession")}</Heading2>
            {nextMeeting ? (
              <Paragraph>
                <strong>
                  {date(nextMeeting.date)}, {nextMeeting.start_time}–{nextMeeting.end_time}
                </strong>
                : {nextMeeting.title} ({t(`sessionType.${nextMeeting.type}`)}){nextMeeting.location ? ` · ${nextMeeting.location}` : ""}
              </Paragraph>
            ) : (
              <Paragraph>{t("dashboard.noNextSession")}</Paragraph>
            )}
            <Paragraph>
              <Link to="/deelnemer/rooster" className="utrecht-link">
                {t("participant.scheduleLink")}
              </Link>
            </Paragraph>
          </section>

          <section aria-labelledby="pop-heading" className="ll-section">
            <Heading2 id="pop-heading">{t("dashboard.plans")}</Heading2>
            <UnorderedList>
              <UnorderedListItem>
                <Link to="/deelnemer/pop" className="utrecht-link">
                  {t("participant.popLink", { status: popStatus ? t(`pop.status.${popStatus}`) : t("pop.notStarted") })}
                </Link>
                {commentsWaiting > 0 ? ` · ${t("dashboard.commentsWaiting", { count: commentsWaiting })}` : ""}
                {popStatus === "terug" && popReturnNote ? (
                  <Paragraph className="ll-prewrap">{t("dashboard.popReturnReason", { note: popReturnNote })}</Paragraph>
                ) : null}
              </UnorderedListItem>
              <UnorderedListItem>
                <Link to="/deelnemer/gop" className="utrecht-link">
                  {t("nav.ourGop")}
                </Link>
              </UnorderedListItem>
            </UnorderedList>
          </section>

          {eligibility ? (
            <section aria-labelledby="progress-heading" className="ll-section">
              <Heading2 id="progress-heading">{t("dashboard.progress")}</Heading2>
              <Paragraph>{eligibility.eligible ? t("dashboard.allMet") : t("dashboard.progressIntro")}</Paragraph>
              <ProgressList
                eligibility={eligibility}
                carriedOver={data.carriedOver}
                reader={FOR_PARTICIPANT}
                rules={data.rules ?? undefined}
                links={{ praktijk: "/deelnemer/praktijk", aanwezigheid: "/deelnemer/rooster", pop: "/deelnemer/pop", gop: "/deelnemer/gop" }}
              />
            </section>
          ) : null}

          <section aria-labelledby="cohort-heading" className="ll-section">
            <Heading2 id="cohort-heading">{t("participant.cohort.heading")}</Heading2>
            <Paragraph>
              <strong>{cohort.name}</strong>
              <br />
              {t("participant.cohort.dates", { start: date(cohort.start_date), end: date(cohort.end_date) })}
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
          </section>
          <OpenAssignments items={data.assignments} />
        </>
      )}
      {data.pool !== "none" && certificate?.state !== "geldig" ? (
        // Still in the pool without a valid certificate: the way to pause or leave stays in reach.
        <Paragraph className="ll-section">
          <Link to="/deelnemer/pool" className="utrecht-link">
            {t("pool.homeLink")}
          </Link>
        </Paragraph>
      ) : null}
      <Paragraph className="ll-section">
        <Link to="/deelnemer/mijn-gegevens" className="utrecht-link">
          {t("myData.homeLink")}
        </Link>
      </Paragraph>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
