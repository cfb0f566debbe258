import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import {
  Button,
  FormLabel,
  Heading1,
  Heading2,
  Paragraph,
  Select,
  SelectOption,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import { RouteErrorBoundary } from "../components/error-page";
import { ErrorSummary, FieldErrorMessage, invalidFieldProps, SelectField, useIsSubmitting, useZodForm, ZodForm } from "../components/form";
import { getDb } from "../db.server";
import { intentOf, userErrorToFailure, type ActionFailure } from "../forms/action.server";
import { parseForm, readForm } from "../forms/parse.server";
import { assignTrainingSchema, choiceRefSchema, moveChoiceSchema } from "../forms/practice";
import { requireCohortStaff } from "../guards.server";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { assignTraining, cohortTrainings, confirmChoice, moveChoice, removeChoice, type CohortTrainings } from "../services/trainings.server";
import { Answer } from "../components/answer";

export const meta = titleMeta<typeof loader>("trainings.staff.title", ({ cohort }, { t }) => t("trainings.staff.pageTitle", { name: cohort.name }));

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { cohort } = await requireCohortStaff(request, params, context.clientIp);
  return { cohort: { id: cohort.id, name: cohort.name }, overview: await cohortTrainings(getDb(), cohort.id) };
}

type Result =
  | (ActionFailure & { where: string })
  | { ok: true; message: "trainings.staff.confirmed" | "trainings.staff.moved" | "trainings.staff.assigned" | "trainings.staff.removed" };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, cohort } = await requireCohortStaff(request, params, context.clientIp);
  const formData = await readForm(request);
  const intent = intentOf(formData);
  const db = getDb();
  const where = intent === "assign" ? "assign" : String(formData.get("choiceId") ?? "");
  const fail = (f: ActionFailure) => data({ ...f, where } satisfies Result, { status: 400 });
  try {
    switch (intent) {
      case "confirm":
      case "remove": {
        const parsed = parseForm(choiceRefSchema, formData);
        if (!parsed.ok) return fail({ ok: false, formError: { key: "form.invalid" } });
        if (intent === "confirm") await confirmChoice(db, user, cohort.id, parsed.data.choiceId);
        else await removeChoice(db, user, cohort.id, parsed.data.choiceId);
        return { ok: true as const, message: intent === "confirm" ? ("trainings.staff.confirmed" as const) : ("trainings.staff.removed" as const) };
      }
      case "move": {
        const parsed = parseForm(moveChoiceSchema, formData);
        if (!parsed.ok) return fail({ ok: false, fieldErrors: parsed.fieldErrors });
        await moveChoice(db, user, cohort.id, parsed.data.choiceId, parsed.data.trainingId);
        return { ok: true as const, message: "trainings.staff.moved" as const };
      }
      case "assign": {
        const parsed = parseForm(assignTrainingSchema, formData);
        if (!parsed.ok) return fail({ ok: false, fieldErrors: parsed.fieldErrors, values: parsed.values });
        await assignTraining(db, user, cohort.id, parsed.data.participantId, parsed.data.trainingId);
        return { ok: true as const, message: "trainings.staff.assigned" as const };
      }
      default:
        return fail({ ok: false, formError: { key: "form.invalid" } });
    }
  } catch (error) {
    return fail(userErrorToFailure(error));
  }
}

function AssignForm({ overview, failed }: { overview: CohortTrainings; failed?: ActionFailure }) {
  const { t, number } = useT();
  const submitting = useIsSubmitting();
  const ctx = useZodForm(assignTrainingSchema, { serverErrors: failed?.fieldErrors });
  return (
    <ZodForm ctx={ctx} formError={failed?.formError ? t(failed.formError.key) : null} aria-labelledby="assign-heading">
      <input type="hidden" name="intent" value="assign" />
      <SelectField
        ctx={ctx}
        name="participantId"
        label={t("trainings.staff.participant")}
        placeholder={t("form.choose")}
        options={overview.participants.map((p) => ({
          value: String(p.id),
          label: t("trainings.staff.participantHours", { name: p.name, hours: number(p.chosenHours), max: number(overview.electiveHoursMax) }),
        }))}
      />
      <SelectField
        ctx={ctx}
        name="trainingId"
        label={t("trainings.staff.training")}
        placeholder={t("form.choose")}
        options={overview.trainings.map((tr) => ({ value: String(tr.id), label: tr.title }))}
      />
      <Button type="submit" appearance="secondary-action-button" busy={submitting}>
        {t("trainings.staff.assign")}
      </Button>
    </ZodForm>
  );
}

