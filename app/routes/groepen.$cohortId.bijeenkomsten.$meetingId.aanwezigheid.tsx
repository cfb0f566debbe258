import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSubmit } from "@remix-run/react";
import { useState, type FormEvent } from "react";
import { Alert, Button, FormFieldTextbox, Heading1, Heading2, Paragraph } from "@utrecht/component-library-react";
import { RouteErrorBoundary } from "../components/error-page";
import { UnsavedGuard } from "../components/unsaved-guard";
import { checkboxProps, nlds, selectProps, textboxProps } from "../components/nlds";
import {
  ErrorSummary,
  FieldErrorMessage,
  invalidFieldProps,
  SelectField,
  TextareaField,
  TextField,
  useIsSubmitting,
  useZodForm,
  ZodForm,
  type ErrorLink,
} from "../components/form";
import { getDb } from "../db.server";
import { intentOf, userErrorToFailure, type ActionFailure } from "../forms/action.server";
import { parseForm, readForm } from "../forms/parse.server";
import { ATTENDANCE_CODES, PARTICIPATION_CODES, attendanceSchema, makeupSchema, intervisieReportSchema, participantRefSchema } from "../forms/meetings";
import { requireStaffMeeting } from "../guards.server";
import type { MessageKey } from "../i18n/nl";
import type { Params } from "../i18n/translate";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { meetingHours } from "../rules/attendance";
import { attendanceSheet, completeMakeup, grantMakeup, saveAttendance, type AttendanceSheet } from "../services/attendance.server";
import { getIntervisieReport, intervisieSettings, saveIntervisieReport } from "../services/intervisie.server";
import { meetingAbsenceReports, seesAbsenceReasons } from "../services/absence.server";
import { Answer, Notice } from "../components/answer";

export const meta = titleMeta<typeof loader>("attendance.title", ({ meeting }, { t, date }) =>
  t("attendance.heading", { title: meeting.title, date: date(meeting.date) }),
);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, cohort, meeting } = await requireStaffMeeting(request, params, context.clientIp);
  const db = getDb();
  // A reason given with a report of absence ahead: for the cohort's trainers only.
  const sheet = await attendanceSheet(db, meeting, { withReasons: await seesAbsenceReasons(db, user, cohort.id) });
  const intervisie =
    meeting.type === "intervisie" ? { report: (await getIntervisieReport(db, meeting.id)) ?? null, settings: await intervisieSettings(db, cohort.id) } : null;
  return {
    cohort: { id: cohort.id, name: cohort.name },
    meeting,
    sheet,
    intervisie,
    hours: meetingHours({ startTime: meeting.start_time, endTime: meeting.end_time }),
  };
}

