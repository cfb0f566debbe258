import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Button, Heading1, Heading2, Paragraph, UnorderedList, UnorderedListItem } from "@utrecht/component-library-react";
import { requireArea } from "../auth.server";
import { RouteErrorBoundary } from "../components/error-page";
import { SelectField, useIsSubmitting, useZodForm, ZodForm } from "../components/form";
import { getDb } from "../db.server";
import { intentOf, userErrorToFailure, type ActionFailure } from "../forms/action.server";
import { parseForm, readForm } from "../forms/parse.server";
import { chooseTrainingSchema } from "../forms/practice";
import { idField } from "../forms/fields";
import { todayInAmsterdam } from "../guards.server";
import { FailureAlert } from "../components/failure-alert";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { chooseTraining, participantTrainings, withdrawTraining, type ParticipantTrainings } from "../services/trainings.server";
import { Answer } from "../components/answer";
import { Explain } from "../components/explain";

export const meta = titleMeta("trainings.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "participant-schedule", context.clientIp);
  return { offer: await participantTrainings(getDb(), user, todayInAmsterdam()) };
}

type Result = (ActionFailure & { trainingId?: number }) | { ok: true; message: "trainings.chosen" | "trainings.waiting" | "trainings.withdrawn" };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireArea(request, "participant-schedule", context.clientIp);
  const formData = await readForm(request);
  const db = getDb();
  const today = todayInAmsterdam();
  try {
    if (intentOf(formData) === "withdraw") {
      const id = idField.safeParse(formData.get("trainingId"));
      if (!id.success) return data({ ok: false, formError: { key: "form.invalid" } } satisfies Result, { status: 400 });
      await withdrawTraining(db, user, id.data, today);
      return { ok: true as const, message: "trainings.withdrawn" as const };
    }
    const parsed = parseForm(chooseTrainingSchema, formData);
    if (!parsed.ok) return data({ ok: false, fieldErrors: parsed.fieldErrors, values: parsed.values } satisfies Result, { status: 400 });
    const status = await chooseTraining(db, user, parsed.data, today);
    return { ok: true as const, message: status === "wachtlijst" ? ("trainings.waiting" as const) : ("trainings.chosen" as const) };
  } catch (error) {
    const trainingId = Number(formData.get("trainingId"));
    return data({ ...userErrorToFailure(error), trainingId } satisfies Result, { status: 400 });
  }
}

type Offer = NonNullable<ParticipantTrainings>;
type Training = Offer["trainings"][number];

function ChooseForm({ training, leerdoelen, full, failed }: { training: Training; leerdoelen: string[]; full: boolean; failed?: ActionFailure }) {
  const { t } = useT();
  const submitting = useIsSubmitting();
  const ctx = useZodForm(chooseTrainingSchema, { serverErrors: failed?.fieldErrors });
  return (
    <ZodForm ctx={ctx} formError={failed?.formError ? t(failed.formError.key) : null} aria-labelledby={`training-${training.id}`}>
      <input type="hidden" {...ctx.field("trainingId")} defaultValue={training.id} />
      <input type="hidden" {...ctx.field("waitingList")} defaultValue={full ? "1" : "0"} />
      {leerdoelen.length > 0 ? (
        <SelectField
          ctx={ctx}
          name="leerdoel"
          label={t("trainings.leerdoel")}
          description={t("trainings.leerdoel.help")}
          placeholder={t("trainings.leerdoel.none")}
          options={leerdoelen.map((l) => ({ value: l, label: l }))}
        />
      ) : (
        <Paragraph>{t("trainings.leerdoel.noPop")}</Paragraph>
      )}
      <Button type="submit" appearance={full ? "secondary-action-button" : "primary-action-button"} busy={submitting}>
        {full ? t("trainings.joinWaitingList", { title: training.title }) : t("trainings.choose", { title: training.title })}
      </Button>
    </ZodForm>
  );
}