export default function StaffTrainings() {
  const { cohort, overview } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const { t, tMessage, date, number } = useT();
  const failed = result && !result.ok ? result : undefined;
  // Moving to a training that is full or already chosen: the message at that row's choice of training.
  const moveChoiceRow =
    failed?.fieldErrors?.trainingId && overview.trainings.length > 1
      ? overview.trainings.flatMap((tr) => tr.choices).find((c) => String(c.id) === failed.where)
      : undefined;
  const moveRefused =
    moveChoiceRow && failed?.fieldErrors?.trainingId ? { choice: moveChoiceRow, error: tMessage(failed.fieldErrors.trainingId) ?? "" } : undefined;
  const errorText = (f: ActionFailure) =>
    f.formError
      ? t(f.formError.key)
      : f.fieldErrors
        ? Object.values(f.fieldErrors)
            .map((k) => t(k as never))
            .join(" ")
        : "";
  return (
    <>
      <Paragraph>
        <Link to={`/groepen/${cohort.id}/rooster`} className="utrecht-link">
          {t("schedule.back", { name: cohort.name })}
        </Link>
      </Paragraph>
      <Heading1>{t("trainings.staff.title")}</Heading1>
      <Paragraph>{t("trainings.staff.intro", { max: number(overview.electiveHoursMax) })}</Paragraph>
      {result?.ok ? (
        <Answer type="ok">
          <Paragraph>{t(result.message)}</Paragraph>
        </Answer>
      ) : null}
      {moveRefused ? (
        <ErrorSummary
          links={[
            { fieldId: `move-${moveRefused.choice.id}`, text: `${t("trainings.staff.moveTo", { name: moveRefused.choice.name })}: ${moveRefused.error}` },
          ]}
        />
      ) : failed && failed.where !== "assign" ? (
        <Answer type="error">
          <Paragraph>{errorText(failed)}</Paragraph>
        </Answer>
      ) : null}
      {overview.trainings.map((tr) => (
        <section key={tr.id} aria-labelledby={`tr-${tr.id}`} className="ll-section">
          <Heading2 id={`tr-${tr.id}`}>{tr.title}</Heading2>
          <Paragraph>
            {t("trainings.facts", { hours: number(tr.hours) })} ·{" "}
            {tr.capacity === null
              ? t("trainings.places.unlimited")
              : t("trainings.staff.places", { taken: tr.taken, capacity: tr.capacity, waiting: tr.waiting })}
            {tr.meetings.length > 0 ? ` · ${tr.meetings.map((s) => date(s.date)).join(", ")}` : ""}
          </Paragraph>
          {tr.choices.length === 0 ? (
            <Paragraph>{t("trainings.staff.nobody")}</Paragraph>
          ) : (
            <div className="ll-table-scroll" tabIndex={0} role="region" aria-label={t("trainings.staff.caption", { title: tr.title })}>
              <Table>
                <TableCaption>{t("trainings.staff.caption", { title: tr.title })}</TableCaption>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">{t("trainings.staff.participant")}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t("trainings.staff.status")}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t("trainings.leerdoel")}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t("trainings.staff.actions")}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {tr.choices.map((c) => (
                    <TableRow key={c.id}>
                      <TableCell>{c.name}</TableCell>
                      <TableCell>
                        {t(`trainings.status.${c.status}`)}
                        {c.assigned_by_name ? ` (${t("trainings.staff.placedBy", { name: c.assigned_by_name })})` : ""}
                      </TableCell>
                      <TableCell>{c.leerdoel ?? "–"}</TableCell>
                      <TableCell>
                        <div className="ll-button-row">
                          {c.status !== "bevestigd" ? (
                            <Form method="post" className="ll-inline-form">
                              <input type="hidden" name="choiceId" value={c.id} />
                              <Button
                                type="submit"
                                name="intent"
                                value="confirm"
                                appearance="secondary-action-button"
                                aria-label={t("trainings.staff.confirmFor", { name: c.name })}
                              >
                                {t("trainings.staff.confirm")}
                              </Button>
                            </Form>
                          ) : null}
                          {overview.trainings.length > 1 ? (
                            <Form method="post" className="ll-inline-form">
                              <input type="hidden" name="choiceId" value={c.id} />
                              <FormLabel htmlFor={`move-${c.id}`}>{t("trainings.staff.moveTo", { name: c.name })}</FormLabel>
                              <FieldErrorMessage fieldId={`move-${c.id}`} error={moveRefused?.choice.id === c.id ? moveRefused.error : undefined} />
                              <Select
                                id={`move-${c.id}`}
                                name="trainingId"
                                invalid={moveRefused?.choice.id === c.id}
                                {...invalidFieldProps(`move-${c.id}`, moveRefused?.choice.id === c.id ? moveRefused.error : undefined)}
                              >
                                {overview.trainings
                                  .filter((o) => o.id !== tr.id)
                                  .map((o) => (
                                    <SelectOption key={o.id} value={String(o.id)}>
                                      {o.title}
                                    </SelectOption>
                                  ))}
                              </Select>
                              <Button type="submit" name="intent" value="move" appearance="secondary-action-button">
                                {t("trainings.staff.move")}
                              </Button>
                            </Form>
                          ) : null}
                          <Form method="post" className="ll-inline-form">
                            <input type="hidden" name="choiceId" value={c.id} />
                            <Button
                              type="submit"
                              name="intent"
                              value="remove"
                              appearance="subtle-button"
                              aria-label={t("trainings.staff.removeFor", { name: c.name })}
                            >
                              {t("trainings.staff.remove")}
                            </Button>
                          </Form>
                        </div>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          )}
        </section>
      ))}
      <section aria-labelledby="assign-heading" className="ll-section">
        <Heading2 id="assign-heading">{t("trainings.staff.assignTitle")}</Heading2>
        <Paragraph>{t("trainings.staff.assignIntro")}</Paragraph>
        <AssignForm overview={overview} failed={failed?.where === "assign" ? failed : undefined} />
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
