import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Button, ButtonLink, Heading1, Heading2, Paragraph } from "@utrecht/component-library-react";
import { notFound, requireArea } from "../auth.server";
import { CohortForm } from "../components/cohort-form";
import { RouteErrorBoundary } from "../components/error-page";
import { SelectField, useIsSubmitting, useZodForm, ZodForm } from "../components/form";
import { MemberList } from "../components/member-list";
import { getDb } from "../db.server";
import { intentOf, userErrorToFailure, type ActionFailure } from "../forms/action.server";
import { cohortSchema, enrolSchema } from "../forms/cohort";
import { parseForm, readForm } from "../forms/parse.server";
import type { MessageKey } from "../i18n/nl";
import type { Params } from "../i18n/translate";
import { FailureAlert } from "../components/failure-alert";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import {
  enrolParticipant,
  getCohort,
  listTrainers,
  removeParticipant,
  returningParticipants,
  unenrolledParticipants,
  updateCohort,
} from "../services/cohorts.server";
import { alumniGroupOfCohort } from "../services/alumni-intervisie.server";
import { listVersions } from "../services/curriculum.server";
import { getPerson } from "../services/users.server";
import { Answer } from "../components/answer";
import { formatDate } from "../i18n/translate";

export const meta = titleMeta<typeof loader>("cohorts.title", ({ cohort }, { t }) => t("cohorts.pageTitle", { name: cohort.name }));

function cohortId(raw: string | undefined): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  return id;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireArea(request, "cohorts-manage", context.clientIp);
  const db = getDb();
  const cohort = await getCohort(db, cohortId(params.id));
  if (!cohort) notFound();
  // A city-wide intervisie group's container is not a course (decision 025): nobody is enrolled in it.
  const alumniGroup = await alumniGroupOfCohort(db, cohort.id);
  if (alumniGroup) throw redirect(`/coordinator/intervisie-alumni/${alumniGroup}`);
  const [versions, trainers, candidates, returning] = await Promise.all([
    listVersions(db),
    listTrainers(db),
    unenrolledParticipants(db),
    returningParticipants(db, cohort.id),
  ]);
  return { cohort, versions, trainers, candidates, returning };
}

type ActionResult = (ActionFailure & { intent: string }) | { ok: true; intent: string; message: { key: MessageKey; params?: Params } };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireArea(request, "cohorts-manage", context.clientIp);
  const db = getDb();
  const id = cohortId(params.id);
  if (!(await getCohort(db, id)) || (await alumniGroupOfCohort(db, id))) notFound();
  const formData = await readForm(request);
  const intent = intentOf(formData);
  try {
    if (intent === "save") {
      const parsed = parseForm(cohortSchema, formData);
      if (!parsed.ok) return data({ ok: false, intent, fieldErrors: parsed.fieldErrors, values: parsed.values }, { status: 400 });
      await updateCohort(db, id, parsed.data, actor);
      return { ok: true, intent, message: { key: "cohort.saved" } } satisfies ActionResult;
    }
    if (intent === "enrol" || intent === "remove") {
      const parsed = parseForm(enrolSchema, formData);
      if (!parsed.ok) return data({ ok: false, intent, fieldErrors: parsed.fieldErrors }, { status: 400 });
      const person = await getPerson(db, parsed.data.participantId);
      if (intent === "enrol") await enrolParticipant(db, id, parsed.data.participantId, actor);
      else await removeParticipant(db, id, parsed.data.participantId, actor);
      return {
        ok: true,
        intent,
        message: { key: intent === "enrol" ? "cohort.enrolled" : "cohort.removed", params: { name: person?.name ?? "" } },
      } satisfies ActionResult;
    }
    return data({ ok: false, intent, formError: { key: "form.invalid" } }, { status: 400 });
  } catch (error) {
    return data({ ...userErrorToFailure(error), intent }, { status: 400 });
  }
}

