import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button, DataList, DataListItem, DataListKey, DataListValue, Heading1, Heading2, Paragraph } from "@utrecht/component-library-react";
import { notFound, requireArea } from "../auth.server";
import { RouteErrorBoundary } from "../components/error-page";
import { TextareaField, useIsSubmitting, useZodForm, ZodForm } from "../components/form";
import { getDb } from "../db.server";
import { userErrorToFailure, type ActionFailure } from "../forms/action.server";
import { parseForm, readForm } from "../forms/parse.server";
import { reflectionSchema } from "../forms/meetings";
import { idParam } from "../guards.server";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { getReflection, participantMeeting, saveReflection } from "../services/intervisie.server";
import { Answer, Notice } from "../components/answer";
import { Explain } from "../components/explain";

export const meta = titleMeta<typeof loader>("reflection.title", ({ meeting }, { t, date }) =>
  t("reflection.pageTitle", { title: meeting.title, date: date(meeting.date) }),
);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "participant-schedule", context.clientIp);
  const meetingId = idParam(params, "meetingId");
  const meeting = await participantMeeting(getDb(), user, meetingId);
  if (!meeting) notFound();
  return { meeting, reflection: await getReflection(getDb(), meetingId, user) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireArea(request, "participant-schedule", context.clientIp);
  const meetingId = idParam(params, "meetingId");
  // Another group's meeting is a 404 before anything is read from the form, like an unknown one.
  if (!(await participantMeeting(getDb(), user, meetingId))) notFound();
  const parsed = parseForm(reflectionSchema, await readForm(request));
  if (!parsed.ok) return data({ ok: false, fieldErrors: parsed.fieldErrors, values: parsed.values } satisfies ActionFailure, { status: 400 });
  try {
    await saveReflection(getDb(), meetingId, user, parsed.data.text);
  } catch (error) {
    return data(userErrorToFailure(error), { status: 400 });
  }
  return { ok: true as const };
}

export default function Reflection() {
  const { meeting, reflection } = useLoaderData<typeof loader>();
  const result = useActionData<ActionFailure | { ok: true }>();
  const { t, date } = useT();
  const submitting = useIsSubmitting();
  const failed = result && !result.ok ? result : undefined;
  const ctx = useZodForm(reflectionSchema, { serverErrors: failed?.fieldErrors });
  const attended = meeting.status === "aanwezig" || meeting.status === "te_laat";
  return (
    <>
      <Paragraph>
        <Link to="/deelnemer/rooster" className="utrecht-link">
          {t("reflection.back")}
        </Link>
      </Paragraph>
      <Heading1>{t("reflection.heading", { title: meeting.title, date: date(meeting.date) })}</Heading1>
      <Explain term="intervisie" />
      <DataList>
        <DataListItem>
          <DataListKey>{t("session.group")}</DataListKey>
          <DataListValue>{meeting.group_name ?? ""}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t("intervisie.theme")}</DataListKey>
          <DataListValue>{meeting.theme !== null ? <span lang="nl">{meeting.theme}</span> : t("reflection.notRecorded")}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t("intervisie.learningPoints")}</DataListKey>
          <DataListValue>{meeting.learning_points !== null ? <span lang="nl">{meeting.learning_points}</span> : t("reflection.notRecorded")}</DataListValue>
        </DataListItem>
      </DataList>
      <section aria-labelledby="reflection-heading" className="ll-section">
        <Heading2 id="reflection-heading">{t("reflection.mine")}</Heading2>
        <Paragraph>{t("reflection.private")}</Paragraph>
        {result?.ok ? (
          <Answer type="ok">
            <Paragraph>{t("reflection.saved")}</Paragraph>
          </Answer>
        ) : null}
        {attended ? (
          <ZodForm ctx={ctx} formError={failed?.formError ? t(failed.formError.key) : null} aria-labelledby="reflection-heading">
            <Notice type="warning">
              <Paragraph>{t("intervisie.privacyWarning")}</Paragraph>
            </Notice>
            <TextareaField ctx={ctx} name="text" label={t("reflection.label")} defaultValue={reflection ?? ""} rows={8} required />
            <Button type="submit" appearance="primary-action-button" busy={submitting}>
              {t("reflection.save")}
            </Button>
          </ZodForm>
        ) : (
          <Paragraph>{t("reflection.notAttended")}</Paragraph>
        )}
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
