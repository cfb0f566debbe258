import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, Button, FormFieldTextbox, Heading1, Heading2, Heading3, Paragraph, UnorderedList, UnorderedListItem } from "@utrecht/component-library-react";
import { RouteErrorBoundary } from "../components/error-page";
import { MeetingForm } from "../components/meeting-form";
import { publicBaseUrl } from "../config.server";
import { getDb } from "../db.server";
import { intentOf, userErrorToFailure, type ActionFailure } from "../forms/action.server";
import { parseForm, readForm } from "../forms/parse.server";
import { cancelSchema, meetingSchema } from "../forms/meetings";
import { cancelLaterSchema, seriesScopeSchema } from "../forms/series";
import { requireStaffMeeting } from "../guards.server";
import type { MessageKey } from "../i18n/nl";
import type { Params } from "../i18n/translate";
import { useT } from "../i18n/use-t";
import { formatProgramme, parseProgrammeJson } from "../rules/programme";
import { titleMeta } from "../meta";
import { setCancelled, updateMeeting } from "../services/schedule.server";
import { withPeople } from "../services/cohorts.server";
import { meetingFormOptions } from "../services/meeting-options.server";
import {
  cancelFromHereOn,
  laterInSeries as laterMeetingsInSeries,
  reinstateFromHereOn,
  toCancelFromHereOn,
  toReinstateFromHereOn,
  updateFromHereOn,
} from "../services/series.server";
import { meetingLessonPlan } from "../services/lesson-plans.server";
import { LessonPlanMaterialView } from "../components/lesson-plan-material";
import { SelectField } from "../components/form";
import { evaluationResults } from "../services/evaluations.server";
import { Answer } from "../components/answer";

export const meta = titleMeta<typeof loader>("session.edit", ({ meeting }, { t, date }) =>
  t("session.editPageTitle", { title: meeting.title, date: date(meeting.date) }),
);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, cohort, meeting } = await requireStaffMeeting(request, params, context.clientIp);
  return {
    /** the participants' evaluation: only a count until there are enough answers (issue 29 point 8) */
    evaluation: await evaluationResults(getDb(), user, cohort.id, meeting.id),
    cohort: { id: cohort.id, name: cohort.name },
    meeting,
    options: await meetingFormOptions(getDb(), await withPeople(getDb(), cohort)),
    /** how many meetings of its series come after this one (0: none, or not in a series) */
    laterInSeries: meeting.series_id ? (await laterMeetingsInSeries(getDb(), cohort.id, meeting.id)).length : 0,
    /** cancelled with "this and all later ones": how many meetings "put back" restores (this one included) */
    toReinstate: meeting.status === "cancelled" ? (await toReinstateFromHereOn(getDb(), cohort.id, meeting)).length : 0,
    /** the lesson plan it was planned from (issue 29 point 7) */
    lessonPlan: await meetingLessonPlan(getDb(), meeting),
  };
}

