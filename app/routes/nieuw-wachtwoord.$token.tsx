import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, Heading1, Paragraph } from "@utrecht/component-library-react";
import { ChoosePasswordForm } from "../components/choose-password-form";
import { RouteErrorBoundary } from "../components/error-page";
import { useZodForm } from "../components/form";
import { getDb } from "../db.server";
import { userErrorToFailure, type ActionFailure } from "../forms/action.server";
import { newPasswordSchema } from "../forms/auth";
import { parseForm, readForm } from "../forms/parse.server";
import type { MessageKey } from "../i18n/nl";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { completePasswordReset, inspectPasswordReset, type ResetState } from "../services/password-reset.server";

export const meta = titleMeta("reset.title");
export const headers: HeadersFunction = () => ({ "X-Robots-Tag": "noindex" });

const STATE_TEXT: Record<Exclude<ResetState["state"], "valid">, MessageKey> = {
  used: "reset.used",
  expired: "reset.expired",
  revoked: "reset.revoked",
  unknown: "reset.unknown",
};

/** Public: the page behind the link in a reset mail (the link's secret is checked by its hash). */
export async function loader({ params }: LoaderFunctionArgs) {
  const state = await inspectPasswordReset(getDb(), params.token ?? "");
  if (state.state === "valid") return { state: "valid" as const, email: state.user.email };
  // A spent or wrong link is not an error of the app: explain it on a normal page (status 410/404).
  return data({ state: state.state }, { status: state.state === "unknown" ? 404 : 410 });
}

/** Public: sets the new password through the link, once; every session of the person ends. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const parsed = parseForm(newPasswordSchema, await readForm(request));
  if (!parsed.ok) return data({ ok: false, fieldErrors: parsed.fieldErrors } satisfies ActionFailure, { status: 400 });
  let result: Awaited<ReturnType<typeof completePasswordReset>>;
  try {
    result = await completePasswordReset(getDb(), params.token ?? "", parsed.data.password, context.clientIp ?? null);
  } catch (error) {
    return data(userErrorToFailure(error), { status: 400 });
  }
  if (!result.ok) return data({ ok: false, formError: { key: STATE_TEXT[result.state] } } satisfies ActionFailure, { status: 410 });
  // No session here: the person signs in with the new password (and the second step, if they have one).
  return redirect("/login?wachtwoord=nieuw");
}

export default function NewPassword() {
  const loaded = useLoaderData<{ state: ResetState["state"]; email?: string }>();
  const actionData = useActionData<ActionFailure>();
  const { t } = useT();
  const ctx = useZodForm(newPasswordSchema, { serverErrors: actionData?.fieldErrors });
  if (loaded.state !== "valid") {
    return (
      <section className="ll-narrow" aria-labelledby="reset-title">
        <Heading1 id="reset-title">{t("reset.title")}</Heading1>
        <Alert type="warning" role="status">
          <Paragraph>{t(STATE_TEXT[loaded.state])}</Paragraph>
        </Alert>
        <Paragraph>
          <Link to="/wachtwoord-vergeten" className="utrecht-link">
            {t("reset.askAgain")}
          </Link>
        </Paragraph>
        <Paragraph>
          <Link to="/login" className="utrecht-link">
            {t("reset.toLogin")}
          </Link>
        </Paragraph>
      </section>
    );
  }
  const formError = actionData?.formError ? t(actionData.formError.key, actionData.formError.params) : null;
  const spent = actionData?.formError !== undefined && Object.values(STATE_TEXT).includes(actionData.formError.key);
  return (
    <section className="ll-narrow" aria-labelledby="reset-title">
      <Heading1 id="reset-title">{t("reset.title")}</Heading1>
      <Paragraph>{t("reset.intro", { email: loaded.email ?? "" })}</Paragraph>
      <ChoosePasswordForm ctx={ctx} formError={formError} labelledBy="reset-title" email={loaded.email} submitLabel={t("reset.submit")} />
      {spent ? (
        <Paragraph>
          <Link to="/wachtwoord-vergeten" className="utrecht-link">
            {t("reset.askAgain")}
          </Link>
        </Paragraph>
      ) : null}
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
