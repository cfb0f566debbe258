import { Button } from "@utrecht/component-library-react";
import { CheckboxGroup, SelectField, TextField, useIsSubmitting, useZodForm, ZodForm } from "./form";
import { cohortSchema } from "../forms/cohort";
import { useT } from "../i18n/use-t";

export interface CohortFormValues {
  name: string;
  startDate: string;
  endDate: string;
  leerlijnVersionId: string;
  trainerIds: string[];
}

/** Create and edit a cohort: the same fields, the same schema as the action. */
export function CohortForm({
  versions,
  trainers,
  defaults,
  serverErrors,
  formError,
  submitLabel,
  labelledBy,
}: {
  versions: { id: number; name: string; version: number }[];
  trainers: { id: number; name: string }[];
  defaults: CohortFormValues;
  serverErrors?: Record<string, string>;
  formError?: string | null;
  submitLabel: string;
  labelledBy: string;
}) {
  const { t } = useT();
  const submitting = useIsSubmitting();
  const ctx = useZodForm(cohortSchema, { serverErrors });
  return (
    <ZodForm ctx={ctx} formError={formError} aria-labelledby={labelledBy}>
      <TextField ctx={ctx} name="name" label={t("cohort.form.name")} description={t("cohort.form.name.hint")} defaultValue={defaults.name} required />
      <div className="ll-field-row">
        <TextField ctx={ctx} name="startDate" type="date" label={t("cohort.form.start")} defaultValue={defaults.startDate} required />
        <TextField ctx={ctx} name="endDate" type="date" label={t("cohort.form.end")} defaultValue={defaults.endDate} required />
      </div>
      <SelectField
        ctx={ctx}
        name="leerlijnVersionId"
        label={t("cohort.form.version")}
        defaultValue={defaults.leerlijnVersionId}
        options={versions.map((v) => ({ value: String(v.id), label: t("cohort.leerlijn", { name: v.name, version: v.version }) }))}
      />
      <CheckboxGroup
        ctx={ctx}
        name="trainerIds"
        legend={t("cohort.form.trainers")}
        defaultValues={defaults.trainerIds}
        options={trainers.map((tr) => ({ value: String(tr.id), label: tr.name }))}
      />
      <Button type="submit" name="intent" value="save" appearance="primary-action-button" busy={submitting}>
        {submitLabel}
      </Button>
    </ZodForm>
  );
}
