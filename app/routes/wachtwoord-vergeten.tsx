import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, Button, Heading1, Paragraph } from "@utrecht/component-library-react";
import { RouteErrorBoundary } from "../components/error-page";
import { TextField, useIsSubmitting, useZodForm, ZodForm } from "../components/form";
import { Honeypot } from "../components/honeypot";
import { publicBaseUrl } from "../config.server";
import { getDb } from "../db.server";
import type { ActionFailure } from "../forms/action.server";
import { forgotPasswordSchema } from "../forms/auth";
import { parseForm, readForm } from "../forms/parse.server";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { requestPasswordReset } from "../services/password-reset.server";

export const meta = titleMeta("reset.request.title");
export const headers: HeadersFunction = () => ({ "X-Robots-Tag": "noindex" });

/** Public: after a request every address lands on the same confirmation (?verstuurd). */
export async function loader({ request }: LoaderFunctionArgs) {
  return { sent: new URL(request.url).searchParams.has("verstuurd") };
}

/**
 * Public: asks for a reset link. Known or not, the answer is the same redirect after the same
 * time (services/password-reset.server.ts); only too many requests get a different answer.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseForm(forgotPasswordSchema, await readForm(request));
  if (!parsed.ok) return data({ ok: false, fieldErrors: parsed.fieldErrors, values: parsed.values } satisfies ActionFailure, { status: 400 });
  const result = await requestPasswordReset(getDb(), {
    email: parsed.data.email,
    honeypot: parsed.data.website,
    ip: context.clientIp ?? null,
    baseUrl: publicBaseUrl(request),
  });
  if (!result.ok) {
    return data(
      {
        ok: false,
        formError: { key: "reset.request.limited", params: { minutes: result.retryAfterMinutes } },
        values: { email: parsed.data.email },
      } satisfies ActionFailure,
      { status: 429 },
    );
  }
  return redirect("/wachtwoord-vergeten?verstuurd");
}

export default function ForgotPassword() {
  const { sent } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionFailure>();
  const { t } = useT();
  const submitting = useIsSubmitting();
  const ctx = useZodForm(forgotPasswordSchema, { serverErrors: actionData?.fieldErrors });
  const formError = actionData?.formError ? t(actionData.formError.key, actionData.formError.params) : null;
  const email = typeof actionData?.values?.email === "string" ? actionData.values.email : undefined;
  return (
    <section className="ll-narrow" aria-labelledby="reset-request-title">
      <Heading1 id="reset-request-title">{t("reset.request.title")}</Heading1>
      {sent ? (
        <>
          <Alert type="ok" role="status">
            <Paragraph>{t("reset.sent")}</Paragraph>
          </Alert>
          <Paragraph>{t("reset.sent.none")}</Paragraph>
        </>
      ) : (
        <>
          <Paragraph>{t("reset.request.intro")}</Paragraph>
          <ZodForm ctx={ctx} formError={formError} aria-labelledby="reset-request-title">
            <Honeypot />
            <TextField ctx={ctx} name="email" type="email" label={t("reset.request.email")} autoComplete="username" defaultValue={email} required />
            <Button type="submit" appearance="primary-action-button" busy={submitting}>
              {t("reset.request.submit")}
            </Button>
          </ZodForm>
        </>
      )}
      <Paragraph>
        <Link to="/login" className="utrecht-link">
          {t("reset.toLogin")}
        </Link>
      </Paragraph>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
