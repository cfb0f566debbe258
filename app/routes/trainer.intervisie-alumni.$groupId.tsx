import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button, Heading1, Heading2, Paragraph, UnorderedList, UnorderedListItem } from "@utrecht/component-library-react";
import { notFound, requireArea } from "../auth.server";
import { Answer } from "../components/answer";
import { RouteErrorBoundary } from "../components/error-page";
import { TextField, useIsSubmitting, useZodForm, ZodForm } from "../components/form";
import { getDb } from "../db.server";
import { userErrorToFailure, type ActionFailure } from "../forms/action.server";
import { alumniMeetingSchema } from "../forms/alumni-intervisie";
import { parseForm, readForm } from "../forms/parse.server";
import { idParam } from "../guards.server";
import type { MessageKey } from "../i18n/nl";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { groupForStaff, planAlumniMeeting } from "../services/alumni-intervisie.server";
import { audit, withIp } from "../services/audit.server";

export const meta = titleMeta<typeof loader>("alumniIntervisie.title", ({ group }, { t }) => t("alumniIntervisie.trainerTitle", { name: group.name }));

/**
 * A city-wide intervisie group for its facilitator (or a coordinator): members and meetings, and
 * planning a meeting. Another trainer gets a 404: the check is in the query (groupForStaff).
 * Attendance and the intervisie record are the ordinary meeting pages of the group's container.
 */
async function load(request: Request, params: LoaderFunctionArgs["params"], ip: string | null | undefined) {
  const user = await requireArea(request, "cohort-staff", ip);
  const groupId = idParam(params, "groupId");
  const view = await groupForStaff(getDb(), user, groupId);
  if (!view) {
    await audit(getDb(), {
      actor: { id: user.id, role: user.role },
      action: "alumni_intervisie.view",
      target: { type: "intervisie_group", id: groupId },
      outcome: "denied",
      ip: ip ?? null,
    });
    notFound();
  }
  return { user, view };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { view } = await load(request, params, context.clientIp);
  return {
    group: { id: view.group.id, cohortId: view.group.cohortId, name: view.group.name, place: view.group.place },
    members: view.members,
    meetings: view.meetings.map((m) => ({
      id: m.id,
      title: m.title,
      date: m.date,
      start_time: m.start_time,
      end_time: m.end_time,
      location: m.location,
      status: m.status,
    })),
  };
}

type Result = ActionFailure | { ok: true; message: MessageKey };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, view } = await load(request, params, context.clientIp);
  const parsed = parseForm(alumniMeetingSchema, await readForm(request));
  if (!parsed.ok) return data({ ok: false, fieldErrors: parsed.fieldErrors, values: parsed.values } satisfies Result, { status: 400 });
  try {
    await planAlumniMeeting(getDb(), withIp(user, context.clientIp), view.group.id, parsed.data);
    return { ok: true, message: "alumniIntervisie.planned" } satisfies Result;
  } catch (error) {
    return data(userErrorToFailure(error) satisfies Result, { status: 400 });
  }
}

const asText = (v: string | string[] | undefined) => (typeof v === "string" ? v : "");

export default function AlumniGroupForStaff() {
  const { group, members, meetings } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const { t, date } = useT();
  const submitting = useIsSubmitting();
  const failed = result && !result.ok ? result : null;
  const values = failed?.values ?? {};
  const ctx = useZodForm(alumniMeetingSchema, { serverErrors: failed?.fieldErrors });
  const base = `/groepen/${group.cohortId}/bijeenkomsten`;
  return (
    <>
      <Heading1>{group.name}</Heading1>
      {result?.ok ? (
        <Answer type="ok">
          <Paragraph>{t(result.message)}</Paragraph>
        </Answer>
      ) : null}
      <Paragraph lead>{t("alumniIntervisie.staff.intro")}</Paragraph>
      <section aria-labelledby="members-heading" className="ll-section">
        <Heading2 id="members-heading">{t("alumniIntervisie.members.heading")}</Heading2>
        {members.length === 0 ? (
          <Paragraph>{t("alumniIntervisie.members.none")}</Paragraph>
        ) : (
          <UnorderedList>
            {members.map((m) => (
              <UnorderedListItem key={m.id}>{m.name}</UnorderedListItem>
            ))}
          </UnorderedList>
        )}
      </section>
      <section aria-labelledby="meetings-heading" className="ll-section">
        <Heading2 id="meetings-heading">{t("alumniIntervisie.meetings.staffHeading")}</Heading2>
        {meetings.length === 0 ? (
          <Paragraph>{t("alumniIntervisie.meetings.none")}</Paragraph>
        ) : (
          <UnorderedList>
            {meetings.map((m) => (
              <UnorderedListItem key={m.id}>
                {t("alumniIntervisie.meeting.when", { date: date(m.date), start: m.start_time, end: m.end_time })} · {m.title}
                {m.location ? ` · ${m.location}` : ""}
                {m.status === "cancelled" ? ` · ${t("alumniIntervisie.meeting.cancelled")}` : ""} ·{" "}
                <Link to={`${base}/${m.id}/aanwezigheid`} aria-label={`${t("alumniIntervisie.meetings.attendance")}: ${date(m.date)}`}>
                  {t("alumniIntervisie.meetings.attendance")}
                </Link>{" "}
                ·{" "}
                <Link to={`${base}/${m.id}`} aria-label={`${t("alumniIntervisie.meetings.edit")}: ${date(m.date)}`}>
                  {t("alumniIntervisie.meetings.edit")}
                </Link>
              </UnorderedListItem>
            ))}
          </UnorderedList>
        )}
      </section>
      <section aria-labelledby="plan-heading" className="ll-section">
        <Heading2 id="plan-heading">{t("alumniIntervisie.plan.heading")}</Heading2>
        <ZodForm ctx={ctx} aria-labelledby="plan-heading" formError={failed?.formError ? t(failed.formError.key) : null}>
          <TextField
            ctx={ctx}
            name="title"
            label={t("alumniIntervisie.plan.title")}
            defaultValue={asText(values.title) || t("alumniIntervisie.plan.titleDefault")}
            required
          />
          <TextField ctx={ctx} name="date" type="date" label={t("alumniIntervisie.plan.date")} defaultValue={asText(values.date)} required />
          <TextField
            ctx={ctx}
            name="startTime"
            type="time"
            label={t("alumniIntervisie.plan.start")}
            defaultValue={asText(values.startTime) || "19:00"}
            required
          />
          <TextField ctx={ctx} name="endTime" type="time" label={t("alumniIntervisie.plan.end")} defaultValue={asText(values.endTime) || "21:00"} required />
          <TextField ctx={ctx} name="location" label={t("alumniIntervisie.plan.location")} defaultValue={asText(values.location) || group.place} />
          <Button type="submit" appearance="primary-action-button" busy={submitting}>
            {t("alumniIntervisie.plan.submit")}
          </Button>
        </ZodForm>
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
