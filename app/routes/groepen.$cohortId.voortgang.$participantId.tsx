import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import {
  Button,
  Heading1,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import { LEFT_REASONS } from "../../db/schema";
import { notFound } from "../auth.server";
import { RouteErrorBoundary } from "../components/error-page";
import { SelectField, TextField, useIsSubmitting, useZodForm, ZodForm } from "../components/form";
import { ProgressList } from "../components/progress";
import { forStaff } from "../i18n/eligibility";
import { getDb } from "../db.server";
import { intentOf, userErrorToFailure, type ActionFailure } from "../forms/action.server";
import { parseForm, readForm } from "../forms/parse.server";
import { outflowSchema } from "../forms/progress";
import { idParam, requireCohortStaffWithPeople, todayInAmsterdam } from "../guards.server";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { participantAttendance } from "../services/attendance.server";
import { audit } from "../services/audit.server";
import { cohortProgress, recordOutflow, undoOutflow } from "../services/progress.server";
import { Answer, Notice } from "../components/answer";

export const meta = titleMeta<typeof loader>("overview.participantTitle", ({ row }, { t }) => t("overview.participantHeading", { name: row.participant.name }));

async function load(request: Request, params: Parameters<typeof requireCohortStaffWithPeople>[1], ip: string | null | undefined) {
  const { user, cohort } = await requireCohortStaffWithPeople(request, params, ip);
  const participantId = idParam(params, "participantId");
  if (!cohort.members.some((m) => m.id === participantId)) {
    await audit(getDb(), { actor: user, action: "progress.view", target: { type: "participant", id: participantId }, outcome: "denied", ip: ip ?? null });
    notFound();
  }
  return { user, cohort, participantId };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { cohort, participantId } = await load(request, params, context.clientIp);
  const db = getDb();
  const today = todayInAmsterdam();
  const progress = await cohortProgress(db, cohort.id, today, { participantIds: [participantId] });
  const row = progress?.rows[0];
  if (!row) notFound();
  const attendance = await participantAttendance(db, { id: participantId }, today);
  return { cohort: { id: cohort.id, name: cohort.name }, row, attendance, today };
}

type Result = ActionFailure | { ok: true; message: "outflow.saved" | "outflow.undone" };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, cohort, participantId } = await load(request, params, context.clientIp);
  const formData = await readForm(request);
  try {
    if (intentOf(formData) === "undo") {
      await undoOutflow(getDb(), user, cohort.id, participantId);
      return { ok: true as const, message: "outflow.undone" as const };
    }
    const parsed = parseForm(outflowSchema, formData);
    if (!parsed.ok) return data({ ok: false, fieldErrors: parsed.fieldErrors, values: parsed.values } satisfies Result, { status: 400 });
    await recordOutflow(getDb(), user, cohort.id, participantId, parsed.data);
    return { ok: true as const, message: "outflow.saved" as const };
  } catch (error) {
    return data(userErrorToFailure(error), { status: 400 });
  }
}

function OutflowForm({ today, failed }: { today: string; failed?: ActionFailure }) {
  const { t } = useT();
  const submitting = useIsSubmitting();
  const ctx = useZodForm(outflowSchema, { serverErrors: failed?.fieldErrors });
  return (
    <ZodForm ctx={ctx} formError={failed?.formError ? t(failed.formError.key) : null} aria-labelledby="outflow-heading">
      <TextField ctx={ctx} name="leftOn" type="date" label={t("outflow.date")} defaultValue={today} required />
      <SelectField
        ctx={ctx}
        name="reason"
        label={t("outflow.reason")}
        placeholder={t("form.choose")}
        options={LEFT_REASONS.map((r) => ({ value: r, label: t(`outflow.reason.${r}`) }))}
      />
      <TextField ctx={ctx} name="note" label={t("outflow.note")} description={t("outflow.note.help")} />
      <Button type="submit" appearance="secondary-action-button" busy={submitting}>
        {t("outflow.submit")}
      </Button>
    </ZodForm>
  );
}

