import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button, Heading1, Paragraph } from "@utrecht/component-library-react";
import { notFound, requireArea } from "../auth.server";
import { RouteErrorBoundary } from "../components/error-page";
import { SelectField, TextareaField, TextField, useIsSubmitting, useZodForm, ZodForm } from "../components/form";
import { getDb } from "../db.server";
import { userErrorToFailure, type ActionFailure } from "../forms/action.server";
import { formDataToObject, parseForm, readForm } from "../forms/parse.server";
import { POOL_LANGUAGES, POOL_THEMES, STADSDELEN } from "../forms/pool";
import { poolRequestSchema } from "../forms/pool-requests";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { withIp } from "../services/audit.server";
import { createPoolRequest, teamOf } from "../services/pool-requests.server";

export const meta = titleMeta("poolRequest.new.title");

/** A new request from the buurtteam-coördinator's own team (issue 31, point 3). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "team-home", context.clientIp);
  const team = (await teamOf(getDb(), user)) ?? notFound();
  return { team };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireArea(request, "team-home", context.clientIp);
  const db = getDb();
  if (!(await teamOf(db, user))) notFound();
  const formData = await readForm(request);
  const parsed = parseForm(poolRequestSchema, formData);
  if (!parsed.ok) return data({ ok: false, fieldErrors: parsed.fieldErrors, values: parsed.values } satisfies ActionFailure, { status: 400 });
  try {
    const id = await createPoolRequest(db, withIp(user, context.clientIp), parsed.data);
    return redirect(`/buurtteam/vragen/${id}?nieuw=1`);
  } catch (error) {
    return data(userErrorToFailure(error, formDataToObject(formData)), { status: 400 });
  }
}

export default function NewPoolRequestPage() {
  const { team } = useLoaderData<typeof loader>();
  const failed = useActionData<ActionFailure>();
  const { t } = useT();
  const submitting = useIsSubmitting();
  const ctx = useZodForm(poolRequestSchema, { serverErrors: failed?.fieldErrors });
  const value = (name: string, fallback = "") => {
    const v = failed?.values?.[name];
    return typeof v === "string" ? v : fallback;
  };
  return (
    <>
      <Heading1 id="new-request-heading">{t("poolRequest.new.title")}</Heading1>
      <Paragraph>
        <Link to="/buurtteam" className="utrecht-link">
          {t("poolRequest.back")}
        </Link>
      </Paragraph>
      <Paragraph lead>{t("poolRequest.new.intro")}</Paragraph>
      <ZodForm ctx={ctx} formError={failed?.formError ? t(failed.formError.key, failed.formError.params) : null} aria-labelledby="new-request-heading">
        <SelectField
          ctx={ctx}
          name="theme"
          label={t("poolRequest.theme")}
          placeholder={t("poolRequest.choose")}
          options={POOL_THEMES.map((v) => ({ value: v, label: t(`pool.theme.${v}`) }))}
          defaultValue={value("theme")}
        />
        <TextareaField
          ctx={ctx}
          name="description"
          label={t("poolRequest.description")}
          description={t("poolRequest.description.help")}
          defaultValue={value("description")}
          required
        />
        <SelectField
          ctx={ctx}
          name="stadsdeel"
          label={t("poolRequest.stadsdeel")}
          options={STADSDELEN.map((v) => ({ value: v, label: t(`pool.stadsdeel.${v}`) }))}
          defaultValue={value("stadsdeel", team.stadsdeel)}
        />
        <SelectField
          ctx={ctx}
          name="language"
          label={t("poolRequest.language")}
          placeholder={t("poolRequest.language.any")}
          options={POOL_LANGUAGES.map((v) => ({ value: v, label: t(`pool.language.${v}`) }))}
          defaultValue={value("language")}
        />
        <TextField ctx={ctx} name="periodFrom" type="date" label={t("poolRequest.from")} defaultValue={value("periodFrom")} required />
        <TextField ctx={ctx} name="periodUntil" type="date" label={t("poolRequest.until")} defaultValue={value("periodUntil")} required />
        <TextField
          ctx={ctx}
          name="hoursPerWeek"
          type="number"
          label={t("poolRequest.hours")}
          description={t("pool.hours.help")}
          defaultValue={value("hoursPerWeek")}
          required
        />
        <Button type="submit" appearance="primary-action-button" busy={submitting}>
          {t("poolRequest.submit")}
        </Button>
      </ZodForm>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