function EnrolForm({
  candidates,
  returning,
  result,
}: {
  candidates: { id: number; name: string; email: string }[];
  returning: { id: number; name: string; email: string; leftCohort: string; leftOn: string }[];
  result?: ActionResult;
}) {
  const { t, lang } = useT();
  const submitting = useIsSubmitting();
  const failed = result && !result.ok && (result.intent === "enrol" || result.intent === "remove") ? result : undefined;
  const ctx = useZodForm(enrolSchema, { serverErrors: failed?.fieldErrors });
  if (candidates.length === 0 && returning.length === 0) {
    return (
      <>
        <FailureAlert fieldErrors={failed?.fieldErrors} formError={failed?.formError?.key} />
        <Paragraph>{t("cohort.enrol.none")}</Paragraph>
      </>
    );
  }
  return (
    <ZodForm ctx={ctx} formError={failed?.formError ? t(failed.formError.key) : null} aria-labelledby="enrol-heading">
      <SelectField
        ctx={ctx}
        name="participantId"
        label={t("cohort.enrol.select")}
        placeholder=""
        options={[
          ...candidates.map((c) => ({ value: String(c.id), label: `${c.name} (${c.email})` })),
          // Coming back after a break: people who left a cohort, enrolled in this later one.
          ...returning.map((c) => ({
            value: String(c.id),
            label: `${c.name} (${c.email}) · ${t("cohort.enrol.returning", { cohort: c.leftCohort, date: formatDate(lang, c.leftOn) })}`,
          })),
        ]}
      />
      {returning.length > 0 ? <Paragraph>{t("cohort.enrol.returningHelp")}</Paragraph> : null}
      <Button type="submit" name="intent" value="enrol" appearance="secondary-action-button" busy={submitting}>
        {t("cohort.enrol.submit")}
      </Button>
    </ZodForm>
  );
}

export default function CohortEdit() {
  const { cohort, versions, trainers, candidates, returning } = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const [search] = useSearchParams();
  const { t } = useT();
  const saveFailed = result && !result.ok && result.intent === "save" ? result : undefined;
  const otherFailed = result && !result.ok && !["save", "enrol", "remove"].includes(result.intent) ? result : undefined;
  const values = saveFailed?.values ?? {};
  const text = (k: string, fallback: string) => (typeof values[k] === "string" ? (values[k] as string) : fallback);
  const list = values.trainerIds;
  return (
    <>
      <Heading1>{cohort.name}</Heading1>
      <FailureAlert fieldErrors={otherFailed?.fieldErrors} formError={otherFailed?.formError?.key} />
      {search.has("nieuw") && !result ? (
        <Answer type="ok">
          <Paragraph>{t("cohort.created")}</Paragraph>
        </Answer>
      ) : null}
      {result?.ok ? (
        <Answer type="ok">
          <Paragraph>{t(result.message.key, result.message.params)}</Paragraph>
        </Answer>
      ) : null}

      <div className="ll-button-row">
        <ButtonLink href={`/groepen/${cohort.id}/rooster`} appearance="secondary-action-button">
          {t("schedule.title")}
        </ButtonLink>
        <ButtonLink href={`/groepen/${cohort.id}/intervisiegroepen`} appearance="secondary-action-button">
          {t("intervisie.groups.title")}
        </ButtonLink>
        <ButtonLink href={`/groepen/${cohort.id}/opdrachten`} appearance="secondary-action-button">
          {t("assignments.staff.title")}
        </ButtonLink>
        <ButtonLink href={`/groepen/${cohort.id}/voortgang`} appearance="secondary-action-button">
          {t("overview.title")}
        </ButtonLink>
        <ButtonLink href={`/groepen/${cohort.id}/trainingen`} appearance="secondary-action-button">
          {t("trainings.staff.title")}
        </ButtonLink>
        <ButtonLink href={`/groepen/${cohort.id}/praktijk`} appearance="secondary-action-button">
          {t("practice.staff.title")}
        </ButtonLink>
      </div>

      <section className="ll-section">
        <Heading2 id="members-heading">{t("cohort.members")}</Heading2>
        <MemberList
          members={cohort.members}
          actions={(m) => (
            <Form method="post">
              <input type="hidden" name="participantId" value={m.id} />
              <Button type="submit" name="intent" value="remove" appearance="subtle-button" aria-label={t("cohort.remove.label", { name: m.name })}>
                {t("cohort.remove")}
              </Button>
            </Form>
          )}
        />
      </section>

      <section aria-labelledby="enrol-heading" className="ll-section">
        <Heading2 id="enrol-heading">{t("cohort.enrol.heading")}</Heading2>
        <EnrolForm candidates={candidates} returning={returning} result={result} />
      </section>

      <section aria-labelledby="edit-heading" className="ll-section">
        <Heading2 id="edit-heading">{t("cohort.edit.heading")}</Heading2>
        <CohortForm
          key={cohort.updated_at}
          versions={versions}
          trainers={trainers}
          labelledBy="edit-heading"
          submitLabel={t("cohort.form.save")}
          serverErrors={saveFailed?.fieldErrors}
          formError={saveFailed?.formError ? t(saveFailed.formError.key) : null}
          defaults={{
            name: text("name", cohort.name),
            startDate: text("startDate", cohort.start_date),
            endDate: text("endDate", cohort.end_date),
            leerlijnVersionId: text("leerlijnVersionId", String(cohort.leerlijn_version_id)),
            trainerIds: list !== undefined ? (Array.isArray(list) ? list : [list]) : cohort.trainers.map((x) => String(x.id)),
          }}
        />
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
