import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button, Heading1, Paragraph } from "@utrecht/component-library-react";
import { notFound, requireArea } from "../auth.server";
import { Answer, Notice } from "../components/answer";
import { RouteErrorBoundary } from "../components/error-page";
import { TextareaField, useIsSubmitting, useZodForm, ZodForm } from "../components/form";
import { getDb } from "../db.server";
import { absenceSchema } from "../forms/absence";
import { intentOf, userErrorToFailure, type ActionFailure } from "../forms/action.server";
import { parseForm, readForm } from "../forms/parse.server";
import { idParam, nowInAmsterdam } from "../guards.server";
import type { MessageKey } from "../i18n/nl";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { reportAbsence, withdrawAbsence } from "../services/absence.server";
import { participantAttendance } from "../services/attendance.server";
import { audit, withIp } from "../services/audit.server";
import type { User } from "../../db/schema";

export const meta = titleMeta<typeof loader>("absence.title", ({ meeting }, { t, date }) =>
  t("absence.heading", { title: meeting.title, date: date(meeting.date) }),
);

/** A meeting on this participant's own rooster: anything else is a 404, logged (ids are never trusted). */
async function ownMeeting(user: User, meetingId: number, ip: string | null | undefined) {
  const mine = await participantAttendance(getDb(), user, nowInAmsterdam());
  const meeting = mine?.meetings.find((m) => m.id === meetingId);
  if (!mine || !meeting) {
    await audit(getDb(), { actor: user, action: "absence.view", target: { type: "session", id: meetingId }, outcome: "denied", ip: ip ?? null });
    notFound();
  }
  return { meeting, excused: mine.rules.absenceWithNoticeExcused };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "participant-schedule", context.clientIp);
  const { meeting, excused } = await ownMeeting(user, idParam(params, "meetingId"), context.clientIp);
  return {
    meeting: {
      id: meeting.id,
      title: meeting.title,
      date: meeting.date,
      start_time: meeting.start_time,
      end_time: meeting.end_time,
      type: meeting.type,
      mode: meeting.mode,
      status: meeting.status,
    },
    absence: meeting.absence,
    open: meeting.absenceOpen,
    excused,
  };
}

type Result = (ActionFailure & { intent: string }) | { ok: true; intent: string; message: MessageKey };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireArea(request, "participant-schedule", context.clientIp);
  const meetingId = idParam(params, "meetingId");
  await ownMeeting(user, meetingId, context.clientIp);
  const formData = await readForm(request);
  const intent = intentOf(formData);
  const actor = withIp(user, context.clientIp);
  try {
    if (intent === "report") {
      const parsed = parseForm(absenceSchema, formData);
      if (!parsed.ok) return data({ ok: false, intent, fieldErrors: parsed.fieldErrors, values: parsed.values } satisfies Result, { status: 400 });
      await reportAbsence(getDb(), actor, meetingId, parsed.data.reason);
      return { ok: true, intent, message: "absence.saved" } satisfies Result;
    }
    if (intent === "withdraw") {
      await withdrawAbsence(getDb(), actor, meetingId);
      return { ok: true, intent, message: "absence.withdrawn" } satisfies Result;
    }
    return data({ ok: false, intent, formError: { key: "form.invalid" } } satisfies Result, { status: 400 });
  } catch (error) {
    return data({ ...userErrorToFailure(error), intent } satisfies Result, { status: 400 });
  }
}

export default function ReportAbsence() {
  const { meeting, absence, open, excused } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const { t, date } = useT();
  const submitting = useIsSubmitting();
  const failed = result && !result.ok ? result : undefined;
  const ctx = useZodForm(absenceSchema, { serverErrors: failed?.fieldErrors });
  const typed = typeof failed?.values?.reason === "string" ? failed.values.reason : undefined;
  return (
    <>
      <Paragraph>
        <Link to={`/deelnemer/rooster#bijeenkomst-${meeting.id}`} className="utrecht-link">
          {t("absence.back")}
        </Link>
      </Paragraph>
      <Heading1>{t("absence.heading", { title: meeting.title, date: date(meeting.date) })}</Heading1>
      <Paragraph>
        {t(`sessionType.${meeting.type}`)} · {t(`meetingMode.${meeting.mode}`)} · {meeting.start_time}–{meeting.end_time}
      </Paragraph>
      {result?.ok ? (
        <Answer type="ok">
          <Paragraph>{t(result.message)}</Paragraph>
        </Answer>
      ) : null}
      {failed?.formError ? (
        <Answer type="error">
          <Paragraph>{t(failed.formError.key)}</Paragraph>
        </Answer>
      ) : null}
      {absence ? (
        <Notice type="ok">
          <Paragraph>{t("absence.isReported")}</Paragraph>
          {absence.reason ? <Paragraph className="ll-prewrap">{t("absence.yourReason", { reason: absence.reason })}</Paragraph> : null}
        </Notice>
      ) : null}
      {!open ? (
        <Paragraph>{meeting.status === "cancelled" ? t("absence.cancelled") : t("absence.closed")}</Paragraph>
      ) : (
        <>
          <Paragraph>{t("absence.explain")}</Paragraph>
          <Paragraph>{excused ? t("absence.rule.excused") : t("absence.rule.absent")}</Paragraph>
          <ZodForm ctx={ctx} className="ll-form">
            <TextareaField
              ctx={ctx}
              name="reason"
              label={t("absence.reason")}
              description={t("absence.reason.hint")}
              defaultValue={typed ?? absence?.reason ?? ""}
              rows={3}
            />
            <Button type="submit" name="intent" value="report" appearance="primary-action-button" busy={submitting}>
              {absence ? t("absence.change") : t("absence.submit")}
            </Button>
          </ZodForm>
          {absence ? (
            <Form method="post" className="ll-inline-form">
              <Button type="submit" name="intent" value="withdraw" appearance="secondary-action-button" busy={submitting}>
                {t("absence.withdraw")}
              </Button>
            </Form>
          ) : null}
        </>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
