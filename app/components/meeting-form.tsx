import { Button } from "@utrecht/component-library-react";
import { useEffect, useRef, useState, type ReactNode } from "react";
import type { z } from "zod";
import { MEETING_MODE_CODES, meetingSchema } from "../forms/meetings";
import { useT } from "../i18n/use-t";
import { programmeFit } from "../rules/lesson-plans";
import { parseProgramme } from "../rules/programme";
import { Notice } from "./answer";
import { CheckboxGroup, SelectField, TextareaField, TextField, useIsSubmitting, useZodForm, ZodForm } from "./form";

export interface MeetingFormDefaults {
  type: string;
  title: string;
  date: string;
  startTime: string;
  endTime: string;
  location: string;
  onlineUrl: string;
  mode: string;
  trainerIds: string[];
  trainingId: string;
  intervisieGroupId: string;
  programme: string;
  assignment: string;
  assignmentDue?: string;
  /** the lesson plan it is planned from ("<code>:<dagdeel>"); sent along in a hidden field unless `lessonPlans` is given */
  lessonPlan?: string;
}

export interface MeetingFormOptions {
  trainers: { id: number; name: string }[];
  trainings: { id: number; title: string }[];
  groups: { id: number; name: string }[];
}

export type MeetingFormContext = ReturnType<typeof useZodForm>;

/**
 * Plan or change a meeting: the same fields and schema for both, and for the action. A series
 * (bijeenkomsten.reeks) uses the same form with its own schema: its `dateFields` take the place
 * of the one date, it has no hand-in date, and its own buttons (`actions`). `afterFields` adds
 * fields at the end (the series scope on a meeting of a series).
 */
export function MeetingForm({
  options,
  defaults,
  serverErrors,
  formError,
  submitLabel,
  labelledBy,
  schema = meetingSchema,
  dateFields,
  afterFields,
  actions,
  lessonPlans,
}: {
  options: MeetingFormOptions;
  defaults: MeetingFormDefaults;
  serverErrors?: Record<string, string>;
  formError?: string | null;
  submitLabel: string;
  labelledBy: string;
  schema?: z.ZodType<unknown, Record<string, unknown>>;
  dateFields?: (ctx: MeetingFormContext) => ReactNode;
  afterFields?: (ctx: MeetingFormContext) => ReactNode;
  actions?: ReactNode;
  /**
   * A choice of lesson plan (the series form): one plan for every meeting, or none. With JavaScript a
   * chosen plan fills an empty programme and oefenopdracht at once (the fit note follows); without,
   * the action does that when the dates are shown.
   */
  lessonPlans?: { value: string; label: string; programme?: string; assignment?: string }[];
}) {
  const { t } = useT();
  const submitting = useIsSubmitting();
  const ctx = useZodForm(schema, { serverErrors });
  return (
    <ZodForm ctx={ctx} formError={formError} aria-labelledby={labelledBy}>
      <SelectField
        ctx={ctx}
        name="type"
        label={t("session.type")}
        defaultValue={defaults.type}
        options={(["les", "training", "intervisie"] as const).map((v) => ({ value: v, label: t(`sessionType.${v}`) }))}
      />
      <TextField ctx={ctx} name="title" label={t("session.title")} defaultValue={defaults.title} required />
      {dateFields ? dateFields(ctx) : null}
      <div className="ll-field-row">
        {dateFields ? null : <TextField ctx={ctx} name="date" type="date" label={t("session.date")} defaultValue={defaults.date} required />}
        <TextField ctx={ctx} name="startTime" type="time" label={t("session.start")} defaultValue={defaults.startTime} required />
        <TextField ctx={ctx} name="endTime" type="time" label={t("session.end")} defaultValue={defaults.endTime} required />
      </div>
      <SelectField
        ctx={ctx}
        name="trainingId"
        label={t("session.training")}
        description={t("session.training.hint")}
        placeholder={t("session.none")}
        defaultValue={defaults.trainingId}
        options={options.trainings.map((x) => ({ value: String(x.id), label: x.title }))}
      />
      <SelectField
        ctx={ctx}
        name="intervisieGroupId"
        label={t("session.group")}
        description={options.groups.length ? t("session.group.hint") : t("session.group.none")}
        placeholder={t("session.none")}
        defaultValue={defaults.intervisieGroupId}
        options={options.groups.map((x) => ({ value: String(x.id), label: x.name }))}
      />
      <SelectField
        ctx={ctx}
        name="mode"
        label={t("session.mode")}
        description={t("session.mode.hint")}
        defaultValue={defaults.mode}
        options={MEETING_MODE_CODES.map((v) => ({ value: v, label: t(`meetingMode.${v}`) }))}
      />
      <TextField ctx={ctx} name="location" label={t("session.location")} defaultValue={defaults.location} />
      <TextField
        ctx={ctx}
        name="onlineUrl"
        type="url"
        label={t("session.onlineUrl")}
        description={t("session.onlineUrl.hint")}
        defaultValue={defaults.onlineUrl}
      />
      <CheckboxGroup
        ctx={ctx}
        name="trainerIds"
        legend={t("session.trainers")}
        defaultValues={defaults.trainerIds}
        options={options.trainers.map((x) => ({ value: String(x.id), label: x.name }))}
      />
      {lessonPlans ? (
        <SelectField
          ctx={ctx}
          name="lessonPlan"
          label={t("lessonPlan.field")}
          description={t("lessonPlan.field.hint")}
          placeholder={t("lessonPlan.none")}
          defaultValue={defaults.lessonPlan ?? ""}
          options={lessonPlans.map((o) => ({ value: o.value, label: o.label }))}
        />
      ) : defaults.lessonPlan ? (
        <input type="hidden" name="lessonPlan" value={defaults.lessonPlan} />
      ) : null}
      <TextareaField
        ctx={ctx}
        name="programme"
        label={t("session.programme")}
        description={t("session.programme.hint")}
        defaultValue={defaults.programme}
        rows={6}
      />
      {lessonPlans ? <LessonPlanAutofill plans={lessonPlans} /> : null}
      <ProgrammeFitNote programme={defaults.programme} startTime={defaults.startTime} endTime={defaults.endTime} />
      <TextareaField
        ctx={ctx}
        name="assignment"
        label={t("session.assignment")}
        description={t("session.assignment.hint")}
        defaultValue={defaults.assignment}
        rows={4}
      />
      {dateFields ? null : (
        <TextField
          ctx={ctx}
          name="assignmentDue"
          type="date"
          label={t("session.assignmentDue")}
          description={t("session.assignmentDue.hint")}
          defaultValue={defaults.assignmentDue ?? ""}
        />
      )}
      {afterFields ? afterFields(ctx) : null}
      {actions ?? (
        <Button type="submit" name="intent" value="save" appearance="primary-action-button" busy={submitting}>
          {submitLabel}
        </Button>
      )}
    </ZodForm>
  );
}