type Result =
  | (ActionFailure & { intent: string })
  | { ok: true; intent: string; message: MessageKey; params?: Params; confirm?: undefined }
  /** the confirmation step of "cancel this and all later ones": the meetings it would cancel */
  | { ok: true; intent: "cancelLaterAsk"; confirm: { meetings: { id: number; date: string }[]; reason: string }; message?: undefined };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, cohort, meeting } = await requireStaffMeeting(request, params, context.clientIp);
  const formData = await readForm(request);
  const intent = intentOf(formData);
  try {
    if (intent === "save") {
      const parsed = parseForm(meetingSchema, formData);
      if (!parsed.ok) return data({ ok: false, intent, fieldErrors: parsed.fieldErrors, values: parsed.values } satisfies Result, { status: 400 });
      const scope = seriesScopeSchema.safeParse({ scope: formData.get("scope") ?? undefined });
      const mail = { baseUrl: publicBaseUrl(request) };
      if (scope.success && scope.data.scope === "later" && meeting.series_id) {
        const { later } = await updateFromHereOn(getDb(), user, cohort.id, meeting.id, parsed.data, undefined, mail);
        return { ok: true, intent, message: "series.savedLater", params: { count: later } } satisfies Result;
      }
      await updateMeeting(getDb(), cohort.id, meeting.id, parsed.data, user, undefined, mail);
      return { ok: true, intent, message: "session.saved" } satisfies Result;
    }
    if (intent === "cancelLaterAsk" || intent === "cancelLater") {
      const parsed = parseForm(cancelLaterSchema, formData);
      if (!parsed.ok) return data({ ok: false, intent, formError: { key: "form.invalid" } } satisfies Result, { status: 400 });
      const reason = parsed.data.reason?.trim() ?? "";
      if (intent === "cancelLaterAsk") {
        const meetings = await toCancelFromHereOn(getDb(), user, cohort.id, meeting.id);
        return { ok: true, intent: "cancelLaterAsk" as const, confirm: { meetings, reason } } satisfies Result;
      }
      const { cancelled } = await cancelFromHereOn(
        getDb(),
        user,
        cohort.id,
        meeting.id,
        { reason: reason || null, expected: parsed.data.expected },
        undefined,
        { baseUrl: publicBaseUrl(request) },
      );
      return { ok: true, intent, message: "series.cancelledLater", params: { count: cancelled.length } } satisfies Result;
    }
    if (intent === "reinstateLater") {
      const { reinstated } = await reinstateFromHereOn(getDb(), user, cohort.id, meeting.id, undefined, { baseUrl: publicBaseUrl(request) });
      return { ok: true, intent, message: "series.reinstatedLater", params: { count: reinstated.length } } satisfies Result;
    }
    if (intent === "cancel" || intent === "reinstate") {
      const parsed = parseForm(cancelSchema, formData);
      const reason = parsed.ok ? (parsed.data.reason ?? null) : null;
      await setCancelled(getDb(), cohort.id, meeting.id, intent === "cancel", reason, user, undefined, { baseUrl: publicBaseUrl(request) });
      return { ok: true, intent, message: intent === "cancel" ? "session.cancelledDone" : "session.reinstated" } satisfies Result;
    }
    return data({ ok: false, intent, formError: { key: "form.invalid" } } satisfies Result, { status: 400 });
  } catch (error) {
    return data({ ...userErrorToFailure(error), intent } satisfies Result, { status: 400 });
  }
}

const text = (v: string | string[] | undefined, fallback: string) => (typeof v === "string" ? v : fallback);

