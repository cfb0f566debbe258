import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button, DataList, DataListItem, DataListKey, DataListValue, Heading1, Heading2, Heading3, Paragraph } from "@utrecht/component-library-react";
import { notFound } from "../auth.server";
import { RouteErrorBoundary } from "../components/error-page";
import { TextareaField, useIsSubmitting, useZodForm, ZodForm } from "../components/form";
import { useDeadlineText } from "../components/open-assignments";
import { publicBaseUrl } from "../config.server";
import { getDb } from "../db.server";
import { intentOf, userErrorToFailure, type ActionFailure } from "../forms/action.server";
import { reopenSchema, reviewSchema } from "../forms/assignments";
import { parseForm, readForm } from "../forms/parse.server";
import { requireStaffMeeting, todayInAmsterdam } from "../guards.server";
import type { MessageKey } from "../i18n/nl";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { reopenAnswer, reviewAnswer, meetingAnswers, type AnswerSheetRow } from "../services/assignments.server";
import { Answer } from "../components/answer";

export const meta = titleMeta<typeof loader>("assignments.staff.sessionTitle", ({ meeting }, { t, date }) =>
  t("assignments.staff.sessionPageTitle", { title: meeting.title, date: date(meeting.date) }),
);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, cohort, meeting } = await requireStaffMeeting(request, params, context.clientIp);
  const sheet = await meetingAnswers(getDb(), user, cohort.id, meeting.id, todayInAmsterdam());
  if (!sheet) notFound();
  const { meeting: s, ...rest } = sheet;
  return {
    cohort: { id: cohort.id, name: cohort.name },
    meeting: { id: s.id, title: s.title, date: s.date, type: s.type, assignment: s.assignment, status: s.status },
    ...rest,
  };
}

type Result = (ActionFailure & { intent: string; participantId: number | null }) | { ok: true; intent: string; participantId: number; message: MessageKey };

const MESSAGES: Record<string, MessageKey> = {
  saved: "assignments.staff.feedbackSaved",
  done: "assignments.staff.doneSaved",
  unchanged: "assignments.staff.unchanged",
  reopened: "assignments.staff.reopened",
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, cohort, meeting } = await requireStaffMeeting(request, params, context.clientIp);
  const formData = await readForm(request);
  const intent = intentOf(formData);
  const ref = { cohortId: cohort.id, meetingId: meeting.id };
  try {
    if (intent === "feedback" || intent === "done") {
      const parsed = parseForm(reviewSchema, formData);
      if (!parsed.ok) {
        const participantId = Number(parsed.values.participantId) || null;
        return data({ ok: false, intent, participantId, fieldErrors: parsed.fieldErrors, values: parsed.values } satisfies Result, { status: 400 });
      }
      try {
        const outcome = await reviewAnswer(
          getDb(),
          user,
          { ...ref, participantId: parsed.data.participantId, feedback: parsed.data.feedback, markDone: intent === "done" },
          undefined,
          { baseUrl: publicBaseUrl(request) },
        );
        return { ok: true, intent, participantId: parsed.data.participantId, message: MESSAGES[outcome] } satisfies Result;
      } catch (error) {
        return data(
          { ...userErrorToFailure(error, { feedback: parsed.data.feedback ?? "" }), intent, participantId: parsed.data.participantId } satisfies Result,
          { status: 400 },
        );
      }
    }
    if (intent === "reopen") {
      const parsed = parseForm(reopenSchema, formData);
      if (!parsed.ok) return data({ ok: false, intent, participantId: null, formError: { key: "form.invalid" } } satisfies Result, { status: 400 });
      await reopenAnswer(getDb(), user, { ...ref, participantId: parsed.data.participantId });
      return { ok: true, intent, participantId: parsed.data.participantId, message: MESSAGES.reopened } satisfies Result;
    }
    return data({ ok: false, intent, participantId: null, formError: { key: "form.invalid" } } satisfies Result, { status: 400 });
  } catch (error) {
    return data({ ...userErrorToFailure(error), intent, participantId: null } satisfies Result, { status: 400 });
  }
}

function ReviewForm({ row, result }: { row: AnswerSheetRow; result?: Result }) {
  const { t } = useT();
  const submitting = useIsSubmitting();
  const mine = result && result.participantId === row.participant.id ? result : undefined;
  const failed = mine && !mine.ok ? mine : undefined;
  const ctx = useZodForm(reviewSchema, { serverErrors: failed?.fieldErrors });
  const typed = typeof failed?.values?.feedback === "string" ? failed.values.feedback : undefined;
  const name = row.participant.name;
  return (
    <ZodForm ctx={ctx} formError={failed?.formError ? t(failed.formError.key) : null} aria-labelledby={`answer-${row.participant.id}`}>
      <input type="hidden" {...ctx.field("participantId")} defaultValue={row.participant.id} />
      <TextareaField
        ctx={ctx}
        name="feedback"
        label={t("assignments.staff.feedbackLabel", { name })}
        description={t("assignments.staff.feedbackHint")}
        defaultValue={typed ?? row.answer?.feedback ?? ""}
        rows={3}
      />
      <div className="ll-button-row">
        <Button
          type="submit"
          name="intent"
          value="feedback"
          appearance="secondary-action-button"
          busy={submitting}
          aria-label={`${t("assignments.staff.saveFeedback")}: ${name}`}
        >
          {t("assignments.staff.saveFeedback")}
        </Button>
        <Button
          type="submit"
          name="intent"
          value="done"
          appearance="primary-action-button"
          busy={submitting}
          aria-label={`${t("assignments.staff.markDone")}: ${name}`}
        >
          {t("assignments.staff.markDone")}
        </Button>
      </div>
    </ZodForm>
  );
}

