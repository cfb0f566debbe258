import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ButtonLink, Heading1, Heading2, Paragraph } from "@utrecht/component-library-react";
import { notFound, requireArea } from "../auth.server";
import { RouteErrorBoundary } from "../components/error-page";
import { MemberList } from "../components/member-list";
import { getDb } from "../db.server";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { alumniGroupOfCohort } from "../services/alumni-intervisie.server";
import { getCohort } from "../services/cohorts.server";
import { popStatusesForCohort } from "../services/pop.server";

export const meta = titleMeta<typeof loader>("cohort.members", ({ cohort }, { t }) => t("cohort.membersOf", { name: cohort.name }));

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "cohorts-teach", context.clientIp);
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  // Only a cohort this trainer teaches: another's id is a 404, like an unknown one.
  const cohort = await getCohort(getDb(), id, { trainerId: user.id });
  if (!cohort) notFound();
  // A city-wide intervisie group's container is not a course (decision 025): its own page.
  const alumniGroup = await alumniGroupOfCohort(getDb(), cohort.id);
  if (alumniGroup) throw redirect(`/trainer/intervisie-alumni/${alumniGroup}`);
  const pops = await popStatusesForCohort(getDb(), cohort.id);
  return { cohort, pops: Object.fromEntries(pops) };
}

export default function TrainerCohort() {
  const { cohort, pops } = useLoaderData<typeof loader>();
  const { t, date } = useT();
  return (
    <>
      <Heading1>{cohort.name}</Heading1>
      <Paragraph>
        {t("cohort.dates", { start: date(cohort.start_date), end: date(cohort.end_date) })} ·{" "}
        {t("cohort.leerlijn", { name: cohort.leerlijn_name, version: cohort.leerlijn_version })}
      </Paragraph>
      <Paragraph>
        {t("cohorts.table.trainers")}: {cohort.trainers.map((x) => x.name).join(", ")}
      </Paragraph>
      <div className="ll-button-row">
        <ButtonLink href={`/groepen/${cohort.id}/rooster`} appearance="primary-action-button">
          {t("schedule.title")}
        </ButtonLink>
        <ButtonLink href={`/groepen/${cohort.id}/intervisiegroepen`} appearance="secondary-action-button">
          {t("intervisie.groups.title")}
        </ButtonLink>
        <ButtonLink href={`/groepen/${cohort.id}/voortgang`} appearance="secondary-action-button">
          {t("overview.title")}
        </ButtonLink>
        <ButtonLink href={`/groepen/${cohort.id}/trainingen`} appearance="secondary-action-button">
          {t("trainings.staff.title")}
        </ButtonLink>
        <ButtonLink href={`/groepen/${cohort.id}/praktijk`} appearance="secondary-action-button">
          {t("practice.staff.title")}
        </ButtonLink>
        <ButtonLink href={`/groepen/${cohort.id}/gop`} appearance="secondary-action-button">
          {t("gop.title")}
        </ButtonLink>
        <ButtonLink href={`/groepen/${cohort.id}/opdrachten`} appearance="secondary-action-button">
          {t("assignments.staff.title")}
        </ButtonLink>
      </div>
      <Heading2>{t("cohort.members")}</Heading2>
      <MemberList
        members={cohort.members}
        extra={{
          header: t("cohort.pop"),
          cell: (m) => {
            const status = pops[m.id];
            return (
              <Link
                to={`/pop/${m.id}`}
                className="utrecht-link"
                aria-label={`${t("cohort.pop")} ${m.name}: ${status ? t(`pop.status.${status}`) : t("pop.notStarted")}`}
              >
                {status ? t(`pop.status.${status}`) : t("pop.notStarted")}
              </Link>
            );
          },
        }}
      />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
