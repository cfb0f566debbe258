import { LessonPlanChoices } from "../components/lesson-plan-material";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, Button, Heading1, Heading2, OrderedList, OrderedListItem, Paragraph } from "@utrecht/component-library-react";
import { SelectField, TextareaField, TextField, useIsSubmitting } from "../components/form";
import { RouteErrorBoundary } from "../components/error-page";
import { MeetingForm } from "../components/meeting-form";
import { getDb } from "../db.server";
import { intentOf, userErrorToFailure, type ActionFailure } from "../forms/action.server";
import { formDataToObject, parseForm, readForm } from "../forms/parse.server";
import { seriesSchema } from "../forms/series";
import { requireCohortStaffWithPeople } from "../guards.server";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { meetingFormOptions } from "../services/meeting-options.server";
import { createSeries, previewSeries, type SeriesPreview } from "../services/series.server";
import { lessonPlanFill, lessonPlanOptions, lessonPlansForCohort } from "../services/lesson-plans.server";

/*
 * A series of meetings in one form (issue 29 point 6). Two steps in the same form, with or
 * without JavaScript: "Data bekijken" shows the days the series will have (skipped days named);
 * "Plan deze … bijeenkomsten" plans them, but only when the days shown are still the days the
 * form gives (else the new days are shown again first).
 */

export const meta = titleMeta<typeof loader>("series.title", ({ cohort }, { t }) => t("series.heading", { name: cohort.name }));

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { cohort } = await requireCohortStaffWithPeople(request, params, context.clientIp);
  const search = new URL(request.url).searchParams;
  // Lesson plans of the cohort's own leerlijn version: a link (?lesplan=<code>&dagdeel=<n>) fills the form, as for one meeting.
  const [options, { choices, chosen }, planOptions] = await Promise.all([
    meetingFormOptions(getDb(), cohort),
    lessonPlansForCohort(getDb(), cohort, search.get("lesplan"), search.get("dagdeel")),
    lessonPlanOptions(getDb(), cohort.id),
  ]);
  return { cohort: { id: cohort.id, name: cohort.name }, options, choices, chosen, planOptions };
}

type Result = (ActionFailure & { preview?: undefined }) | { ok: true; preview: SeriesPreview; changed: boolean; values: Record<string, string | string[]> };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, cohort } = await requireCohortStaffWithPeople(request, params, context.clientIp);
  const formData = await readForm(request);
  const parsed = parseForm(seriesSchema, formData);
  if (!parsed.ok) return data({ ok: false, fieldErrors: parsed.fieldErrors, values: parsed.values } satisfies Result, { status: 400 });
  // A lesson plan with an empty programme (or oefenopdracht): the plan's are filled in, and shown with the dates
  // before anything is planned, with the check of the blocks' minutes against the meeting's length.
  const fill = parsed.data.lessonPlan ? await lessonPlanFill(getDb(), cohort.id, parsed.data.lessonPlan) : null;
  if (fill && parsed.data.programme.length === 0) {
    parsed.data.programme = fill.blocks;
    formData.set("programme", fill.programme);
  }
  if (fill && parsed.data.assignment === null && fill.assignment) {
    parsed.data.assignment = fill.assignment;
    formData.set("assignment", fill.assignment);
  }
  const preview = previewSeries(parsed.data);
  const confirmed = intentOf(formData) === "create" && parsed.data.previewed.join(",") === preview.dates.join(",");
  if (!confirmed) {
    const values = formDataToObject(formData);
    return {
      ok: true,
      preview,
      changed: intentOf(formData) === "create",
      values,
    } satisfies Result;
  }
  let seriesId: number;
  try {
    ({ seriesId } = await createSeries(getDb(), user, cohort.id, parsed.data));
  } catch (error) {
    return data(userErrorToFailure(error, formDataToObject(formData)) satisfies Result, { status: 400 });
  }
  return redirect(`/groepen/${cohort.id}/rooster?reeks=${seriesId}`);
}

const text = (v: string | string[] | undefined, fallback = "") => (typeof v === "string" ? v : fallback);

