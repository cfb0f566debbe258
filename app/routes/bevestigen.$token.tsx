import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { Alert, Heading1, Heading2, Paragraph } from "@utrecht/component-library-react";
import { RouteErrorBoundary } from "../components/error-page";
import { DecisionForm, decisionFormKey } from "../components/practice";
import { publicBaseUrl } from "../config.server";
import { getDb } from "../db.server";
import { userErrorToFailure, type ActionFailure } from "../forms/action.server";
import { formDataToObject, parseForm, readForm } from "../forms/parse.server";
import { decisionsSchema, keepDecisionsExcept, refusedForChangedEntries } from "../forms/practice";
import type { MessageKey } from "../i18n/nl";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { ChangedEntriesError, decideByLink, inspectLink, type LinkView } from "../services/practice.server";
import { Answer } from "../components/answer";

export const meta = titleMeta<typeof loader>("signoff.title", ({ view }, { t }) =>
  view.state === "valid" ? t("signoff.heading", { name: view.participantName }) : t("signoff.title"),
);

/** A decision refused because an entry changed: read the entries again, so the new version shows. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) =>
  refusedForChangedEntries(actionResult) || defaultShouldRevalidate;

// The link is a key: never cached, never indexed.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store", "X-Robots-Tag": "noindex" });

const STATE_TEXT: Record<Exclude<LinkView["state"], "valid">, MessageKey> = {
  unknown: "practice.link.unknown",
  expired: "practice.link.expired",
  revoked: "practice.link.revoked",
  used: "practice.link.used",
};

export async function loader({ params }: LoaderFunctionArgs) {
  const view = await inspectLink(getDb(), params.token ?? "");
  // A spent or wrong link is not an error of the app: explain it on a normal page (status 410/404).
  if (view.state !== "valid") return data({ view }, { status: view.state === "unknown" ? 404 : 410, headers: { "Cache-Control": "no-store" } });
  return data({ view }, { headers: { "Cache-Control": "no-store" } });
}

type Result = (ActionFailure & { changed?: number[] }) | { ok: true; decided: number; spent: boolean };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const parsed = parseForm(decisionsSchema, formData);
  if (!parsed.ok) return data({ ok: false, fieldErrors: parsed.fieldErrors, values: parsed.values } satisfies Result, { status: 400 });
  try {
    const outcome = await decideByLink(getDb(), params.token ?? "", parsed.data, context.clientIp ?? null, undefined, { baseUrl: publicBaseUrl(request) });
    return { ok: true as const, ...outcome };
  } catch (error) {
    // An entry changed after the page was opened: nothing is stored; the page shows the new
    // version, keeps the other choices, and asks to decide on the changed ones again.
    if (error instanceof ChangedEntriesError) {
      const values = keepDecisionsExcept(formDataToObject(formData), error.entryIds);
      return data({ ok: false, formError: { key: error.messageKey }, changed: error.entryIds, values } satisfies Result, { status: 409 });
    }
    return data(userErrorToFailure(error), { status: 410 });
  }
}

export default function SupervisorSignOff() {
  const { view } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const { t, date } = useT();
  const failed = result && !result.ok ? result : undefined;
  if (view.state !== "valid") {
    return (
      <section className="ll-narrow" aria-labelledby="signoff-title">
        <Heading1 id="signoff-title">{t("signoff.title")}</Heading1>
        {/* The decisions just sent used the link up: the answer to them, not "already used". */}
        {result?.ok && result.spent ? (
          <Answer type="ok">
            <Paragraph>{t("signoff.thanks", { count: result.decided })}</Paragraph>
            <Paragraph>{t("signoff.spent")}</Paragraph>
          </Answer>
        ) : (
          <Alert type="warning" role="status">
            <Paragraph>{t(STATE_TEXT[view.state])}</Paragraph>
          </Alert>
        )}
      </section>
    );
  }
  return (
    <>
      <Heading1 id="signoff-title">{t("signoff.heading", { name: view.participantName })}</Heading1>
      <Paragraph lead>{t("signoff.intro", { supervisor: view.supervisorName, name: view.participantName, date: date(view.expiresAt) })}</Paragraph>
      {view.organisation ? <Paragraph>{t("signoff.organisation", { organisation: view.organisation })}</Paragraph> : null}
      {result?.ok ? (
        <Answer type="ok">
          <Paragraph>{t("signoff.thanks", { count: result.decided })}</Paragraph>
          {result.spent ? <Paragraph>{t("signoff.spent")}</Paragraph> : null}
        </Answer>
      ) : null}
      {view.entries.length === 0 ? (
        <Paragraph>{t("signoff.nothingLeft")}</Paragraph>
      ) : (
        <section aria-labelledby="decide-heading" className="ll-section">
          <Heading2 id="decide-heading">{t("signoff.decide", { count: view.entries.length })}</Heading2>
          <Paragraph>{t("signoff.howTo")}</Paragraph>
          <DecisionForm
            participantName={view.participantName}
            key={decisionFormKey(view.entries)}
            entries={view.entries}
            activities={view.activities}
            errors={failed?.fieldErrors}
            values={failed?.values}
            formError={failed?.formError ? t(failed.formError.key) : failed?.fieldErrors?._form ? t(failed.fieldErrors._form as MessageKey) : null}
            submitLabel={t("signoff.submit")}
            caption={t("signoff.decide", { count: view.entries.length })}
            changed={failed?.changed}
          />
        </section>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
