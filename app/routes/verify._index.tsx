import { data, redirect, type ActionFunctionArgs, type HeadersFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { Button, Heading1, Paragraph } from "@utrecht/component-library-react";
import { RouteErrorBoundary } from "../components/error-page";
import { TextField, useIsSubmitting, useZodForm, ZodForm } from "../components/form";
import { Honeypot } from "../components/honeypot";
import { getDb } from "../db.server";
import type { ActionFailure } from "../forms/action.server";
import { parseForm, readForm } from "../forms/parse.server";
import { verifyCodeSchema } from "../forms/verify";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { verifyHoneypot } from "../services/verify.server";

export const meta = titleMeta("verify.form.title");
export const headers: HeadersFunction = () => ({ "X-Robots-Tag": "noindex" });

/** Public: type or paste the code (or the address from the QR code) of a certificate to check it. */
export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseForm(verifyCodeSchema, await readForm(request));
  if (!parsed.ok) return data({ ok: false, fieldErrors: parsed.fieldErrors, values: parsed.values } satisfies ActionFailure, { status: 400 });
  if (parsed.data.website) {
    // A robot filled the hidden field: the same answer as a wrong code, counted as a miss of this
    // address (the same limit as guessing), audited once an hour.
    const { status } = await verifyHoneypot(getDb(), context.clientIp ?? null);
    return data({ ok: false, fieldErrors: { code: "verify.form.code.invalid" }, values: {} } satisfies ActionFailure, { status });
  }
  return redirect(`/verify/${encodeURIComponent(parsed.data.code)}`);
}

export default function VerifyForm() {
  const failed = useActionData<ActionFailure>();
  const { t } = useT();
  const submitting = useIsSubmitting();
  const ctx = useZodForm(verifyCodeSchema, { serverErrors: failed?.fieldErrors });
  const value = typeof failed?.values?.code === "string" ? failed.values.code : undefined;
  return (
    <section className="ll-narrow" aria-labelledby="verify-form-title">
      <Heading1 id="verify-form-title">{t("verify.form.title")}</Heading1>
      <Paragraph>{t("verify.form.intro")}</Paragraph>
      <ZodForm ctx={ctx} aria-labelledby="verify-form-title">
        <TextField
          ctx={ctx}
          name="code"
          label={t("verify.form.code")}
          description={t("verify.form.code.hint")}
          autoComplete="off"
          defaultValue={value}
          required
        />
        <Honeypot />
        <Button type="submit" appearance="primary-action-button" busy={submitting}>
          {t("verify.form.submit")}
        </Button>
      </ZodForm>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
