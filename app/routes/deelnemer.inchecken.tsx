import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Button, Heading1, Paragraph } from "@utrecht/component-library-react";
import { requireArea } from "../auth.server";
import { Answer } from "../components/answer";
import { RouteErrorBoundary } from "../components/error-page";
import { TextField, useIsSubmitting, useZodForm, ZodForm } from "../components/form";
import { getDb } from "../db.server";
import { checkInSchema } from "../forms/check-in";
import { userErrorToFailure, type ActionFailure } from "../forms/action.server";
import { parseForm, readForm } from "../forms/parse.server";
import type { MessageKey } from "../i18n/nl";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { looksLikeCheckInCode, normaliseCheckInCode } from "../rules/check-in-format";
import { withIp } from "../services/audit.server";
import { checkIn } from "../services/check-in.server";

export const meta = titleMeta("checkIn.title");

/**
 * Self check-in on the participant's phone (issue 29 point 4). The QR code on the trainer's screen
 * leads here with the code filled in (`?code=`); opening the page changes nothing, the button does.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireArea(request, "participant-schedule", context.clientIp);
  const fromQr = new URL(request.url).searchParams.get("code") ?? "";
  // Only something shaped like a code is filled in; anything else is left out.
  return { code: looksLikeCheckInCode(fromQr) ? normaliseCheckInCode(fromQr) : "" };
}

type Result = ActionFailure | { ok: true; message: MessageKey; title: string; time: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireArea(request, "participant-schedule", context.clientIp);
  const formData = await readForm(request);
  const parsed = parseForm(checkInSchema, formData);
  if (!parsed.ok) return data({ ok: false, fieldErrors: parsed.fieldErrors, values: parsed.values } satisfies Result, { status: 400 });
  try {
    const done = await checkIn(getDb(), withIp(user, context.clientIp), parsed.data.code);
    return { ok: true, message: done.already ? "checkIn.already" : "checkIn.done", title: done.title, time: done.time } satisfies Result;
  } catch (error) {
    return data(userErrorToFailure(error, { code: parsed.data.code }) satisfies Result, { status: 400 });
  }
}

export default function CheckIn() {
  const { code } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const { t } = useT();
  const submitting = useIsSubmitting();
  const failed = result && !result.ok ? result : undefined;
  const ctx = useZodForm(checkInSchema, { serverErrors: failed?.fieldErrors });
  const typed = typeof failed?.values?.code === "string" ? failed.values.code : undefined;
  return (
    <>
      <Heading1>{t("checkIn.title")}</Heading1>
      {result?.ok ? (
        <Answer type="ok">
          <Paragraph>{t(result.message, { title: result.title, time: result.time })}</Paragraph>
        </Answer>
      ) : null}
      {failed?.formError ? (
        <Answer type="error">
          <Paragraph>{t(failed.formError.key)}</Paragraph>
        </Answer>
      ) : null}
      {result?.ok ? null : (
        <>
          <Paragraph>{t("checkIn.explain")}</Paragraph>
          <ZodForm ctx={ctx} className="ll-form">
            <TextField
              ctx={ctx}
              name="code"
              label={t("checkIn.code")}
              description={t("checkIn.code.hint")}
              autoComplete="off"
              defaultValue={typed ?? code}
              required
            />
            <Button type="submit" appearance="primary-action-button" busy={submitting}>
              {t("checkIn.submit")}
            </Button>
          </ZodForm>
        </>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