function PreviewActions({ preview, changed }: { preview: SeriesPreview | null; changed: boolean }) {
  const { t, date, list } = useT();
  const submitting = useIsSubmitting();
  return (
    <>
      {/* The first button: Enter in a field shows the dates, it never plans. */}
      <Button type="submit" name="intent" value="preview" appearance={preview ? "secondary-action-button" : "primary-action-button"} busy={submitting}>
        {t("series.preview")}
      </Button>
      {preview ? (
        <section aria-labelledby="series-preview" className="ll-section">
          <Heading2 id="series-preview">{t("series.previewHeading", { count: preview.dates.length })}</Heading2>
          {changed ? (
            <Alert type="warning" role="status">
              <Paragraph>{t("series.previewAgain")}</Paragraph>
            </Alert>
          ) : null}
          <OrderedList>
            {preview.dates.map((d) => (
              <OrderedListItem key={d}>{date(d)}</OrderedListItem>
            ))}
          </OrderedList>
          {preview.skipped.length ? <Paragraph>{t("series.previewSkipped", { dates: list(preview.skipped.map(date)) })}</Paragraph> : null}
          <Paragraph>{t("series.previewHint")}</Paragraph>
          <input type="hidden" name="previewed" value={preview.dates.join(",")} />
          <Button type="submit" name="intent" value="create" appearance="primary-action-button" busy={submitting}>
            {t("series.create", { count: preview.dates.length })}
          </Button>
        </section>
      ) : null}
    </>
  );
}

export default function NewSeries() {
  const { cohort, options, choices, chosen, planOptions } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const { t } = useT();
  const failed = result && !result.ok ? result : undefined;
  const preview = result?.ok ? result.preview : null;
  const v = result?.values ?? {};
  const plan = chosen?.values;
  const trainerIds =
    v.trainerIds === undefined ? (result ? [] : options.trainers.map((x) => String(x.id))) : Array.isArray(v.trainerIds) ? v.trainerIds : [v.trainerIds];
  return (
    <>
      <Paragraph>
        <Link to={`/groepen/${cohort.id}/rooster`} className="utrecht-link">
          {t("schedule.back", { name: cohort.name })}
        </Link>
      </Paragraph>
      <Heading1 id="new-series">{t("series.heading", { name: cohort.name })}</Heading1>
      <Paragraph>{t("series.intro")}</Paragraph>
      {choices.length > 0 ? <LessonPlanChoices choices={choices} chosenKey={chosen?.key} intro={t("lessonPlan.start.introSeries")}></LessonPlanChoices> : null}
      <MeetingForm
        // A new preview is a new form: its fields start from what was sent.
        key={preview ? `${preview.dates.join(",")}|${text(v.programme)}` : (chosen?.key ?? "form")}
        schema={seriesSchema}
        options={options}
        labelledBy="new-series"
        submitLabel={t("series.preview")}
        serverErrors={failed?.fieldErrors}
        formError={failed?.formError ? t(failed.formError.key) : null}
        defaults={{
          type: text(v.type, plan?.type ?? "les"),
          title: text(v.title, plan?.title ?? ""),
          date: "",
          startTime: text(v.startTime, plan?.startTime ?? "13:30"),
          endTime: text(v.endTime, plan?.endTime ?? "16:30"),
          mode: text(v.mode, "in_person"),
          location: text(v.location),
          onlineUrl: text(v.onlineUrl),
          trainerIds,
          trainingId: text(v.trainingId, chosen?.values.trainingId ?? ""),
          intervisieGroupId: text(v.intervisieGroupId),
          programme: text(v.programme, plan?.programme ?? ""),
          assignment: text(v.assignment, plan?.assignment ?? ""),
          lessonPlan: text(v.lessonPlan, chosen?.value ?? ""),
        }}
        lessonPlans={planOptions.length > 0 ? planOptions : undefined}
        dateFields={(ctx) => (
          <>
            <div className="ll-field-row">
              <TextField ctx={ctx} name="firstDate" type="date" label={t("series.firstDate")} defaultValue={text(v.firstDate)} required />
              <SelectField
                ctx={ctx}
                name="everyWeeks"
                label={t("series.every")}
                defaultValue={text(v.everyWeeks, "1")}
                options={(["1", "2"] as const).map((x) => ({ value: x, label: t(`series.every.${x}`) }))}
              />
              <TextField
                ctx={ctx}
                name="count"
                type="number"
                label={t("series.count")}
                description={t("series.count.hint")}
                defaultValue={text(v.count, "10")}
                required
              />
            </div>
            <TextareaField ctx={ctx} name="skip" label={t("series.skip")} description={t("series.skip.hint")} defaultValue={text(v.skip)} rows={3} />
          </>
        )}
        actions={<PreviewActions preview={preview} changed={result?.ok ? result.changed : false} />}
      />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
