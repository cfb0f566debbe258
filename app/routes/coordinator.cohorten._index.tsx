import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Heading1, Heading2, Paragraph } from "@utrecht/component-library-react";
import { requireArea } from "../auth.server";
import { CohortForm } from "../components/cohort-form";
import { CohortTable } from "../components/cohort-table";
import { RouteErrorBoundary } from "../components/error-page";
import { getDb } from "../db.server";
import { userErrorToFailure, type ActionFailure } from "../forms/action.server";
import { cohortSchema } from "../forms/cohort";
import { parseForm, readForm } from "../forms/parse.server";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { createCohort, listCohorts, listTrainers } from "../services/cohorts.server";
import { listVersions } from "../services/curriculum.server";

export const meta = titleMeta("cohorts.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireArea(request, "cohorts-manage", context.clientIp);
  const db = getDb();
  const [cohorts, versions, trainers] = await Promise.all([listCohorts(db), listVersions(db), listTrainers(db)]);
  return { cohorts, versions, trainers };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireArea(request, "cohorts-manage", context.clientIp);
  const parsed = parseForm(cohortSchema, await readForm(request));
  if (!parsed.ok) {
    return data({ ok: false, fieldErrors: parsed.fieldErrors, values: parsed.values } satisfies ActionFailure, { status: 400 });
  }
  try {
    const id = await createCohort(getDb(), parsed.data, actor);
    return redirect(`/coordinator/cohorten/${id}?nieuw=1`);
  } catch (error) {
    return data(userErrorToFailure(error), { status: 400 });
  }
}

const asList = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);
const asText = (v: string | string[] | undefined) => (typeof v === "string" ? v : "");

export default function Cohorts() {
  const { cohorts, versions, trainers } = useLoaderData<typeof loader>();
  const failed = useActionData<ActionFailure>();
  const { t } = useT();
  const values = failed?.values ?? {};
  return (
    <>
      <Heading1>{t("cohorts.title")}</Heading1>
      <Paragraph>{t("cohorts.intro")}</Paragraph>
      <Paragraph>
        <Link to="/coordinator/intervisie-alumni">{t("alumniIntervisie.coord.link")}</Link>
      </Paragraph>
      <CohortTable cohorts={cohorts} linkBase="/coordinator/cohorten" caption={t("cohorts.table.caption")} />
      <section aria-labelledby="new-cohort" className="ll-section">
        <Heading2 id="new-cohort">{t("cohorts.new")}</Heading2>
        <CohortForm
          versions={versions}
          trainers={trainers}
          labelledBy="new-cohort"
          submitLabel={t("cohort.form.create")}
          serverErrors={failed?.fieldErrors}
          formError={failed?.formError ? t(failed.formError.key) : null}
          defaults={{
            name: asText(values.name),
            startDate: asText(values.startDate),
            endDate: asText(values.endDate),
            leerlijnVersionId: asText(values.leerlijnVersionId) || String(versions[0]?.id ?? ""),
            trainerIds: asList(values.trainerIds),
          }}
        />
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
