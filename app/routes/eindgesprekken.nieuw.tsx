import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, Button, Heading1, Paragraph } from "@utrecht/component-library-react";
import { requireArea } from "../auth.server";
import { RouteErrorBoundary } from "../components/error-page";
import { CheckboxGroup, SelectField, TextareaField, TextField, useIsSubmitting, useZodForm, ZodForm } from "../components/form";
import { publicBaseUrl } from "../config.server";
import { getDb } from "../db.server";
import { userErrorToFailure, type ActionFailure } from "../forms/action.server";
import { planInterviewSchema } from "../forms/interview";
import { formDataToObject, parseForm, readForm } from "../forms/parse.server";
import { todayInAmsterdam } from "../guards.server";
import { FailureAlert } from "../components/failure-alert";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import {
  PlanRefusedError,
  assessorOptions,
  interviewCandidates,
  notReadyParticipants,
  planInterview,
  type AssessorWarning,
} from "../services/interviews.server";

export const meta = titleMeta("interview.plan.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "interviews", context.clientIp);
  const db = getDb();
  const today = todayInAmsterdam();
  const chosen = Number(new URL(request.url).searchParams.get("deelnemer"));
  return {
    user: { id: user.id, role: user.role },
    candidates: await interviewCandidates(db, today),
    // Only a coordinator may plan someone who is not ready yet, with a reason (the server checks).
    notReady: user.role === "coordinator" ? await notReadyParticipants(db, today) : [],
    assessors: await assessorOptions(db),
    chosen: Number.isSafeInteger(chosen) ? chosen : 0,
  };
}

type PlanFailure = ActionFailure & { conflicts?: AssessorWarning[] };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireArea(request, "interviews", context.clientIp);
  const formData = await readForm(request);
  const parsed = parseForm(planInterviewSchema, formData);
  if (!parsed.ok) return data({ ok: false, fieldErrors: parsed.fieldErrors, values: parsed.values } satisfies PlanFailure, { status: 400 });
  // The server's rules decide, whatever the form offered (planInterview).
  const input = user.role === "coordinator" ? parsed.data : { ...parsed.data, overrideReason: null, conflictReason: null };
  try {
    const { id } = await planInterview(getDb(), user, input, undefined, { baseUrl: publicBaseUrl(request) });
    return redirect(`/eindgesprekken/${id}?gepland=1`);
  } catch (error) {
    const failure: PlanFailure = userErrorToFailure(error, formDataToObject(formData));
    if (error instanceof PlanRefusedError && error.conflicts.length > 0) failure.conflicts = error.conflicts;
    return data(failure, { status: 400 });
  }
}

export default function PlanInterview() {
  const { user, candidates, notReady, assessors, chosen } = useLoaderData<typeof loader>();
  const failed = useActionData<PlanFailure>();
  const { t } = useT();
  const submitting = useIsSubmitting();
  const ctx = useZodForm(planInterviewSchema, { serverErrors: failed?.fieldErrors });
  const coordinator = user.role === "coordinator";
  // Without JavaScript a refused form comes back filled in as it was sent.
  const sent = failed?.values;
  const one = (name: string) => (typeof sent?.[name] === "string" ? (sent[name] as string) : undefined);
  const many = (name: string) => (sent ? [sent[name] ?? []].flat() : undefined);
  const options = [
    ...candidates.map((c) => ({ value: String(c.id), label: `${c.name} (${c.cohort})` })),
    ...notReady.map((c) => ({ value: String(c.id), label: t("interview.plan.notReadyOption", { name: c.name, cohort: c.cohort }) })),
  ];
  const preset = one("participantId") ?? (options.some((o) => o.value === String(chosen)) ? String(chosen) : "");
  return (
    <>
      <Paragraph>
        <Link to={coordinator ? "/coordinator/eindgesprekken" : "/examinator"} className="utrecht-link">
          {t("interview.back")}
        </Link>
      </Paragraph>
      <Heading1 id="plan-heading">{t("interview.plan.title")}</Heading1>
      <Paragraph>{t("interview.plan.intro")}</Paragraph>
      {options.length === 0 ? (
        <>
          <FailureAlert fieldErrors={failed?.fieldErrors} formError={failed?.formError?.key} />
          <Paragraph>{t("interview.candidates.none")}</Paragraph>
        </>
      ) : (
        <ZodForm ctx={ctx} formError={failed?.formError ? t(failed.formError.key) : null} aria-labelledby="plan-heading">
          <SelectField
            ctx={ctx}
            name="participantId"
            label={t("trainings.staff.participant")}
            placeholder={t("form.choose")}
            defaultValue={preset}
            options={options}
          />
          {coordinator ? (
            <TextareaField
              ctx={ctx}
              name="overrideReason"
              label={t("interview.overrideReason")}
              description={t("interview.overrideReason.help")}
              defaultValue={one("overrideReason")}
              rows={2}
            />
          ) : null}
          <TextField ctx={ctx} name="date" type="date" label={t("session.date")} defaultValue={one("date")} required />
          <TextField ctx={ctx} name="startTime" type="time" label={t("interview.time")} defaultValue={one("startTime") ?? "10:00"} required />
          <TextField ctx={ctx} name="location" label={t("interview.location")} defaultValue={one("location") ?? "Vrijwilligersacademie, Amsterdam"} />
          {failed?.conflicts?.length ? (
            <Alert type="warning">
              {failed.conflicts.map((w) => (
                <Paragraph key={`${w.assessorId}-${w.reason}`}>{t(`interview.warning.${w.reason}`, { name: w.name })}</Paragraph>
              ))}
            </Alert>
          ) : null}
          <CheckboxGroup
            ctx={ctx}
            name="assessorIds"
            legend={t("interview.assessors")}
            options={assessors.map((a) => ({ value: String(a.id), label: `${a.name} (${t(`role.${a.role}`)})` }))}
            defaultValues={many("assessorIds") ?? (user.role === "examiner" ? [String(user.id)] : [])}
          />
          <Paragraph className="ll-muted">{t("interview.assessors.help")}</Paragraph>
          {coordinator ? (
            <TextareaField
              ctx={ctx}
              name="conflictReason"
              label={t("interview.conflictReason")}
              description={t("interview.conflictReason.help")}
              defaultValue={one("conflictReason")}
              rows={2}
            />
          ) : null}
          <Button type="submit" appearance="primary-action-button" busy={submitting}>
            {t("interview.plan.submit")}
          </Button>
        </ZodForm>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
