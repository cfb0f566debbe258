import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Heading1 } from "@utrecht/component-library-react";
import { RouteErrorBoundary } from "../components/error-page";
import { SessionForm } from "../components/session-form";
import { getDb } from "../db.server";
import { userErrorToFailure, type ActionFailure } from "../forms/action.server";
import { parseForm, readForm } from "../forms/parse.server";
import { sessionSchema } from "../forms/sessions";
import { requireCohortStaffWithPeople } from "../guards.server";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { createSession } from "../services/schedule.server";
import { sessionFormOptions } from "../services/session-options.server";

export const meta = titleMeta("schedule.new");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { cohort } = await requireCohortStaffWithPeople(request, params, context.clientIp);
  return { cohort: { id: cohort.id, name: cohort.name }, options: await sessionFormOptions(getDb(), cohort) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, cohort } = await requireCohortStaffWithPeople(request, params, context.clientIp);
  const parsed = parseForm(sessionSchema, await readForm(request));
  if (!parsed.ok) return data({ ok: false, fieldErrors: parsed.fieldErrors, values: parsed.values } satisfies ActionFailure, { status: 400 });
  let id: number;
  try {
    id = await createSession(getDb(), cohort.id, parsed.data, user);
  } catch (error) {
    return data(userErrorToFailure(error), { status: 400 });
  }
  // The rooster names the planned session at the top and marks its row (see its loader).
  return redirect(`/groepen/${cohort.id}/rooster?gepland=${id}`);
}

const text = (v: string | string[] | undefined, fallback = "") => (typeof v === "string" ? v : fallback);

export default function NewSession() {
  const { cohort, options } = useLoaderData<typeof loader>();
  const failed = useActionData<ActionFailure>();
  const { t } = useT();
  const v = failed?.values ?? {};
  const trainerIds = v.trainerIds === undefined ? (failed ? [] : options.trainers.map((x) => String(x.id))) : Array.isArray(v.trainerIds) ? v.trainerIds : [v.trainerIds];
  return (
    <>
      <Heading1 id="new-session">{t("schedule.newFor", { name: cohort.name })}</Heading1>
      <SessionForm
        options={options}
        labelledBy="new-session"
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