/** With JavaScript: choosing a lesson plan fills an empty programme and oefenopdracht with the plan's (nothing typed is overwritten). */
function LessonPlanAutofill({ plans }: { plans: { value: string; programme?: string; assignment?: string }[] }) {
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const form = ref.current?.closest("form");
    if (!form) return;
    const onChange = (event: Event) => {
      const target = event.target;
      if (!(target instanceof HTMLSelectElement) || target.name !== "lessonPlan") return;
      const plan = plans.find((p) => p.value === target.value);
      if (!plan) return;
      for (const [name, value] of [
        ["programme", plan.programme],
        ["assignment", plan.assignment],
      ] as const) {
        const field = form.elements.namedItem(name);
        if (field instanceof HTMLTextAreaElement && field.value.trim() === "" && value) {
          field.value = value;
          field.dispatchEvent(new Event("input", { bubbles: true }));
        }
      }
    };
    form.addEventListener("change", onChange);
    return () => form.removeEventListener("change", onChange);
  }, [plans]);
  return <span ref={ref} hidden />;
}

/**
 * Whether the programme's minutes fit the meeting's length (rules/lesson-plans.ts): a warning when it is
 * too long, a gentle note when much time is left, never a refusal. Rendered on the server from the form's
 * values (works without JavaScript); with JavaScript it follows what the trainer types.
 */
export function ProgrammeFitNote({ programme, startTime, endTime }: { programme: string; startTime: string; endTime: string }) {
  const { t } = useT();
  const ref = useRef<HTMLDivElement>(null);
  const [values, setValues] = useState({ programme, startTime, endTime });
  useEffect(() => {
    const form = ref.current?.closest("form");
    if (!form) return;
    const read = () => {
      const data = new FormData(form);
      const field = (name: string) => {
        const v = data.get(name);
        return typeof v === "string" ? v : "";
      };
      setValues({ programme: field("programme"), startTime: field("startTime"), endTime: field("endTime") });
    };
    form.addEventListener("input", read);
    form.addEventListener("change", read);
    return () => {
      form.removeEventListener("input", read);
      form.removeEventListener("change", read);
    };
  }, []);
  const parsed = parseProgramme(values.programme);
  const fit = parsed.ok ? programmeFit(parsed.blocks, values.startTime, values.endTime) : ({ status: "unknown" } as const);
  return (
    <div ref={ref} role="status" id="programme-fit" data-fit={fit.status}>
      {fit.status === "tooLong" ? (
        <Notice type="warning">{t("programmeFit.tooLong", { planned: fit.planned, available: fit.available, over: fit.over })}</Notice>
      ) : fit.status === "shorter" ? (
        <Notice type="info">{t("programmeFit.shorter", { planned: fit.planned, available: fit.available, left: fit.left })}</Notice>
      ) : fit.status === "fits" ? (
        <p className="ll-muted">{t("programmeFit.fits", { planned: fit.planned, available: fit.available })}</p>
      ) : null}
    </div>
  );
}