export default function EditMeeting() {
  const { cohort, meeting, options, laterInSeries, evaluation, toReinstate, lessonPlan } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const { t, date, number: num } = useT();
  const failed = result && !result.ok && result.intent === "save" ? result : undefined;
  const v = failed?.values ?? {};
  const confirm = result?.ok && result.intent === "cancelLaterAsk" ? result.confirm : undefined;
  const trainerIds = v.trainerIds === undefined ? (failed ? [] : meeting.trainer_ids.map(String)) : Array.isArray(v.trainerIds) ? v.trainerIds : [v.trainerIds];
  return (
    <>
      <Paragraph>
        <Link to={`/groepen/${cohort.id}/rooster`} className="utrecht-link">
          {t("schedule.back", { name: cohort.name })}
        </Link>
      </Paragraph>
      <Heading1 id="edit-meeting">
        {meeting.title} · {date(meeting.date)}
      </Heading1>
      {meeting.status === "cancelled" ? (
        <Alert type="warning" role="status">
          <Paragraph>
            {t("session.isCancelled")}
            {meeting.cancel_reason ? ` ${t("session.cancelReasonShown", { reason: meeting.cancel_reason })}` : ""}
          </Paragraph>
        </Alert>
      ) : null}
      {result?.ok && result.message ? (
        <Answer type="ok">
          <Paragraph>{t(result.message, result.params)}</Paragraph>
        </Answer>
      ) : null}
      {result && !result.ok && result.intent !== "save" && result.formError ? (
        <Answer type="error">
          <Paragraph>{t(result.formError.key)}</Paragraph>
        </Answer>
      ) : null}
      {laterInSeries > 0 ? <Paragraph>{t("series.partOf", { count: laterInSeries })}</Paragraph> : null}
      <Paragraph>
        <Link to={`/groepen/${cohort.id}/bijeenkomsten/${meeting.id}/aanwezigheid`} className="utrecht-link">
          {t("schedule.attendance")}
        </Link>
      </Paragraph>
      <Paragraph>
        {/* A file, not a page: the browser downloads it (a Remix <Link> would try to render it). */}
        <a href={`/groepen/${cohort.id}/bijeenkomsten/${meeting.id}/agenda.ics`} download className="utrecht-link">
          {t("session.calendarDownload")}
        </a>
      </Paragraph>
      {meeting.status === "planned" ? (
        <Paragraph>
          <a href={`/groepen/${cohort.id}/bijeenkomsten/${meeting.id}/presentielijst.pdf`} download className="utrecht-link">
            {t("attendanceList.download")}
          </a>
        </Paragraph>
      ) : null}
      {meeting.assignment && meeting.status === "planned" ? (
        <Paragraph>
          <Link to={`/groepen/${cohort.id}/bijeenkomsten/${meeting.id}/opdracht`} className="utrecht-link">
            {t("assignments.staff.answersLink")}
          </Link>
        </Paragraph>
      ) : null}
      <MeetingForm
        key={meeting.updated_at}
        options={options}
        labelledBy="edit-meeting"
        submitLabel={t("cohort.form.save")}
        serverErrors={failed?.fieldErrors}
        formError={failed?.formError ? t(failed.formError.key) : null}
        defaults={{
          type: text(v.type, meeting.type),
          title: text(v.title, meeting.title),
          date: text(v.date, meeting.date),
          startTime: text(v.startTime, meeting.start_time),
          endTime: text(v.endTime, meeting.end_time),
          location: text(v.location, meeting.location ?? ""),
          onlineUrl: text(v.onlineUrl, meeting.online_url ?? ""),
          mode: text(v.mode, meeting.mode),
          trainerIds,
          trainingId: text(v.trainingId, meeting.training_id ? String(meeting.training_id) : ""),
          intervisieGroupId: text(v.intervisieGroupId, meeting.intervisie_group_id ? String(meeting.intervisie_group_id) : ""),
          programme: text(v.programme, formatProgramme(parseProgrammeJson(meeting.programme))),
          assignment: text(v.assignment, meeting.assignment ?? ""),
          assignmentDue: text(v.assignmentDue, meeting.assignment_due ?? ""),
        }}
        afterFields={
          laterInSeries > 0
            ? (ctx) => (
                <SelectField
                  ctx={ctx}
                  name="scope"
                  label={t("series.scope")}
                  description={t("series.scope.hint")}
                  defaultValue={text(v.scope, "one")}
                  options={[
                    { value: "one", label: t("series.scope.one") },
                    { value: "later", label: t("series.scope.later", { count: laterInSeries }) },
                  ]}
                />
              )
            : undefined
        }
      />
      {lessonPlan ? <LessonPlanMaterialView material={lessonPlan} ownAssignment={meeting.assignment} staff /> : null}
      {evaluation && evaluation.answers > 0 ? (
        <section aria-labelledby="evaluation-heading" className="ll-section">
          <Heading2 id="evaluation-heading">{t("evaluation.results.heading")}</Heading2>
          {evaluation.shown ? (
            <>
              <Paragraph>{t("evaluation.results.summary", { count: evaluation.answers, average: num(evaluation.average) })}</Paragraph>
              <Paragraph>{t("evaluation.results.scoresIntro")}</Paragraph>
              <UnorderedList>
                {([5, 4, 3, 2, 1] as const).map((score) => (
                  <UnorderedListItem key={score}>{t("evaluation.results.score", { score, count: evaluation.counts[score] })}</UnorderedListItem>
                ))}
              </UnorderedList>
              <Heading3>{t("evaluation.results.comments")}</Heading3>
              {evaluation.comments.length ? (
                <UnorderedList>
                  {evaluation.comments.map((c, i) => (
                    <UnorderedListItem key={i} lang="nl">
                      {c}
                    </UnorderedListItem>
                  ))}
                </UnorderedList>
              ) : (
                <Paragraph>{t("evaluation.results.noComments")}</Paragraph>
              )}
            </>
          ) : (
            <Paragraph>{t("evaluation.results.few", { count: evaluation.answers })}</Paragraph>
          )}
        </section>
      ) : null}
      <section aria-labelledby="cancel-heading" className="ll-section">
        <Heading2 id="cancel-heading">{meeting.status === "cancelled" ? t("session.reinstate") : t("session.cancel")}</Heading2>
        <Form method="post" className="ll-form">
          {meeting.status === "cancelled" ? (
            <>
              <Button type="submit" name="intent" value="reinstate" appearance="secondary-action-button">
                {t("session.reinstate")}
              </Button>
              {toReinstate > 1 ? (
                <>
                  <Paragraph>{t("series.reinstateLater.explain", { count: toReinstate - 1 })}</Paragraph>
                  <Button type="submit" name="intent" value="reinstateLater" appearance="secondary-action-button">
                    {t("series.reinstateLater")}
                  </Button>
                </>
              ) : null}
            </>
          ) : (
            <>
              <Paragraph>{t("session.cancel.explain")}</Paragraph>
              {meeting.series_id ? <Paragraph>{t("series.cancelOne")}</Paragraph> : null}
              <FormFieldTextbox name="reason" label={t("session.cancelReason")} maxLength={300} />
              <Button type="submit" name="intent" value="cancel" appearance="secondary-action-button">
                {t("session.cancel")}
              </Button>
              {meeting.series_id && laterInSeries > 0 && !confirm ? (
                <>
                  <Paragraph>{t("series.cancelLater.explain")}</Paragraph>
                  <Button type="submit" name="intent" value="cancelLaterAsk" appearance="secondary-action-button">
                    {t("series.cancelLater.ask")}
                  </Button>
                </>
              ) : null}
            </>
          )}
        </Form>
        {confirm && meeting.status === "planned" ? (
          // The confirmation step (also without JavaScript): the meetings listed are the ones cancelled.
          <section aria-labelledby="cancel-later-heading" className="ll-section" id="reeks-annuleren">
            <Heading3 id="cancel-later-heading">{t("series.cancelLater.confirmHeading")}</Heading3>
            <Paragraph>{t("series.cancelLater.confirmList", { count: confirm.meetings.length })}</Paragraph>
            <UnorderedList>
              {confirm.meetings.map((m) => (
                <UnorderedListItem key={m.id}>{date(m.date)}</UnorderedListItem>
              ))}
            </UnorderedList>
            {confirm.reason ? <Paragraph>{t("session.cancelReasonShown", { reason: confirm.reason })}</Paragraph> : null}
            <Form method="post" className="ll-form">
              <input type="hidden" name="expected" value={confirm.meetings.map((m) => m.id).join(",")} />
              <input type="hidden" name="reason" value={confirm.reason} />
              <Button type="submit" name="intent" value="cancelLater" appearance="primary-action-button">
                {t("series.cancelLater.confirm", { count: confirm.meetings.length })}
              </Button>{" "}
              <Link to="." className="utrecht-link">
                {t("series.cancelLater.keep")}
              </Link>
            </Form>
          </section>
        ) : null}
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