export default function ParticipantProgressPage() {
  const { cohort, row, attendance, today } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const { t, date, number } = useT();
  const failed = result && !result.ok ? result : undefined;
  const pid = row.participant.id;
  const lines = attendance ? new Map(attendance.summary.lines.map((l) => [l.meetingId, l])) : new Map();
  const past = attendance ? attendance.meetings.filter((s) => s.date <= today).reverse() : [];
  return (
    <>
      <Paragraph>
        <Link to={`/groepen/${cohort.id}/voortgang`} className="utrecht-link">
          {t("overview.back")}
        </Link>
      </Paragraph>
      <Heading1>{t("overview.participantHeading", { name: row.participant.name })}</Heading1>
      {row.left ? (
        <Notice type="info">
          <Paragraph>{t("overview.leftOn", { date: date(row.left.on), reason: t(`outflow.reason.${row.left.reason}`) })}</Paragraph>
        </Notice>
      ) : null}
      {result?.ok ? (
        <Answer type="ok">
          <Paragraph>{t(result.message)}</Paragraph>
        </Answer>
      ) : null}
      <section aria-labelledby="progress-heading" className="ll-section">
        <Heading2 id="progress-heading">{t("dashboard.progress")}</Heading2>
        <ProgressList
          eligibility={row.eligibility}
          carriedOver={row.carriedOver}
          reader={forStaff(row.participant.name)}
          links={{ praktijk: `/groepen/${cohort.id}/praktijk/${pid}`, pop: `/pop/${pid}`, gop: `/groepen/${cohort.id}/gop`, aanwezigheid: "#aanwezigheid" }}
        />
      </section>
      <section className="ll-section">
        <Heading2 id="aanwezigheid">{t("overview.attendance")}</Heading2>
        {past.length === 0 ? (
          <Paragraph>{t("schedule.none")}</Paragraph>
        ) : (
          <div className="ll-table-scroll" role="region" aria-label={t("overview.attendance")} tabIndex={0}>
            <Table>
              <TableCaption className="ll-visually-hidden">{t("overview.attendance")}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t("session.date")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("session.title")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("attendance.status")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("mySchedule.hours")}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {past.map((s) => {
                  const line = lines.get(s.id);
                  return (
                    <TableRow key={s.id}>
                      <TableCell>{date(s.date)}</TableCell>
                      <TableHeaderCell scope="row">
                        <Link to={`/groepen/${cohort.id}/bijeenkomsten/${s.id}/aanwezigheid`} className="utrecht-link">
                          <span lang="nl">{s.title}</span>
                          <span className="ll-visually-hidden">{t("overview.attendanceLinkHidden", { date: date(s.date) })}</span>
                        </Link>{" "}
                        <span className="ll-muted">({t(`sessionType.${s.type}`)})</span>
                      </TableHeaderCell>
                      <TableCell>
                        {s.status === "cancelled"
                          ? t("session.cancelled")
                          : s.record
                            ? `${t(`attendanceStatus.${s.record.status}`)}${s.record.makeup_status === "done" ? ` · ${t("overview.madeUp")}` : ""}`
                            : t("overview.notRecorded")}
                      </TableCell>
                      <TableCell>{line ? number(line.hours) : "–"}</TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </div>
        )}
      </section>
      <section aria-labelledby="outflow-heading" className="ll-section">
        <Heading2 id="outflow-heading">{t("outflow.title")}</Heading2>
        {row.left ? (
          <Form method="post" className="ll-inline-form">
            <Button type="submit" name="intent" value="undo" appearance="secondary-action-button">
              {t("outflow.undo")}
            </Button>
          </Form>
        ) : (
          <>
            <Paragraph>{t("outflow.intro")}</Paragraph>
            <OutflowForm today={today} failed={failed} />
          </>
        )}
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
