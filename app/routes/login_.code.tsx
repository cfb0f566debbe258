import { randomUUID } from "node:crypto";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Button, Heading1, Paragraph } from "@utrecht/component-library-react";
import { challengeCookie, challengeTokenFrom, redirectAfterSignIn, startSession } from "../auth.server";
import { RouteErrorBoundary } from "../components/error-page";
import { TextField, useIsSubmitting, useZodForm, ZodForm } from "../components/form";
import { getDb } from "../db.server";
import type { ActionFailure } from "../forms/action.server";
import { secondFactorCodeSchema } from "../forms/auth";
import { parseForm, readForm } from "../forms/parse.server";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { homePathFor, safeRedirectPath } from "../rules/policy";
import { answerLoginChallenge, challengeIsOpen } from "../services/totp.server";

export const meta = titleMeta("login.code.title");

/** Back to the password, with the challenge cookie cleared. */
async function startAgain(): Promise<Response> {
  return redirect("/login?code=verlopen", { headers: { "Set-Cookie": await challengeCookie.serialize("", { maxAge: 0 }) } });
}

export async function loader({ request }: LoaderFunctionArgs) {
  const token = await challengeTokenFrom(request);
  if (!token || !(await challengeIsOpen(getDb(), token))) throw await startAgain();
  return { redirectTo: safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"), "") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const token = await challengeTokenFrom(request);
  if (!token) return startAgain();
  const parsed = parseForm(secondFactorCodeSchema, await readForm(request));
  if (!parsed.ok) return data({ ok: false, attempt: randomUUID(), fieldErrors: parsed.fieldErrors }, { status: 400 });
  const answer = await answerLoginChallenge(getDb(), token, parsed.data.code, context.clientIp ?? null);
  if (!answer.ok) {
    if (answer.reason === "closed") return startAgain();
    return data({ ok: false, attempt: randomUUID(), fieldErrors: { code: "totp.codeOrRecoveryWrong" } }, { status: 401 });
  }
  const headers = new Headers();
  headers.append("Set-Cookie", await startSession(request, answer.user.id, context.clientIp ?? null));
  headers.append("Set-Cookie", await challengeCookie.serialize("", { maxAge: 0 }));
  // Signed in with a recovery code: to the account page first, which says how many are left and
  // how to set up a new phone.
  if (answer.method === "recovery") return redirectAfterSignIn("/account?klaar=herstelcode#tweestap", answer.user.role, { headers });
  return redirectAfterSignIn(safeRedirectPath(parsed.data.redirectTo, homePathFor(answer.user.role)), answer.user.role, { headers });
}

type CodeFailure = ActionFailure & { attempt?: string };

function CodeForm({ redirectTo, failure }: { redirectTo: string; failure?: CodeFailure }) {
  const { t } = useT();
  const submitting = useIsSubmitting();
  const ctx = useZodForm(secondFactorCodeSchema, { serverErrors: failure?.fieldErrors });
  return (
    <ZodForm ctx={ctx} aria-labelledby="code-title">
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <TextField ctx={ctx} name="code" label={t("login.code.label")} autoComplete="one-time-code" required />
      <Button type="submit" appearance="primary-action-button" busy={submitting}>
        {t("login.code.submit")}
      </Button>
    </ZodForm>
  );
}

export default function LoginCode() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const actionData = useActionData<CodeFailure>();
  const { t } = useT();
  return (
    <section className="ll-narrow" aria-labelledby="code-title">
      <Heading1 id="code-title">{t("login.code.title")}</Heading1>
      <Paragraph>{t("login.code.intro")}</Paragraph>
      {/* A fresh form per answer, so a wrong code's message shows (see account.tsx). */}
      <CodeForm key={actionData?.attempt ?? "new"} redirectTo={redirectTo} failure={actionData} />
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