type Result =
  | (ActionFailure & { intent: string; /** the row of a refused make-up assignment, only to show it there */ participantId?: string })
  | { ok: true; intent: string; message: { key: MessageKey; params?: Params } }
  | { ok: false; intent: "save"; conflict: AttendanceSheet; submitted: Record<string, string | string[]> };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, meeting } = await requireStaffMeeting(request, params, context.clientIp);
  const db = getDb();
  const formData = await readForm(request);
  const intent = intentOf(formData);
  try {
    if (intent === "save" || intent === "allPresent") {
      let parsed = parseForm(attendanceSchema, formData);
      if (!parsed.ok) return data({ ok: false, intent, fieldErrors: parsed.fieldErrors, values: parsed.values } satisfies Result, { status: 400 });
      if (intent === "allPresent") {
        // "Everyone present" leaves alone whom the list shows as afgemeld after a report ahead.
        const reported = await meetingAbsenceReports(db, meeting.id, { withReasons: false });
        parsed = {
          ok: true,
          data: {
            ...parsed.data,
            rows: parsed.data.rows.map((r) =>
              reported.has(r.participantId) && r.status === "afgemeld" ? r : { ...r, status: "aanwezig" as const, minutesMissed: 0, active: true },
            ),
          },
        };
      }
      const result = await saveAttendance(db, meeting, parsed.data, user);
      if (result.status === "conflict") {
        const submitted = Object.fromEntries([...formData.keys()].map((k) => [k, formData.getAll(k).map(String).join(",")]));
        return data({ ok: false, intent: "save", conflict: result.sheet, submitted } satisfies Result, { status: 409 });
      }
      return { ok: true, intent, message: { key: result.status === "saved" ? "attendance.saved" : "attendance.unchanged" } } satisfies Result;
    }
    if (intent === "grantMakeup") {
      const parsed = parseForm(makeupSchema, formData);
      if (!parsed.ok) {
        const description = parsed.fieldErrors.description;
        if (!description) return data({ ok: false, intent, formError: { key: "form.invalid" } } satisfies Result, { status: 400 });
        const participantId = typeof parsed.values.participantId === "string" ? parsed.values.participantId : undefined;
        const message = description === "form.required" ? "makeup.descriptionRequired" : description;
        return data({ ok: false, intent, participantId, fieldErrors: { description: message }, values: parsed.values } satisfies Result, { status: 400 });
      }
      await grantMakeup(db, meeting.id, parsed.data.participantId, parsed.data.description, user);
      return { ok: true, intent, message: { key: "makeup.granted" } } satisfies Result;
    }
    if (intent === "makeupDone") {
      const parsed = parseForm(participantRefSchema, formData);
      if (!parsed.ok) return data({ ok: false, intent, formError: { key: "form.invalid" } } satisfies Result, { status: 400 });
      await completeMakeup(db, meeting.id, parsed.data.participantId, user);
      return { ok: true, intent, message: { key: "makeup.doneSaved" } } satisfies Result;
    }
    if (intent === "meeting") {
      const parsed = parseForm(intervisieReportSchema, formData);
      if (!parsed.ok) return data({ ok: false, intent, fieldErrors: parsed.fieldErrors, values: parsed.values } satisfies Result, { status: 400 });
      // Unsaved changes in the attendance grid come along (IntervisieReportForm adds them): one save
      // covers both, so "saved" never leaves a changed attendance select unsaved behind it.
      if (formData.has("revision")) {
        const rows = parseForm(attendanceSchema, formData);
        if (!rows.ok) return data({ ok: false, intent: "save", fieldErrors: rows.fieldErrors, values: rows.values } satisfies Result, { status: 400 });
        const saved = await saveAttendance(db, meeting, rows.data, user);
        if (saved.status === "conflict") {
          const submitted = Object.fromEntries([...formData.keys()].map((k) => [k, formData.getAll(k).map(String).join(",")]));
          return data({ ok: false, intent: "save", conflict: saved.sheet, submitted } satisfies Result, { status: 409 });
        }
        await saveIntervisieReport(db, meeting, parsed.data, user);
        return {
          ok: true,
          intent,
          message: { key: saved.status === "saved" ? "intervisie.meeting.savedWithAttendance" : "intervisie.meeting.saved" },
        } satisfies Result;
      }
      await saveIntervisieReport(db, meeting, parsed.data, user);
      return { ok: true, intent, message: { key: "intervisie.meeting.saved" } } satisfies Result;
    }
    return data({ ok: false, intent, formError: { key: "form.invalid" } } satisfies Result, { status: 400 });
  } catch (error) {
    return data({ ...userErrorToFailure(error), intent } satisfies Result, { status: 400 });
  }
}

function statusLabel(t: ReturnType<typeof useT>["t"], status: string, minutes: number, active: boolean) {
  const base = t(`attendanceStatus.${status as (typeof ATTENDANCE_CODES)[number]}`);
  const late = status === "te_laat" && minutes > 0 ? ` (${t("attendance.minutesShort", { minutes })})` : "";
  const act = status === "aanwezig" || status === "te_laat" ? `, ${active ? t("attendance.activeYes") : t("attendance.activeNo")}` : "";
  return base + late + act;
}