export default function ParticipantTrainingsPage() {
  const { offer } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const { t, date, number } = useT();
  if (!offer) {
    return (
      <>
        <Heading1>{t("trainings.title")}</Heading1>
        <Paragraph>{t("trainings.noCohort")}</Paragraph>
      </>
    );
  }
  const left = Math.max(0, offer.electiveHoursMax - offer.chosenHours);
  const failed = result && !result.ok ? result : undefined;
  return (
    <>
      <Heading1>{t("trainings.title")}</Heading1>
      <Paragraph lead>{t("trainings.intro")}</Paragraph>
      <Explain term="keuzeUren" />
      <Paragraph>
        <strong>{t("trainings.hours", { chosen: number(offer.chosenHours), max: number(offer.electiveHoursMax), left: number(left) })}</strong>
      </Paragraph>
      {result?.ok ? (
        <Answer type="ok">
          <Paragraph>{t(result.message)}</Paragraph>
        </Answer>
      ) : null}
      {failed && !failed.trainingId && failed.formError ? (
        <Answer type="error">
          <Paragraph>{t(failed.formError.key)}</Paragraph>
        </Answer>
      ) : null}
      {/* A refusal that belongs to no training on the page (an unknown training, a form that did not parse). */}
      {failed && (failed.trainingId ? !offer.trainings.some((tr) => tr.id === failed.trainingId) : !failed.formError) ? (
        <FailureAlert fieldErrors={failed.fieldErrors} formError={failed.formError?.key} />
      ) : null}
      {offer.trainings.map((tr) => {
        const full = tr.placesLeft === 0;
        const mineFailed = failed && failed.trainingId === tr.id ? failed : undefined;
        return (
          <section key={tr.id} aria-labelledby={`training-${tr.id}`} className="ll-section ll-card">
            <Heading2 id={`training-${tr.id}`}>
              <span lang="nl">{tr.title}</span>
            </Heading2>
            <Paragraph>
              <span lang="nl">{tr.description}</span>
            </Paragraph>
            <Paragraph>
              {t("trainings.facts", { hours: number(tr.hours) })} ·{" "}
              {tr.placesLeft === null
                ? t("trainings.places.unlimited")
                : full
                  ? t("trainings.places.full", { waiting: tr.waiting })
                  : t("trainings.places.left", { left: tr.placesLeft })}
            </Paragraph>
            {tr.meetings.length > 0 ? (
              <UnorderedList>
                {tr.meetings.map((s) => (
                  <UnorderedListItem key={s.id}>
                    {date(s.date)}, {s.start_time}–{s.end_time}
                    {s.status === "cancelled" ? ` (${t("session.cancelled")})` : ""}
                  </UnorderedListItem>
                ))}
              </UnorderedList>
            ) : (
              <Paragraph>{t("trainings.noDates")}</Paragraph>
            )}
            {tr.mine ? (
              <>
                <Paragraph>
                  <strong>{t(`trainings.status.${tr.mine.status}`)}</strong>
                  {tr.mine.leerdoel ? ` · ${t("trainings.forGoal", { goal: tr.mine.leerdoel })}` : ""}
                </Paragraph>
                {mineFailed?.formError ? (
                  <Answer type="error">
                    <Paragraph>{t(mineFailed.formError.key)}</Paragraph>
                  </Answer>
                ) : null}
                {!tr.started || tr.mine.status === "wachtlijst" ? (
                  <Form method="post" className="ll-inline-form">
                    <input type="hidden" name="trainingId" value={tr.id} />
                    <Button type="submit" name="intent" value="withdraw" appearance="secondary-action-button">
                      {t("trainings.withdraw", { title: tr.title })}
                    </Button>
                  </Form>
                ) : null}
              </>
            ) : tr.started ? (
              <Paragraph>{t("trainings.started")}</Paragraph>
            ) : (
              <ChooseForm training={tr} leerdoelen={offer.leerdoelen} full={full} failed={mineFailed} />
            )}
          </section>
        );
      })}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
