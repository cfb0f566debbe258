import { data, redirectDocument, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, Heading1, Paragraph } from "@utrecht/component-library-react";
import { startSession } from "../auth.server";
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
import { acceptInvitation, inspectInvitation, type InvitationState } from "../services/invitations.server";

export const meta = titleMeta("invite.title");

const STATE_TEXT: Record<Exclude<InvitationState["state"], "valid">, MessageKey> = {
  used: "invite.used",
  expired: "invite.expired",
  revoked: "invite.revoked",
  unknown: "invite.unknown",
};

export async function loader({ params }: LoaderFunctionArgs) {
  const state = await inspectInvitation(getDb(), params.token ?? "");
  if (state.state === "valid") return { state: "valid" as const, name: state.user.name, email: state.user.email };
  // A spent or wrong link is not an error of the app: explain it on a normal page (status 410/404).
  return data({ state: state.state }, { status: state.state === "unknown" ? 404 : 410 });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const parsed = parseForm(newPasswordSchema, await readForm(request));
  if (!parsed.ok) {
    return data({ ok: false, fieldErrors: parsed.fieldErrors } satisfies ActionFailure, { status: 400 });
  }
  let result: Awaited<ReturnType<typeof acceptInvitation>>;
  try {
    result = await acceptInvitation(getDb(), params.token ?? "", parsed.data.password, context.clientIp ?? null);
  } catch (error) {
    return data(userErrorToFailure(error), { status: 400 });
  }
  if (!result.ok) {
    return data({ ok: false, formError: { key: STATE_TEXT[result.state] } } satisfies ActionFailure, {
      status: 410,
    });
  }
  const cookie = await startSession(request, result.userId, context.clientIp ?? null);
  // Invited people are mostly staff: a new document loads the words their pages need (app/i18n/words.ts).
  return redirectDocument("/", { headers: { "Set-Cookie": cookie } });
}

export default function Invitation() {
  const data = useLoaderData<{ state: InvitationState["state"]; name?: string; email?: string }>();
  const actionData = useActionData<ActionFailure>();
  const { t } = useT();
  const ctx = useZodForm(newPasswordSchema, { serverErrors: actionData?.fieldErrors });
  if (data.state !== "valid") {
    return (
      <section className="ll-narrow" aria-labelledby="invite-title">
        <Heading1 id="invite-title">{t("invite.title")}</Heading1>
        <Alert type="warning" role="status">
          <Paragraph>{t(STATE_TEXT[data.state])}</Paragraph>
        </Alert>
        <Paragraph>
          <Link to="/login" className="utrecht-link">
            {t("invite.toLogin")}
          </Link>
        </Paragraph>
      </section>
    );
  }
  const formError = actionData?.formError ? t(actionData.formError.key, actionData.formError.params) : null;
  return (
    <section className="ll-narrow" aria-labelledby="invite-title">
      <Heading1 id="invite-title">{t("invite.title")}</Heading1>
      <Paragraph>{t("invite.intro", { name: data.name ?? "", email: data.email ?? "" })}</Paragraph>
      <ChoosePasswordForm ctx={ctx} formError={formError} labelledBy="invite-title" email={data.email} submitLabel={t("invite.submit")} />
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
