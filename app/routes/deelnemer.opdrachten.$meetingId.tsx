import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button, DataList, DataListItem, DataListKey, DataListValue, Heading1, Heading2, Paragraph } from "@utrecht/component-library-react";
import { notFound, requireArea } from "../auth.server";
import { RouteErrorBoundary } from "../components/error-page";
import { TextareaField, useIsSubmitting, useZodForm, ZodForm } from "../components/form";
import { useDeadlineText } from "../components/open-assignments";
import { getDb } from "../db.server";
import { userErrorToFailure, type ActionFailure } from "../forms/action.server";
import { answerSchema } from "../forms/assignments";
import { parseForm, readForm } from "../forms/parse.server";
import { idParam, todayInAmsterdam } from "../guards.server";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { handInAnswer, participantAssignment, type HandInResult } from "../services/assignments.server";
import { audit } from "../services/audit.server";
import type { User } from "../../db/schema";
import { Answer, Notice } from "../components/answer";

export const meta = titleMeta<typeof loader>("assignments.one.title", ({ item }, { t, date }) =>
  t("assignments.one.heading", { title: item.title, date: date(item.date) }),
);

/** Only a meeting that expects this participant (or holds their own answer): anything else is a 404, logged. */
async function ownAssignment(user: User, meetingId: number, today: string, ip: string | null | undefined) {
  const item = await participantAssignment(getDb(), user, meetingId, today);
  if (!item) {
    await audit(getDb(), { actor: user, action: "assignment.view", target: { type: "session", id: meetingId }, outcome: "denied", ip: ip ?? null });
    notFound();
  }
  return item;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "participant-schedule", context.clientIp);
  return { item: await ownAssignment(user, idParam(params, "meetingId"), todayInAmsterdam(), context.clientIp) };
}

type Result = ActionFailure | { ok: true; result: HandInResult };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireArea(request, "participant-schedule", context.clientIp);
  const meetingId = idParam(params, "meetingId");
  const today = todayInAmsterdam();
  await ownAssignment(user, meetingId, today, context.clientIp);
  const parsed = parseForm(answerSchema, await readForm(request));
  if (!parsed.ok) return data({ ok: false, fieldErrors: parsed.fieldErrors, values: parsed.values } satisfies Result, { status: 400 });
  try {
    return { ok: true, result: await handInAnswer(getDb(), user, meetingId, parsed.data.text, today) } satisfies Result;
  } catch (error) {
    return data(userErrorToFailure(error), { status: 400 });
  }
}

export default function MyAssignment() {
  const { item } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const { t, date, time } = useT();
  const deadlineText = useDeadlineText();
  const submitting = useIsSubmitting();
  const failed = result && !result.ok ? result : undefined;
  const ctx = useZodForm(answerSchema, { serverErrors: failed?.fieldErrors });
  const answer = item.answer;
  const typed = typeof failed?.values?.text === "string" ? failed.values.text : undefined;
  return (
    <>
      <Paragraph>
        <Link to="/deelnemer/opdrachten" className="utrecht-link">
          {t("assignments.back")}
        </Link>
      </Paragraph>
      <Heading1>{t("assignments.one.heading", { title: item.title, date: date(item.date) })}</Heading1>
      <DataList>
        <DataListItem>
          <DataListKey>{t("assignments.deadline")}</DataListKey>
          <DataListValue>{deadlineText(item)}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t("assignments.state")}</DataListKey>
          <DataListValue>{t(`assignments.state.${item.state}`)}</DataListValue>
        </DataListItem>
      </DataList>

      <section aria-labelledby="task-heading" className="ll-section">
        <Heading2 id="task-heading">{t("assignments.task")}</Heading2>
        <Paragraph className="ll-prewrap">
          <span lang="nl">{item.assignment}</span>
        </Paragraph>
      </section>

      {answer?.feedback ? (
        <section aria-labelledby="feedback-heading" className="ll-section">
          <Heading2 id="feedback-heading">{t("assignments.feedback.title")}</Heading2>
          <Paragraph small>{t("assignments.feedback.by", { name: answer.feedbackBy ?? "", date: date(answer.feedbackAt ?? "") })}</Paragraph>
          <Paragraph className="ll-prewrap">
            <span lang="nl">{answer.feedback}</span>
          </Paragraph>
        </section>
      ) : null}

      <section aria-labelledby="answer-heading" className="ll-section">
        <Heading2 id="answer-heading">{t("assignments.answer.title")}</Heading2>
        <Paragraph>{t("assignments.answer.private")}</Paragraph>
        {result?.ok ? (
          <Answer type="ok">
            <Paragraph>{t(`assignments.saved.${result.result}`)}</Paragraph>
          </Answer>
        ) : null}
        {answer ? (
          <Paragraph small>
            {t("assignments.submittedOn", { date: date(answer.submittedAt), time: time(answer.submittedAt) })}
            {answer.late ? ` ${t("assignments.handedInLate")}` : ""}
            {answer.updatedAt !== answer.submittedAt ? ` ${t("assignments.changedOn", { date: date(answer.updatedAt), time: time(answer.updatedAt) })}` : ""}
          </Paragraph>
        ) : null}
        {answer?.doneAt ? (
          <>
            <Notice type="ok">
              <Paragraph>{t("assignments.answer.done", { name: answer.doneBy ?? "", date: date(answer.doneAt) })}</Paragraph>
            </Notice>
            <Paragraph className="ll-prewrap">
              <span lang="nl">{answer.text}</span>
            </Paragraph>
          </>
        ) : (
          <ZodForm ctx={ctx} formError={failed?.formError ? t(failed.formError.key) : null} aria-labelledby="answer-heading">
            <Notice type="warning">
              <Paragraph>{t("assignments.privacy")}</Paragraph>
            </Notice>
            <TextareaField
              ctx={ctx}
              name="text"
              label={t("assignments.answer.label")}
              description={t("assignments.answer.hint")}
              defaultValue={typed ?? answer?.text ?? ""}
              rows={10}
              required
            />
            <Button type="submit" appearance="primary-action-button" busy={submitting}>
              {answer ? t("assignments.answer.update") : t("assignments.answer.submit")}
            </Button>
          </ZodForm>
        )}
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