const ATTENDANCE_FORM = "attendance-form";

function AttendanceForm({
  sheet,
  hybrid,
  submitted,
  errors,
  onChange,
}: {
  sheet: AttendanceSheet;
  /** a hybrid meeting: each row says in person or online */
  hybrid: boolean;
  submitted?: Record<string, string | string[]>;
  errors?: Record<string, string>;
  /** Called on every change in the grid: the page then knows there is something unsaved. */
  onChange: () => void;
}) {
  const { t } = useT();
  const submitting = useIsSubmitting();
  const ctx = useZodForm(attendanceSchema, { serverErrors: errors });
  const value = (k: string) => (submitted && typeof submitted[k] === "string" ? (submitted[k] as string) : undefined);
  // The same options, classes and labels in every row: made once, not once per row.
  const statusOptions = ATTENDANCE_CODES.map((c) => (
    <option key={c} value={c} className={nlds.selectOption}>
      {t(`attendanceStatus.${c}`)}
    </option>
  ));
  const look = {
    select: selectProps(),
    minutes: textboxProps({ className: "ll-minutes" }),
    minutesInvalid: textboxProps({ invalid: true, className: "ll-minutes" }),
    checkbox: checkboxProps(),
    note: textboxProps(),
    noteInvalid: textboxProps({ invalid: true }),
  };
  const label = {
    status: t("attendance.status"),
    minutes: t("attendance.minutesMissed"),
    active: t("attendance.active"),
    note: t("attendance.note"),
    mode: t("attendance.participation"),
  };
  const modeOptions = PARTICIPATION_CODES.map((c) => (
    <option key={c} value={c} className={nlds.selectOption}>
      {t(`participation.${c}`)}
    </option>
  ));
  // Each wrong cell: its id, its message under it (the cell points at it) and a link in the summary.
  const errorLinks: ErrorLink[] = [];
  const cell = (column: "status" | "minutes" | "note" | "mode", p: { id: number; name: string }) => {
    const name = `${column}-${p.id}`;
    const id = ctx.idFor(name);
    const error = ctx.errorFor(name);
    if (error) errorLinks.push({ fieldId: id, text: `${label[column]}, ${p.name}: ${error}` });
    return { id, error, aria: invalidFieldProps(id, error) };
  };
  return (
    <ZodForm ctx={ctx} id={ATTENDANCE_FORM} className="ll-form ll-form--wide" aria-labelledby="attendance-heading" errorLinks={errorLinks}>
      <div onChange={onChange} onInput={onChange}>
        <input type="hidden" {...ctx.field("revision")} defaultValue={sheet.revision} />
        <input type="hidden" {...ctx.field("participantIds")} defaultValue={sheet.rows.map((r) => r.participant.id).join(",")} />
        <div className="ll-button-row">
          <Button type="submit" name="intent" value="allPresent" appearance="secondary-action-button" busy={submitting}>
            {t("attendance.allPresent")}
          </Button>
        </div>
        <div className="ll-table-scroll" role="region" aria-labelledby="attendance-heading" tabIndex={0}>
          {/* Plain elements with the design system's classes: this grid has some 500 elements (components/nlds.ts). */}
          <table className={`${nlds.table} ll-attendance`}>
            <thead className={nlds.tableHeader}>
              <tr className={nlds.tableRow}>
                <th className={nlds.tableHeaderCell} scope="col">
                  {t("people.name")}
                </th>
                <th className={nlds.tableHeaderCell} scope="col">
                  {label.status}
                </th>
                <th className={nlds.tableHeaderCell} scope="col">
                  {label.minutes}
                </th>
                {hybrid ? (
                  <th className={nlds.tableHeaderCell} scope="col">
                    {label.mode}
                  </th>
                ) : null}
                <th className={nlds.tableHeaderCell} scope="col">
                  {label.active}
                </th>
                <th className={nlds.tableHeaderCell} scope="col">
                  {label.note}
                </th>
              </tr>
            </thead>
            <tbody className={nlds.tableBody}>
              {sheet.rows.map(({ participant: p, record, absence, checkIn, suggested }) => {
                // Someone who checked in opens as "aanwezig", someone who reported absence ahead as "afgemeld", until the trainer saves the list.
                const status = value(`status-${p.id}`) ?? suggested;
                const mode = value(`mode-${p.id}`) ?? record?.mode ?? "in_person";
                const modeCell = cell("mode", p);
                const minutes = value(`minutes-${p.id}`) ?? (record?.minutes_missed ? String(record.minutes_missed) : "");
                const active = submitted ? submitted[`active-${p.id}`] !== undefined : record ? Boolean(record.active) : true;
                const note = value(`note-${p.id}`) ?? record?.note ?? "";
                const statusCell = cell("status", p);
                const minutesCell = cell("minutes", p);
                const noteCell = cell("note", p);
                return (
                  <tr className={nlds.tableRow} key={p.id}>
                    <th className={nlds.tableHeaderCell} scope="row" id={`p-${p.id}`}>
                      {p.name}
                      {absence ? (
                        <span className="ll-muted ll-absence-ahead" data-absence-ahead={p.id}>
                          <br />
                          {absence.reason ? t("attendance.reportedAheadReason", { reason: absence.reason }) : t("attendance.reportedAhead")}
                        </span>
                      ) : null}
                      {checkIn ? (
                        <span className="ll-muted ll-checked-in" data-checked-in={p.id}>
                          <br />
                          {t("attendance.checkedIn", { time: checkIn.time })}
                        </span>
                      ) : null}
                    </th>
                    <td className={nlds.tableCell}>
                      <select
                        {...ctx.field(`status-${p.id}`)}
                        {...look.select}
                        id={statusCell.id}
                        {...statusCell.aria}
                        defaultValue={status}
                        aria-label={`${label.status}: ${p.name}`}
                      >
                        {statusOptions}
                      </select>
                      <FieldErrorMessage fieldId={statusCell.id} error={statusCell.error} />
                    </td>
                    <td className={nlds.tableCell}>
                      <input
                        {...ctx.field(`minutes-${p.id}`)}
                        {...(minutesCell.error ? look.minutesInvalid : look.minutes)}
                        id={minutesCell.id}
                        {...minutesCell.aria}
                        type="number"
                        inputMode="numeric"
                        min={0}
                        step={5}
                        defaultValue={minutes}
                        aria-label={`${label.minutes}: ${p.name}`}
                      />
                      <FieldErrorMessage fieldId={minutesCell.id} error={minutesCell.error} />
                    </td>
                    {hybrid ? (
                      <td className={nlds.tableCell}>
                        <select
                          {...ctx.field(`mode-${p.id}`)}
                          {...look.select}
                          id={modeCell.id}
                          {...modeCell.aria}
                          defaultValue={mode}
                          aria-label={`${label.mode}: ${p.name}`}
                        >
                          {modeOptions}
                        </select>
                        <FieldErrorMessage fieldId={modeCell.id} error={modeCell.error} />
                      </td>
                    ) : null}
                    <td className={nlds.tableCell}>
                      <input {...ctx.field(`active-${p.id}`)} {...look.checkbox} defaultChecked={active} aria-label={`${label.active}: ${p.name}`} />
                    </td>
                    <td className={nlds.tableCell}>
                      <input
                        {...ctx.field(`note-${p.id}`)}
                        {...(noteCell.error ? look.noteInvalid : look.note)}
                        id={noteCell.id}
                        {...noteCell.aria}
                        type="text"
                        defaultValue={note}
                        maxLength={300}
                        aria-label={`${label.note}: ${p.name}`}
                      />
                      <FieldErrorMessage fieldId={noteCell.id} error={noteCell.error} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </div>
      <Button type="submit" name="intent" value="save" appearance="primary-action-button" busy={submitting}>
        {t("attendance.save")}
      </Button>
    </ZodForm>
  );
}

function MakeupSection({ sheet, result }: { sheet: AttendanceSheet; result: Result | undefined }) {
  const { t, tMessage, date } = useT();
  // An assignment without a description: the message at that participant's field, the answer above it links there.
  const refused = result && !result.ok && result.intent === "grantMakeup" && "participantId" in result ? result : undefined;
  const errorFor = (participantId: number) => (refused?.participantId === String(participantId) ? tMessage(refused.fieldErrors?.description) : undefined);
  const missed = sheet.rows.filter((r) => r.record && (r.record.status === "afgemeld" || r.record.status === "afwezig"));
  return (
    <section aria-labelledby="makeup-heading" className="ll-section">
      <Heading2 id="makeup-heading">{t("makeup.title")}</Heading2>
      <Paragraph>{t("makeup.explain")}</Paragraph>
      {missed.length === 0 ? <Paragraph>{t("makeup.none")}</Paragraph> : null}
      {missed.map(({ participant: p, record }) => (
        <article key={p.id} className="ll-card">
          <Heading2 className="ll-card__title">{p.name}</Heading2>
          {record?.makeup_status === "done" ? (
            <Paragraph>{t("makeup.isDone", { description: record.makeup_description ?? "", date: date(record.makeup_done_at ?? "") })}</Paragraph>
          ) : record?.makeup_status === "granted" ? (
            <Form method="post" className="ll-inline-form">
              <Paragraph>{t("makeup.isGranted", { description: record.makeup_description ?? "" })}</Paragraph>
              <input type="hidden" name="participantId" value={p.id} />
              <Button type="submit" name="intent" value="makeupDone" appearance="secondary-action-button">
                {t("makeup.markDone")}
              </Button>
            </Form>
          ) : (
            <Form method="post" className="ll-form">
              {errorFor(p.id) ? (
                <ErrorSummary links={[{ fieldId: `makeup-${p.id}`, text: `${t("makeup.description", { name: p.name })}: ${errorFor(p.id)}` }]} />
              ) : null}
              <input type="hidden" name="participantId" value={p.id} />
              <FormFieldTextbox
                inputId={`makeup-${p.id}`}
                name="description"
                label={t("makeup.description", { name: p.name })}
                maxLength={1000}
                defaultValue={errorFor(p.id) && typeof refused?.values?.description === "string" ? refused.values.description : undefined}
                invalid={Boolean(errorFor(p.id))}
                errorMessage={errorFor(p.id)}
              />
              <Button type="submit" name="intent" value="grantMakeup" appearance="secondary-action-button">
                {t("makeup.grant")}
              </Button>
            </Form>
          )}
        </article>
      ))}
    </section>
  );
}

function IntervisieReportForm({
  intervisie,
  members,
  result,
  attendanceChanged,
  onChange,
}: {
  intervisie: NonNullable<Awaited<ReturnType<typeof loader>>["intervisie"]>;
  members: { id: number; name: string }[];
  result?: Result;
  /** The attendance grid has changes not saved yet: this form's save takes them along. */
  attendanceChanged: boolean;
  onChange: () => void;
}) {
  const { t } = useT();
  const failed = result && !result.ok && "fieldErrors" in result && result.intent === "meeting" ? result : undefined;
  const zod = useZodForm(intervisieReportSchema, { serverErrors: failed?.fieldErrors });
  const submit = useSubmit();
  // One save for both: with unsaved attendance changes, "Verslag opslaan" sends the grid along
  // and the action stores both (without JavaScript the page reloads and shows what is stored).
  const ctx = {
    ...zod,
    onSubmit: (event: FormEvent<HTMLFormElement>) => {
      const formElement = event.currentTarget;
      const submitter = (event.nativeEvent as SubmitEvent).submitter;
      void zod.form.handleSubmit(() => {
        const body = new FormData(formElement);
        if (submitter instanceof HTMLButtonElement && submitter.name) body.set(submitter.name, submitter.value);
        const grid = document.getElementById(ATTENDANCE_FORM);
        if (attendanceChanged && grid instanceof HTMLFormElement) {
          for (const [name, value] of new FormData(grid)) if (name !== "intent") body.append(name, value);
        }
        submit(body, { method: "post" });
      })(event);
    },
  };
  const m = intervisie.report;
  const v = failed?.values ?? {};
  const text = (k: string, fallback: string) => (typeof v[k] === "string" ? (v[k] as string) : fallback);
  return (
    <section aria-labelledby="report-heading" className="ll-section">
      <Heading2 id="report-heading">{t("intervisie.meeting.title")}</Heading2>
      <Notice type="warning">
        <Paragraph>{t("intervisie.privacyWarning")}</Paragraph>
      </Notice>
      <ZodForm ctx={ctx} aria-labelledby="report-heading">
        <div onChange={onChange} onInput={onChange}>
          <SelectField
            ctx={ctx}
            name="method"
            label={t("intervisie.method")}
            defaultValue={text("method", m?.method ?? intervisie.settings.methods[0]?.code ?? "")}
            options={intervisie.settings.methods.map((x) => ({ value: x.code, label: x.name }))}
          />
          <TextField
            ctx={ctx}
            name="methodOther"
            label={t("intervisie.methodOther")}
            description={t("intervisie.methodOther.hint")}
            defaultValue={text("methodOther", m?.method_other ?? "")}
          />
          <SelectField
            ctx={ctx}
            name="inbrengerId"
            label={t("intervisie.inbrenger")}
            placeholder={t("session.none")}
            defaultValue={text("inbrengerId", m?.inbrenger_id ? String(m.inbrenger_id) : "")}
            options={members.map((x) => ({ value: String(x.id), label: x.name }))}
          />
          <TextField
            ctx={ctx}
            name="theme"
            label={t("intervisie.theme")}
            description={t("intervisie.theme.hint", { themes: intervisie.settings.themes.join(", ") })}
            defaultValue={text("theme", m?.theme ?? "")}
            list="intervisie-themes"
            required
          />
          <datalist id="intervisie-themes">
            {intervisie.settings.themes.map((x) => (
              <option key={x} value={x} />
            ))}
          </datalist>
          <TextareaField
            ctx={ctx}
            name="learningPoints"
            label={t("intervisie.learningPoints")}
            description={t("intervisie.learningPoints.hint")}
            defaultValue={text("learningPoints", m?.learning_points ?? "")}
            rows={5}
            required
          />
        </div>
        <Button type="submit" name="intent" value="meeting" appearance="primary-action-button">
          {t("intervisie.meeting.save")}
        </Button>
      </ZodForm>
    </section>
  );
}

export default function AttendancePage() {
  const { cohort, meeting, sheet, intervisie, hours } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const { t, date, time, number } = useT();
  const conflict = result && !result.ok && "conflict" in result ? result : undefined;
  const saveFailed = result && !result.ok && "fieldErrors" in result && (result.intent === "save" || result.intent === "allPresent") ? result : undefined;
  const formError = result && !result.ok && "formError" in result && result.formError ? result.formError : undefined;
  // What is changed and not saved yet, per form: saving one form never silently drops the other's
  // changes (the meeting form takes the grid along), and leaving the page asks first.
  const [attendanceChanged, setAttendanceChanged] = useState(false);
  const [reportChanged, setReportChanged] = useState(false);
  const [savedRevision, setSavedRevision] = useState(sheet.revision);
  if (savedRevision !== sheet.revision) {
    setSavedRevision(sheet.revision);
    setAttendanceChanged(false);
  }
  const [answered, setAnswered] = useState(result);
  if (answered !== result) {
    setAnswered(result);
    if (result?.ok && result.intent === "meeting") setReportChanged(false);
  }
  return (
    <>
      <Paragraph>
        <Link to={`/groepen/${cohort.id}/rooster`} className="utrecht-link">
          {t("schedule.back", { name: cohort.name })}
        </Link>
      </Paragraph>
      <UnsavedGuard dirty={attendanceChanged || reportChanged} />
      <Heading1 id="attendance-heading">{t("attendance.heading", { title: meeting.title, date: date(meeting.date) })}</Heading1>
      <Paragraph>
        {t(`sessionType.${meeting.type}`)} · {t(`meetingMode.${meeting.mode}`)} · {meeting.start_time}–{meeting.end_time} ·{" "}
        {t("attendance.hoursPerSession", { hours: number(hours) })}
      </Paragraph>
      {meeting.status !== "cancelled" ? (
        <Paragraph>
          <Link to={`/groepen/${cohort.id}/bijeenkomsten/${meeting.id}/inchecken`} className="utrecht-link">
            {t("checkIn.screen.open")}
          </Link>
        </Paragraph>
      ) : null}
      {sheet.lastSaved ? (
        <Paragraph small>{t("attendance.lastSaved", { name: sheet.lastSaved.by, date: date(sheet.lastSaved.at), time: time(sheet.lastSaved.at) })}</Paragraph>
      ) : null}
      {result?.ok ? (
        <Answer type="ok">
          <Paragraph>{t(result.message.key, result.message.params)}</Paragraph>
        </Answer>
      ) : null}
      {formError ? (
        <Answer type="error">
          <Paragraph>{t(formError.key)}</Paragraph>
        </Answer>
      ) : null}
      {conflict ? (
        <Answer type="warning">
          <Paragraph>
            {t("attendance.conflict", {
              name: conflict.conflict.lastSaved?.by ?? "",
              time: conflict.conflict.lastSaved ? time(conflict.conflict.lastSaved.at) : "",
            })}
          </Paragraph>
          <ul className="ll-conflict-list">
            {conflict.conflict.rows
              .filter((r) => r.record)
              .map((r) => (
                <li key={r.participant.id}>
                  {r.participant.name}: {statusLabel(t, r.record!.status, r.record!.minutes_missed, Boolean(r.record!.active))}
                  {r.record!.note ? ` · ${r.record!.note}` : ""}
                </li>
              ))}
          </ul>
        </Answer>
      ) : null}
      {meeting.status === "cancelled" ? (
        <Alert type="warning" role="status">
          <Paragraph>{t("attendance.cancelled")}</Paragraph>
        </Alert>
      ) : sheet.rows.length === 0 ? (
        <Paragraph>{meeting.type === "intervisie" ? t("attendance.noGroupMembers") : t("cohort.members.none")}</Paragraph>
      ) : (
        <AttendanceForm
          key={`${sheet.revision}-${conflict ? "c" : ""}`}
          sheet={conflict ? { ...sheet, revision: conflict.conflict.revision } : sheet}
          hybrid={meeting.mode === "hybrid"}
          submitted={conflict?.submitted ?? (saveFailed?.values as Record<string, string | string[]> | undefined)}
          errors={saveFailed?.fieldErrors}
          onChange={() => setAttendanceChanged(true)}
        />
      )}
      {meeting.status !== "cancelled" ? <MakeupSection sheet={sheet} result={result} /> : null}
      {intervisie && meeting.status !== "cancelled" ? (
        <IntervisieReportForm
          intervisie={intervisie}
          members={sheet.rows.map((r) => r.participant)}
          result={result}
          attendanceChanged={attendanceChanged}
          onChange={() => setReportChanged(true)}
        />
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