function AnswerCard({ row, result }: { row: AnswerSheetRow; result?: Result }) {
  const { t, date, time } = useT();
  const a = row.answer;
  const id = row.participant.id;
  const mine = result && result.participantId === id ? result : undefined;
  return (
    <article className="ll-card" aria-labelledby={`answer-${id}`}>
      <Heading3 id={`answer-${id}`}>
        {row.participant.name} · {t(`assignments.state.${row.state}`)}
      </Heading3>
      {mine?.ok ? (
        <Answer type="ok">
          <Paragraph>{t(mine.message)}</Paragraph>
        </Answer>
      ) : null}
      {!a ? (
        <Paragraph>{t("assignments.staff.notHandedIn")}</Paragraph>
      ) : (
        <>
          <Paragraph small>
            {t("assignments.submittedOn", { date: date(a.submittedAt), time: time(a.submittedAt) })}
            {a.late ? ` ${t("assignments.handedInLate")}` : ""}
            {a.updatedAt !== a.submittedAt ? ` ${t("assignments.changedOn", { date: date(a.updatedAt), time: time(a.updatedAt) })}` : ""}
          </Paragraph>
          <Paragraph className="ll-prewrap">
            <span lang="nl">{a.text}</span>
          </Paragraph>
          {a.doneAt ? (
            <>
              {a.feedback ? (
                <Paragraph>
                  <strong>{t("assignments.feedback.title")}:</strong>{" "}
                  <span className="ll-prewrap" lang="nl">
                    {a.feedback}
                  </span>
                </Paragraph>
              ) : null}
              <Paragraph small>
                {a.feedback && a.feedbackBy ? `${t("assignments.feedback.by", { name: a.feedbackBy, date: date(a.feedbackAt ?? "") })} ` : ""}
                {t("assignments.staff.doneBy", { name: a.doneBy ?? "", date: date(a.doneAt) })}
              </Paragraph>
              <Form method="post" className="ll-inline-form">
                <input type="hidden" name="participantId" value={id} />
                <Button
                  type="submit"
                  name="intent"
                  value="reopen"
                  appearance="subtle-button"
                  aria-label={`${t("assignments.staff.reopen")}: ${row.participant.name}`}
                >
                  {t("assignments.staff.reopen")}
                </Button>
              </Form>
            </>
          ) : (
            <>
              {a.feedback ? <Paragraph small>{t("assignments.feedback.by", { name: a.feedbackBy ?? "", date: date(a.feedbackAt ?? "") })}</Paragraph> : null}
              <ReviewForm row={row} result={result} />
            </>
          )}
        </>
      )}
    </article>
  );
}

export default function MeetingAssignment() {
  const { cohort, meeting, hasAssignment, deadline, started, rows, counts } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const { t, date } = useT();
  const deadlineText = useDeadlineText();
  const generalError = result && !result.ok && result.participantId === null && result.formError ? result.formError : undefined;
  return (
    <>
      <Paragraph>
        <Link to={`/groepen/${cohort.id}/opdrachten`} className="utrecht-link">
          {t("assignments.staff.back")}
        </Link>
        {" · "}
        <Link to={`/groepen/${cohort.id}/bijeenkomsten/${meeting.id}`} className="utrecht-link">
          {t("assignments.staff.toSession")}
        </Link>
      </Paragraph>
      <Heading1>{t("assignments.one.heading", { title: meeting.title, date: date(meeting.date) })}</Heading1>
      {generalError ? (
        <Answer type="error">
          <Paragraph>{t(generalError.key)}</Paragraph>
        </Answer>
      ) : null}
      {!hasAssignment ? (
        <Paragraph>{meeting.status === "cancelled" ? t("assignments.staff.cancelled") : t("assignments.staff.none")}</Paragraph>
      ) : (
        <>
          <section aria-labelledby="task-heading" className="ll-section">
            <Heading2 id="task-heading">{t("assignments.task")}</Heading2>
            <Paragraph className="ll-prewrap">
              <span lang="nl">{meeting.assignment}</span>
            </Paragraph>
            <DataList>
              <DataListItem>
                <DataListKey>{t("assignments.deadline")}</DataListKey>
                <DataListValue>{deadlineText({ deadline, state: "open" })}</DataListValue>
              </DataListItem>
              <DataListItem>
                <DataListKey>{t("assignments.staff.counts")}</DataListKey>
                <DataListValue>
                  {t("assignments.staff.countsText", { handedIn: counts.handedIn, expected: counts.expected, done: counts.done, open: counts.open })}
                </DataListValue>
              </DataListItem>
            </DataList>
            {!started ? <Paragraph>{t("assignments.staff.notStarted")}</Paragraph> : null}
          </section>
          <section aria-labelledby="answers-heading" className="ll-section">
            <Heading2 id="answers-heading">{t("assignments.staff.answers")}</Heading2>
            <Paragraph>{t("assignments.staff.answersIntro")}</Paragraph>
            {rows.length === 0 ? <Paragraph>{t("assignments.staff.nobody")}</Paragraph> : null}
            {rows.map((row) => (
              <AnswerCard
                key={`${row.participant.id}-${row.answer?.updatedAt ?? ""}-${row.answer?.feedbackAt ?? ""}-${row.answer?.doneAt ?? ""}`}
                row={row}
                result={result}
              />
            ))}
          </section>
        </>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
