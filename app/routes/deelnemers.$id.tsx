import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { DataList, DataListItem, DataListKey, DataListValue, Heading1 } from "@utrecht/component-library-react";
import { notFound, requireArea } from "../auth.server";
import { RouteErrorBoundary } from "../components/error-page";
import { getDb } from "../db.server";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { participantProfilePage } from "../services/participants.server";

export const meta = titleMeta<typeof loader>("nav.myDetails", ({ profile }, { t }) => t("profile.title", { name: profile.name }));

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "participant-profile", context.clientIp);
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  // Someone else's id looks exactly like an unknown one: 404, but the attempt is logged.
  const profile = await participantProfilePage(getDb(), user, id, context.clientIp);
  if (!profile) notFound();
  return { profile };
}

export default function ParticipantProfile() {
  const { profile } = useLoaderData<typeof loader>();
  const { t, date } = useT();
  return (
    <>
      <Heading1>{t("profile.title", { name: profile.name })}</Heading1>
      <DataList>
        <DataListItem>
          <DataListKey>{t("profile.email")}</DataListKey>
          <DataListValue>{profile.email}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t("profile.cohort")}</DataListKey>
          <DataListValue>
            {profile.cohort
              ? `${profile.cohort.name} (${t("cohort.dates", { start: date(profile.cohort.start_date), end: date(profile.cohort.end_date) })})`
              : t("profile.noCohort")}
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t("profile.trainers")}</DataListKey>
          <DataListValue>{profile.trainers.map((tr) => tr.name).join(", ") || t("cohort.noTrainers")}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t("profile.status")}</DataListKey>
          <DataListValue>{t(`status.${profile.status}`)}</DataListValue>
        </DataListItem>
      </DataList>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
