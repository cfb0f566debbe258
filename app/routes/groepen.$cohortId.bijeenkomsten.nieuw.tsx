import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Heading1 } from "@utrecht/component-library-react";
import { RouteErrorBoundary } from "../components/error-page";
import { MeetingForm } from "../components/meeting-form";
import { getDb } from "../db.server";
import { userErrorToFailure, type ActionFailure } from "../forms/action.server";
import { parseForm, readForm } from "../forms/parse.server";
import { meetingSchema } from "../forms/meetings";
import { requireCohortStaffWithPeople } from "../guards.server";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { createMeeting } from "../services/schedule.server";
import { meetingFormOptions } from "../services/meeting-options.server";

export const meta = titleMeta<typeof loader>("schedule.new", ({ cohort }, { t }) => t("schedule.newFor", { name: cohort.name }));

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { cohort } = await requireCohortStaffWithPeople(request, params, context.clientIp);
  return { cohort: { id: cohort.id, name: cohort.name }, options: await meetingFormOptions(getDb(), cohort) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, cohort } = await requireCohortStaffWithPeople(request, params, context.clientIp);
  const parsed = parseForm(meetingSchema, await readForm(request));
  if (!parsed.ok) return data({ ok: false, fieldErrors: parsed.fieldErrors, values: parsed.values } satisfies ActionFailure, { status: 400 });
  let id: number;
  try {
    id = await createMeeting(getDb(), cohort.id, parsed.data, user);
  } catch (error) {
    return data(userErrorToFailure(error), { status: 400 });
  }
  // The rooster names the planned meeting at the top and marks its row (see its loader).
  return redirect(`/groepen/${cohort.id}/rooster?gepland=${id}`);
}

const text = (v: string | string[] | undefined, fallback = "") => (typeof v === "string" ? v : fallback);

export default function NewMeeting() {
  const { cohort, options } = useLoaderData<typeof loader>();
  const failed = useActionData<ActionFailure>();
  const { t } = useT();
  const v = failed?.values ?? {};
  const trainerIds =
    v.trainerIds === undefined ? (failed ? [] : options.trainers.map((x) => String(x.id))) : Array.isArray(v.trainerIds) ? v.trainerIds : [v.trainerIds];
  return (
    <>
      <Heading1 id="new-meeting">{t("schedule.newFor", { name: cohort.name })}</Heading1>
      <MeetingForm
        options={options}
        labelledBy="new-meeting"
        submitLabel={t("session.create")}
        serverErrors={failed?.fieldErrors}
        formError={failed?.formError ? t(failed.formError.key) : null}
        defaults={{
          type: text(v.type, "les"),
          title: text(v.title),
          date: text(v.date),
          startTime: text(v.startTime, "13:30"),
          endTime: text(v.endTime, "16:30"),
          location: text(v.location),
          onlineUrl: text(v.onlineUrl),
          mode: text(v.mode, "in_person"),
          trainerIds,
          trainingId: text(v.trainingId),
          intervisieGroupId: text(v.intervisieGroupId),
          programme: text(v.programme),
          assignment: text(v.assignment),
          assignmentDue: text(v.assignmentDue),
        }}
      />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
