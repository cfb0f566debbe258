import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, Button, Heading1, Paragraph } from "@utrecht/component-library-react";
import { challengeCookie, getUser, keptCookie, SIGNED_OUT_REASON, redirectAfterSignIn, startSession } from "../auth.server";
import { RouteErrorBoundary } from "../components/error-page";
import { Honeypot } from "../components/honeypot";
import { TextField, useIsSubmitting, useZodForm, ZodForm } from "../components/form";
import { getDb } from "../db.server";
import type { ActionFailure } from "../forms/action.server";
import { loginSchema } from "../forms/auth";
import { parseForm, readForm } from "../forms/parse.server";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { homePathFor, safeRedirectPath } from "../rules/policy";
import { attemptLogin } from "../services/login.server";
import { createLoginChallenge } from "../services/totp.server";

export const meta = titleMeta("login.title");

function signedOutReasonOf(value: string | null): "idle" | "expired" | null {
  if (value === SIGNED_OUT_REASON.idle) return "idle";
  if (value === SIGNED_OUT_REASON.expired) return "expired";
  return null;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const url = new URL(request.url);
  if (user) throw redirect(safeRedirectPath(url.searchParams.get("redirectTo"), homePathFor(user.role)));
  return {
    redirectTo: safeRedirectPath(url.searchParams.get("redirectTo"), ""),
    loggedOut: url.searchParams.has("uitgelogd"),
    reason: signedOutReasonOf(url.searchParams.get("reden")),
    // A form sent after the time-out was kept (auth.server.ts): say so, it comes back after signing in.
    kept: Boolean(await keptCookie.parse(request.headers.get("Cookie"))) && url.searchParams.has("reden"),
    codeClosed: url.searchParams.get("code") === "verlopen",
    passwordReset: url.searchParams.get("wachtwoord") === "nieuw",
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseForm(loginSchema, await readForm(request));
  if (!parsed.ok) {
    return data({ ok: false, fieldErrors: parsed.fieldErrors, values: parsed.values } satisfies ActionFailure, {
      status: 400,
    });
  }
  const result = await attemptLogin(getDb(), {
    email: parsed.data.email,
    password: parsed.data.password,
    honeypot: parsed.data.website,
    ip: context.clientIp ?? null,
  });
  if (!result.ok) {
    const failure: ActionFailure =
      result.reason === "locked"
        ? { ok: false, formError: { key: "login.locked", params: { minutes: result.retryAfterMinutes } } }
        : { ok: false, formError: { key: "login.invalid" } };
    return data({ ...failure, values: { email: parsed.data.email } }, { status: result.reason === "locked" ? 429 : 401 });
  }
  const to = safeRedirectPath(parsed.data.redirectTo, homePathFor(result.user.role));
  if (result.user.totp_enabled_at) {
    // Second step: the code from the app, on its own page, before any session exists.
    const challenge = await createLoginChallenge(getDb(), result.user.id);
    const params = new URLSearchParams({ redirectTo: to });
    return redirect(`/login/code?${params.toString()}`, { headers: { "Set-Cookie": await challengeCookie.serialize(challenge) } });
  }
  const cookie = await startSession(request, result.user.id, context.clientIp ?? null);
  return redirectAfterSignIn(to, result.user.role, { headers: { "Set-Cookie": cookie } });
}

export default function Login() {
  const { redirectTo, loggedOut, reason, kept, codeClosed, passwordReset } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionFailure>();
  const { t } = useT();
  const submitting = useIsSubmitting();
  const ctx = useZodForm(loginSchema, { serverErrors: actionData?.fieldErrors });
  const formError = actionData?.formError ? t(actionData.formError.key, actionData.formError.params) : null;
  const email = typeof actionData?.values?.email === "string" ? actionData.values.email : undefined;
  return (
    <section className="ll-narrow" aria-labelledby="login-title">
      <Heading1 id="login-title">{t("login.title")}</Heading1>
      {loggedOut ? (
        <Alert type="ok" role="status">
          <Paragraph>{t("login.loggedOut")}</Paragraph>
        </Alert>
      ) : null}
      {reason ? (
        <Alert type="info" role="status">
          <Paragraph>{t(reason === "idle" ? "login.signedOut.idle" : "login.signedOut.expired")}</Paragraph>
          {kept ? <Paragraph>{t("login.signedOut.kept")}</Paragraph> : null}
        </Alert>
      ) : null}
      {passwordReset ? (
        <Alert type="ok" role="status">
          <Paragraph>{t("reset.done")}</Paragraph>
        </Alert>
      ) : null}
      {codeClosed ? (
        <Alert type="warning" role="status">
          <Paragraph>{t("login.code.closed")}</Paragraph>
        </Alert>
      ) : null}
      <Paragraph>{t("login.intro")}</Paragraph>
      <ZodForm ctx={ctx} formError={formError} aria-labelledby="login-title">
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Honeypot />
        <TextField ctx={ctx} name="email" type="email" label={t("login.email")} autoComplete="username" defaultValue={email} required />
        <TextField ctx={ctx} name="password" type="password" label={t("login.password")} autoComplete="current-password" required />
        <Button type="submit" appearance="primary-action-button" busy={submitting}>
          {t("login.submit")}
        </Button>
      </ZodForm>
      <Paragraph>
        <Link to="/wachtwoord-vergeten" className="utrecht-link">
          {t("login.forgot")}
        </Link>
      </Paragraph>
      <Paragraph>
        <Link to="/verify" className="utrecht-link">
          {t("verify.form.link")}
        </Link>
      </Paragraph>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
