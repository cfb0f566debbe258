import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button, Heading1, Paragraph } from "@utrecht/component-library-react";
import { notFound, requireArea } from "../auth.server";
import { Answer } from "../components/answer";
import { RouteErrorBoundary } from "../components/error-page";
import { SelectField, TextField, useIsSubmitting, useZodForm, ZodForm } from "../components/form";
import { getDb } from "../db.server";
import { userErrorToFailure, type ActionFailure } from "../forms/action.server";
import { evaluationSchema } from "../forms/evaluation";
import { parseForm, readForm } from "../forms/parse.server";
import { idParam, nowInAmsterdam } from "../guards.server";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { EVALUATION_SCORES } from "../rules/evaluation";
import { evaluationFor, submitEvaluation } from "../services/evaluations.server";

/*
 * A participant's short anonymous evaluation of a meeting they attended (issue 29 point 8). Only
 * for a meeting where they were recorded as present, from its end until two weeks later; a
 * meeting they may not evaluate looks like one that does not exist.
 */

export const meta = titleMeta<typeof loader>("evaluation.title", ({ meeting }, { t, date }) =>
  t("evaluation.heading", { title: meeting.title, date: date(meeting.date) }),
);

async function load(request: Request, params: Record<string, string | undefined>, ip: string | null | undefined) {
  const user = await requireArea(request, "participant-schedule", ip);
  const item = await evaluationFor(getDb(), user, idParam(params, "meetingId"), nowInAmsterdam());
  if (!item) notFound();
  return { user, item };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { item } = await load(request, params, context.clientIp);
  return { meeting: item.meeting, answered: item.answered };
}

type Result = ActionFailure | { ok: true };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, item } = await load(request, params, context.clientIp);
  const parsed = parseForm(evaluationSchema, await readForm(request));
  if (!parsed.ok) return data({ ok: false, fieldErrors: parsed.fieldErrors, values: parsed.values } satisfies Result, { status: 400 });
  try {
    await submitEvaluation(getDb(), user, item.meeting.id, parsed.data, nowInAmsterdam());
  } catch (error) {
    return data(userErrorToFailure(error) satisfies Result, { status: 400 });
  }
  return { ok: true } satisfies Result;
}

export default function Evaluation() {
  const { meeting, answered } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const { t, date } = useT();
  const submitting = useIsSubmitting();
  const failed = result && !result.ok ? result : undefined;
  const ctx = useZodForm(evaluationSchema, { serverErrors: failed?.fieldErrors });
  const v = failed?.values ?? {};
  return (
    <>
      <Paragraph>
        <Link to="/deelnemer/rooster" className="utrecht-link">
          {t("evaluation.back")}
        </Link>
      </Paragraph>
      <Heading1 id="evaluation">{t("evaluation.heading", { title: meeting.title, date: date(meeting.date) })}</Heading1>
      {result?.ok ? (
        <Answer type="ok">
          <Paragraph>{t("evaluation.thanks")}</Paragraph>
        </Answer>
      ) : answered ? (
        <Paragraph>{t("evaluation.alreadyAnswered")}</Paragraph>
      ) : (
        <>
          <Paragraph>{t("evaluation.intro")}</Paragraph>
          <ZodForm ctx={ctx} aria-labelledby="evaluation" formError={failed?.formError ? t(failed.formError.key) : null}>
            <SelectField
              ctx={ctx}
              name="score"
              label={t("evaluation.score")}
              description={t("evaluation.score.hint")}
              placeholder="–"
              defaultValue={typeof v.score === "string" ? v.score : ""}
              options={EVALUATION_SCORES.map((s) => ({ value: String(s), label: String(s) }))}
            />
            <TextField
              ctx={ctx}
              name="comment"
              label={t("evaluation.comment")}
              description={t("evaluation.comment.hint")}
              defaultValue={typeof v.comment === "string" ? v.comment : ""}
            />
            <Button type="submit" appearance="primary-action-button" busy={submitting}>
              {t("evaluation.submit")}
            </Button>
          </ZodForm>
        </>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
