import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button, Heading1, Paragraph } from "@utrecht/component-library-react";
import { requireArea } from "../auth.server";
import { RouteErrorBoundary } from "../components/error-page";
import { CheckboxGroup, SelectField, TextField, useIsSubmitting, useZodForm, ZodForm } from "../components/form";
import { getDb } from "../db.server";
import { userErrorToFailure, type ActionFailure } from "../forms/action.server";
import { planInterviewSchema } from "../forms/interview";
import { parseForm, readForm } from "../forms/parse.server";
import { todayInAmsterdam } from "../guards.server";
import { FailureAlert } from "../components/failure-alert";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { assessorOptions, interviewCandidates, planInterview } from "../services/interviews.server";

export const meta = titleMeta("interview.plan.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "interviews", context.clientIp);
  const db = getDb();
  const chosen = Number(new URL(request.url).searchParams.get("deelnemer"));
  return { user: { id: user.id, role: user.role }, candidates: await interviewCandidates(db, todayInAmsterdam()), assessors: await assessorOptions(db), chosen: Number.isSafeInteger(chosen) ? chosen : 0 };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireArea(request, "interviews", context.clientIp);
  const parsed = parseForm(planInterviewSchema, await readForm(request));
  if (!parsed.ok) return data({ ok: false, fieldErrors: parsed.fieldErrors, values: parsed.values } satisfies ActionFailure, { status: 400 });
  try {
    const { id } = await planInterview(getDb(), user, parsed.data);
    return redirect(`/eindgesprekken/${id}?gepland=1`);
  } catch (error) {
    return data(userErrorToFailure(error, parsed.data ? undefined : undefined), { status: 400 });
  }
}

export default function PlanInterview() {
  const { user, candidates, assessors, chosen } = useLoaderData<typeof loader>();
  const failed = useActionData<ActionFailure>();
  const { t } = useT();
  const submitting = useIsSubmitting();
  const ctx = useZodForm(planInterviewSchema, { serverErrors: failed?.fieldErrors });
  return (
    <>
      <Paragraph>
        <Link to={user.role === "coordinator" ? "/coordinator/eindgesprekken" : "/examinator"} className="utrecht-link">
          {t("interview.back")}
        </Link>
      </Paragraph>
      <Heading1 id="plan-heading">{t("interview.plan.title")}</Heading1>
      <Paragraph>{t("interview.plan.intro")}</Paragraph>
      {candidates.length === 0 ? (
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
            defaultValue={candidates.some((c) => c.id === chosen) ? String(chosen) : ""}
            options={candidates.map((c) => ({ value: String(c.id), label: `${c.name} (${c.cohort})` }))}
          />
          <TextField ctx={ctx} name="date" type="date" label={t("session.date")} required />
          <TextField ctx={ctx} name="startTime" type="time" label={t("interview.time")} defaultValue="10:00" required />
          <TextField ctx={ctx} name="location" label={t("interview.location")} defaultValue="Vrijwilligersacademie, Amsterdam" />
          <CheckboxGroup
            ctx={ctx}
            name="assessorIds"
            legend={t("interview.assessors")}
            options={assessors.map((a) => ({ value: String(a.id), label: `${a.name} (${t(`role.${a.role}`)})` }))}
            defaultValues={user.role === "examiner" ? [String(user.id)] : []}
          />
          <Paragraph className="ll-muted">{t("interview.assessors.help")}</Paragraph>
          <Button type="submit" appearance="primary-action-button" busy={submitting}>
            {t("interview.plan.submit")}
          </Button>
        </ZodForm>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
