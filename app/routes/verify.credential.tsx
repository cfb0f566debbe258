import { data, type ActionFunctionArgs, type HeadersFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { Alert, Button, DataList, DataListItem, DataListKey, DataListValue, Heading1, Paragraph } from "@utrecht/component-library-react";
import { RouteErrorBoundary } from "../components/error-page";
import { TextareaField, useIsSubmitting, useZodForm, ZodForm } from "../components/form";
import { Honeypot } from "../components/honeypot";
import { publicBaseUrl } from "../config.server";
import { getDb } from "../db.server";
import type { ActionFailure } from "../forms/action.server";
import { credentialCheckSchema } from "../forms/credential-check";
import { parseForm, readForm } from "../forms/parse.server";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { checkPastedCredential, MAX_CREDENTIAL_BYTES } from "../services/credentials/access.server";
import type { CredentialCheck } from "../services/credentials/open-badge.server";

export const meta = titleMeta("credential.check.title");
export const headers: HeadersFunction = () => ({ "X-Robots-Tag": "noindex", "Cache-Control": "no-store" });

type CheckAnswer = { ok: true; check: CredentialCheck };

function wantsJson(request: Request): boolean {
  return /application\/json/i.test(request.headers.get("accept") ?? "");
}

/**
 * Issue 30, public: a pasted or uploaded digital certificate (Open Badges 3.0 credential) is
 * checked: genuine ("echt"), revoked ("ingetrokken"), changed or not signed by this app
 * ("gewijzigd"), or not one of this app's ("onbekend"). With `Accept: application/json` the same
 * answer as JSON (also /api/verify-credential).
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const file = formData.get("file");
  if (file instanceof File && file.size > 0) {
    if (file.size > MAX_CREDENTIAL_BYTES)
      return data({ ok: false, fieldErrors: { credential: "credential.check.tooBig" }, values: {} } satisfies ActionFailure, { status: 400 });
    formData.set("credential", await file.text());
  }
  formData.delete("file");
  const parsed = parseForm(credentialCheckSchema, formData);
  const empty = parsed.ok && !parsed.data.credential;
  if (!parsed.ok || empty || parsed.data.website) {
    const fieldErrors = parsed.ok ? { credential: "credential.check.empty" as const } : parsed.fieldErrors;
    if (wantsJson(request)) return Response.json({ error: "geen_certificaat" }, { status: 400 });
    return data({ ok: false, fieldErrors, values: {} } satisfies ActionFailure, { status: 400 });
  }
  const check = await checkPastedCredential(getDb(), parsed.data.credential ?? "", publicBaseUrl(request), context.clientIp ?? null);
  if (check === "tooMany") {
    if (wantsJson(request)) return Response.json({ error: "te_veel_pogingen" }, { status: 429, headers: { "Retry-After": "600" } });
    return data({ ok: false, formError: { key: "credential.check.tooMany" }, values: {} } satisfies ActionFailure, { status: 429 });
  }
  if (wantsJson(request)) return Response.json(check, { headers: { "Cache-Control": "no-store" } });
  return { ok: true as const, check } satisfies CheckAnswer;
}

export default function CredentialCheckPage() {
  const answer = useActionData<typeof action>() as CheckAnswer | ActionFailure | undefined;
  const { t } = useT();
  const submitting = useIsSubmitting();
  const failed = answer && !answer.ok ? answer : undefined;
  const ctx = useZodForm(credentialCheckSchema, { serverErrors: failed?.fieldErrors });
  const check = answer?.ok ? answer.check : null;
  return (
    <section className="ll-narrow" aria-labelledby="credential-check-title">
      <Heading1 id="credential-check-title">{t("credential.check.title")}</Heading1>
      {check ? (
        <Alert type={check.verdict === "echt" ? "ok" : check.verdict === "onbekend" ? "warning" : "error"} role="status">
          <Paragraph data-verdict={check.verdict}>
            <strong>{t(`credential.check.verdict.${check.verdict}`)}</strong> {t(`credential.check.verdict.${check.verdict}.text`)}
          </Paragraph>
        </Alert>
      ) : null}
      {check && check.verdict !== "onbekend" && check.name ? (
        <DataList>
          <DataListItem>
            <DataListKey>{t("credential.check.name")}</DataListKey>
            <DataListValue>
              <bdi>{check.name}</bdi>
            </DataListValue>
          </DataListItem>
          {check.achievement ? (
            <DataListItem>
              <DataListKey>{t("credential.check.achievement")}</DataListKey>
              <DataListValue>{check.achievement}</DataListValue>
            </DataListItem>
          ) : null}
          {check.issuer ? (
            <DataListItem>
              <DataListKey>{t("credential.check.issuer")}</DataListKey>
              <DataListValue>{check.issuer}</DataListValue>
            </DataListItem>
          ) : null}
        </DataList>
      ) : null}
      <Paragraph>{t("credential.check.intro")}</Paragraph>
      <ZodForm
        ctx={ctx}
        aria-labelledby="credential-check-title"
        encType="multipart/form-data"
        formError={failed?.formError ? t(failed.formError.key, failed.formError.params) : null}
      >
        <TextareaField ctx={ctx} name="credential" label={t("credential.check.text")} description={t("credential.check.text.hint")} rows={8} />
        <div className="utrecht-form-field">
          <label htmlFor="credential-file" className="utrecht-form-label">
            {t("credential.check.file")}
          </label>
          <input id="credential-file" type="file" name="file" accept=".json,application/json,application/ld+json" className="utrecht-form-field__input" />
        </div>
        <Honeypot />
        <Button type="submit" appearance="primary-action-button" busy={submitting}>
          {t("credential.check.submit")}
        </Button>
      </ZodForm>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
