import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, Button, Heading1, Paragraph } from "@utrecht/component-library-react";
import { notFound } from "../auth.server";
import { Answer } from "../components/answer";
import { RouteErrorBoundary } from "../components/error-page";
import { useIsSubmitting } from "../components/form";
import { getDb } from "../db.server";
import { oneClickSchema } from "../forms/mail-preferences";
import { parseForm, readForm } from "../forms/parse.server";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { unsubscribeByToken, unsubscribeView } from "../services/mail-preferences.server";

/**
 * The one-click unsubscribe link at the bottom of an optional e-mail and in its List-Unsubscribe
 * header (issue 28, point 3; RFC 8058). No sign-in: the random key in the link is the permission,
 * and it can only turn one category of e-mail off for one person. A mail client POSTs
 * `List-Unsubscribe=One-Click` (without cookie or form key: server.ts lets this path through the
 * same-site check) and gets 200. Opening the link (GET) changes nothing, so a link scanner that
 * only opens links does not unsubscribe anyone: the page asks with a button. Unknown key: 404.
 */
export const meta = titleMeta("unsubscribe.title");

// The link is a key: never cached, never indexed.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store", "X-Robots-Tag": "noindex" });

export async function loader({ params }: LoaderFunctionArgs) {
  const view = await unsubscribeView(getDb(), params.token ?? "");
  if (!view) notFound();
  return data({ view }, { headers: { "Cache-Control": "no-store" } });
}

type Result = { ok: true } | { ok: false };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = getDb();
  const token = params.token ?? "";
  if (!(await unsubscribeView(db, token))) notFound();
  const parsed = parseForm(oneClickSchema, await readForm(request));
  if (!parsed.ok) return data({ ok: false } satisfies Result, { status: 400 });
  if (!(await unsubscribeByToken(db, token, context.clientIp ?? null))) notFound();
  return data({ ok: true } satisfies Result, { headers: { "Cache-Control": "no-store" } });
}

export default function Unsubscribe() {
  const { view } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const submitting = useIsSubmitting();
  const { t } = useT();
  return (
    <section className="ll-narrow" aria-labelledby="unsubscribe-title">
      <Heading1 id="unsubscribe-title">{t("unsubscribe.title")}</Heading1>
      <Paragraph>{t("unsubscribe.about")}</Paragraph>
      <Paragraph>
        <strong data-testid="unsubscribe-category">{t(`mail.category.${view.category}`)}</strong>
      </Paragraph>
      {result?.ok ? (
        <Answer type="ok">
          <Paragraph>{t("unsubscribe.done")}</Paragraph>
        </Answer>
      ) : !view.enabled ? (
        <Alert type="info" role="status">
          <Paragraph>{t("unsubscribe.alreadyOff")}</Paragraph>
        </Alert>
      ) : (
        <>
          {result && !result.ok ? (
            <Answer type="error">
              <Paragraph>{t("unsubscribe.invalid")}</Paragraph>
            </Answer>
          ) : null}
          <Paragraph>{t("unsubscribe.question")}</Paragraph>
          <Form method="post" className="ll-form">
            <input type="hidden" name="List-Unsubscribe" value="One-Click" />
            <Button type="submit" appearance="primary-action-button" busy={submitting}>
              {t("unsubscribe.submit")}
            </Button>
          </Form>
        </>
      )}
      <Paragraph>{t("unsubscribe.always")}</Paragraph>
      <Paragraph>
        {t("unsubscribe.account")}{" "}
        <Link to="/account" className="utrecht-link">
          {t("unsubscribe.accountLink")}
        </Link>
      </Paragraph>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
