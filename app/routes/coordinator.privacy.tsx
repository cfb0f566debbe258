import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button, Heading1, Heading2, Paragraph, UnorderedList, UnorderedListItem } from "@utrecht/component-library-react";
import { requireArea } from "../auth.server";
import { RouteErrorBoundary } from "../components/error-page";
import { CheckboxField, SelectField, TextField, useIsSubmitting, useZodForm, ZodForm } from "../components/form";
import { getDb } from "../db.server";
import { intentOf, type ActionFailure } from "../forms/action.server";
import { parseForm, readForm } from "../forms/parse.server";
import { anonymiseSchema, retentionSchema } from "../forms/privacy";
import type { MessageKey } from "../i18n/nl";
import type { Params } from "../i18n/translate";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { anonymisePerson, privacyAdminPage, saveRetentionSettings } from "../services/privacy.server";
import { Answer } from "../components/answer";

export const meta = titleMeta("privacy.admin.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "privacy", context.clientIp);
  return privacyAdminPage(getDb(), user.id);
}

type ActionResult = (ActionFailure & { intent: string }) | { ok: true; intent: string; message: { key: MessageKey; params?: Params } };

export async function action({ request, context }: ActionFunctionArgs): Promise<ReturnType<typeof data<ActionResult>> | ActionResult> {
  const actor = await requireArea(request, "privacy", context.clientIp);
  const db = getDb();
  const formData = await readForm(request);
  const intent = intentOf(formData);
  const ip = context.clientIp ?? null;
  if (intent === "retention") {
    const parsed = parseForm(retentionSchema, formData);
    if (!parsed.ok) return data({ ok: false, intent, fieldErrors: parsed.fieldErrors, values: parsed.values }, { status: 400 });
    await saveRetentionSettings(db, actor, parsed.data, ip);
    return { ok: true, intent, message: { key: "privacy.retention.saved" } };
  }
  if (intent === "anonymise") {
    const parsed = parseForm(anonymiseSchema, formData);
    if (!parsed.ok) return data({ ok: false, intent, fieldErrors: parsed.fieldErrors, values: parsed.values }, { status: 400 });
    const result = await anonymisePerson(db, actor, parsed.data.userId, ip);
    if (result === "done") return { ok: true, intent, message: { key: "privacy.anonymise.done" } };
    const key: MessageKey = result === "self" ? "privacy.anonymise.self" : result === "already" ? "privacy.anonymise.already" : "people.notFound";
    return data({ ok: false, intent, formError: { key } }, { status: 400 });
  }
  return data({ ok: false, intent, formError: { key: "form.invalid" } }, { status: 400 });
}

function RetentionForm({
  settings,
  result,
}: {
  settings: { assessmentMonths: number; draftsMonthsAfterEnd: number; signInTraceDays: number };
  result?: ActionResult;
}) {
  const { t } = useT();
  const submitting = useIsSubmitting();
  const failed = result && !result.ok && result.intent === "retention" ? result : undefined;
  const ctx = useZodForm(retentionSchema, { serverErrors: failed?.fieldErrors });
  const v = (k: "assessmentMonths" | "draftsMonthsAfterEnd" | "signInTraceDays") =>
    typeof failed?.values?.[k] === "string" ? (failed.values[k] as string) : String(settings[k]);
  return (
    <section aria-labelledby="retention-heading" className="ll-section">
      <Heading2 id="retention-heading">{t("privacy.retention.heading")}</Heading2>
      <Paragraph>{t("privacy.retention.intro")}</Paragraph>
      <UnorderedList>
        <UnorderedListItem>{t("privacy.retention.register")}</UnorderedListItem>
        <UnorderedListItem>{t("privacy.retention.reflections")}</UnorderedListItem>
      </UnorderedList>
      <ZodForm ctx={ctx} aria-labelledby="retention-heading">
        <TextField
          ctx={ctx}
          name="assessmentMonths"
          type="number"
          label={t("privacy.retention.assessmentMonths")}
          description={t("privacy.retention.assessmentMonths.hint")}
          defaultValue={v("assessmentMonths")}
          required
        />
        <TextField
          ctx={ctx}
          name="draftsMonthsAfterEnd"
          type="number"
          label={t("privacy.retention.draftsMonthsAfterEnd")}
          description={t("privacy.retention.draftsMonthsAfterEnd.hint")}
          defaultValue={v("draftsMonthsAfterEnd")}
          required
        />
        <TextField
          ctx={ctx}
          name="signInTraceDays"
          type="number"
          label={t("privacy.retention.signInTraceDays")}
          description={t("privacy.retention.signInTraceDays.hint")}
          defaultValue={v("signInTraceDays")}
          required
        />
        <Button type="submit" name="intent" value="retention" appearance="primary-action-button" busy={submitting}>
          {t("privacy.retention.save")}
        </Button>
      </ZodForm>
      <Paragraph>{t("privacy.retention.howItRuns")}</Paragraph>
    </section>
  );
}

function AnonymiseForm({ people, result }: { people: { id: number; name: string; email: string; role: string }[]; result?: ActionResult }) {
  const { t } = useT();
  const submitting = useIsSubmitting();
  const failed = result && !result.ok && result.intent === "anonymise" ? result : undefined;
  const ctx = useZodForm(anonymiseSchema, { serverErrors: failed?.fieldErrors });
  return (
    <section aria-labelledby="anonymise-heading" className="ll-section">
      <Heading2 id="anonymise-heading">{t("privacy.anonymise.heading")}</Heading2>
      <Paragraph>{t("privacy.anonymise.intro")}</Paragraph>
      <UnorderedList>
        <UnorderedListItem>{t("privacy.anonymise.removed")}</UnorderedListItem>
        <UnorderedListItem>{t("privacy.anonymise.kept")}</UnorderedListItem>
        <UnorderedListItem>{t("privacy.anonymise.certificate")}</UnorderedListItem>
      </UnorderedList>
      <ZodForm ctx={ctx} formError={failed?.formError ? t(failed.formError.key, failed.formError.params) : null} aria-labelledby="anonymise-heading">
        <SelectField
          ctx={ctx}
          name="userId"
          label={t("privacy.anonymise.person")}
          placeholder={t("privacy.anonymise.choose")}
          defaultValue=""
          options={people.map((p) => ({ value: String(p.id), label: `${p.name} (${t(`role.${p.role}` as MessageKey)}, ${p.email})` }))}
        />
        <CheckboxField ctx={ctx} name="confirm" value="ja" label={t("privacy.anonymise.confirm")} />
        <Button type="submit" name="intent" value="anonymise" appearance="primary-action-button" busy={submitting}>
          {t("privacy.anonymise.submit")}
        </Button>
      </ZodForm>
    </section>
  );
}

export default function PrivacyAdmin() {
  const { settings, people } = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const { t } = useT();
  return (
    <>
      <Heading1>{t("privacy.admin.title")}</Heading1>
      <Paragraph lead>{t("privacy.admin.intro")}</Paragraph>
      <Paragraph>
        <Link to="/coordinator/auditlog" className="utrecht-link">
          {t("privacy.admin.auditLink")}
        </Link>
      </Paragraph>
      {result?.ok ? (
        <Answer type="ok">
          <Paragraph>{t(result.message.key, result.message.params)}</Paragraph>
        </Answer>
      ) : null}
      <RetentionForm key={`r-${JSON.stringify(settings)}`} settings={settings} result={result} />
      <AnonymiseForm key={`a-${people.length}`} people={people} result={result} />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
