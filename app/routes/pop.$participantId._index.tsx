import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button, FormFieldTextarea, Heading1, Heading2, Paragraph } from "@utrecht/component-library-react";
import { notFound, requireArea } from "../auth.server";
import { RouteErrorBoundary } from "../components/error-page";
import { PlanStatusBadge } from "../components/plan-status";
import { commentRefusal, PopReadOnly, SectionComments, type CommentRefusal } from "../components/pop-view";
import { publicBaseUrl } from "../config.server";
import { getDb } from "../db.server";
import { intentOf, userErrorToFailure, type ActionFailure } from "../forms/action.server";
import { parseForm, readForm } from "../forms/parse.server";
import { popCommentSchema, popDecisionSchema } from "../forms/pop";
import { idParam } from "../guards.server";
import type { MessageKey } from "../i18n/nl";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { addPopComment, decidePop, logPopRead, popContext, popState } from "../services/pop.server";
import { Answer } from "../components/answer";
import { ErrorSummary } from "../components/form";
import { keptText, keptWhere, useKeptFor } from "../components/kept-form";

export const meta = titleMeta<typeof loader>("pop.titleOf", ({ ctx }, { t }) => t("pop.titleOf", { name: ctx.participant.name }));

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "participant-profile", context.clientIp);
  const participantId = idParam(params, "participantId");
  const ctx = await popContext(getDb(), user, participantId);
  if (!ctx) notFound();
  if (ctx.viewerIs === "owner") throw redirect("/deelnemer/pop");
  await logPopRead(getDb(), user, participantId, context.clientIp ?? null);
  return { ctx, state: await popState(getDb(), participantId) };
}

type Result = (ActionFailure & { intent: string }) | { ok: true; intent: string; message: MessageKey } | CommentRefusal;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireArea(request, "participant-profile", context.clientIp);
  const participantId = idParam(params, "participantId");
  const db = getDb();
  const ctx = await popContext(db, user, participantId);
  if (!ctx || ctx.viewerIs !== "trainer") notFound();
  const formData = await readForm(request);
  const intent = intentOf(formData);
  try {
    if (intent === "comment") {
      const parsed = parseForm(popCommentSchema, formData);
      if (!parsed.ok)
        return data(commentRefusal(formData, parsed.fieldErrors) ?? ({ ok: false, intent, formError: { key: "form.invalid" } } satisfies Result), {
          status: 400,
        });
      await addPopComment(db, user, participantId, parsed.data);
      return { ok: true, intent, message: "pop.comments.sent" } satisfies Result;
    }
    if (intent === "approve" || intent === "return") {
      const parsed = parseForm(popDecisionSchema, formData);
      if (!parsed.ok) {
        // Only the note can be wrong in a form from this page (too long); anything else is not from this page.
        const failure = parsed.fieldErrors.note ? { fieldErrors: { note: parsed.fieldErrors.note } } : { formError: { key: "form.invalid" as const } };
        return data({ ok: false, intent, ...failure } satisfies Result, { status: 400 });
      }
      await decidePop(db, user, participantId, { action: intent, version: parsed.data.version, note: parsed.data.note }, undefined, {
        baseUrl: publicBaseUrl(request),
      });
      return { ok: true, intent, message: intent === "approve" ? "pop.approved" : "pop.returned" } satisfies Result;
    }
    return data({ ok: false, intent, formError: { key: "form.invalid" } } satisfies Result, { status: 400 });
  } catch (error) {
    return data({ ...userErrorToFailure(error), intent } satisfies Result, { status: 400 });
  }
}

const NOTE_ID = "pop-decision-note";

export default function TrainerPop() {
  const { ctx, state } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const { t, tMessage, date } = useT();
  // A note typed before a time-out, for the version it was about.
  const keptDecision = useKeptFor(["approve", "return"]);
  // A refused decision (returned without a note): the message at the note, the answer above the form links to it.
  const decided = result && !result.ok && (result.intent === "approve" || result.intent === "return") ? result : undefined;
  const noteError = tMessage(decided?.fieldErrors?.note);
  const deciding = state.status === "ingediend";
  return (
    <>
      {ctx.cohortId ? (
        <Paragraph>
          <Link to={`/trainer/cohorten/${ctx.cohortId}`} className="utrecht-link">
            {t("pop.backToGroup")}
          </Link>
        </Paragraph>
      ) : null}
      <Heading1>{t("pop.titleOf", { name: ctx.participant.name })}</Heading1>
      <Paragraph>
        <PlanStatusBadge status={state.status} /> {state.version > 0 ? t("pop.version", { number: state.version }) : t("pop.notStarted")}
      </Paragraph>
      <Paragraph>
        <Link to={`/pop/${ctx.participant.id}/versies`} className="utrecht-link">
          {t("pop.versions.link")}
        </Link>
      </Paragraph>
      {result?.ok ? (
        <Answer type="ok">
          <Paragraph>{t(result.message)}</Paragraph>
        </Answer>
      ) : null}
      {result && !result.ok && "formError" in result && result.formError ? (
        <Answer type="error">
          <Paragraph>{t(result.formError.key)}</Paragraph>
        </Answer>
      ) : null}
      {noteError && !deciding ? (
        <Answer type="error">
          <Paragraph>{noteError}</Paragraph>
        </Answer>
      ) : null}
      {state.version === 0 ? (
        <Paragraph>{t("pop.notStartedTrainer")}</Paragraph>
      ) : (
        <PopReadOnly
          content={state.content}
          competencies={ctx.competencies}
          sectionExtra={(section) => <SectionComments section={section} comments={state.comments} commentAs="trainer" />}
        />
      )}
      {deciding ? (
        <section aria-labelledby="decide" className="ll-section">
          <Heading2 id="decide">{t("pop.decide.heading", { number: state.version })}</Heading2>
          <Form method="post" className="ll-form">
            {noteError ? <ErrorSummary links={[{ fieldId: NOTE_ID, text: `${t("pop.decide.note")}: ${noteError}` }]} /> : null}
            <input type="hidden" name="version" value={state.version} />
            <FormFieldTextarea
              inputId={NOTE_ID}
              name="note"
              label={t("pop.decide.note")}
              defaultValue={keptText(keptWhere(keptDecision, { version: String(state.version) }), "note")}
              rows={3}
              maxLength={2000}
              invalid={Boolean(noteError)}
              errorMessage={noteError}
            />
            <div className="ll-button-row">
              <Button type="submit" name="intent" value="approve" appearance="primary-action-button">
                {t("pop.decide.approve")}
              </Button>
              <Button type="submit" name="intent" value="return" appearance="secondary-action-button">
                {t("pop.decide.return")}
              </Button>
            </div>
          </Form>
        </section>
      ) : null}
      {state.events.length > 0 ? (
        <section aria-labelledby="history" className="ll-section">
          <Heading2 id="history">{t("pop.history")}</Heading2>
          <ul>
            {state.events.map((e, i) => (
              <li key={i}>
                {date(e.at)}: {t(`pop.event.${e.action}`, { name: e.actor ?? "", number: e.version_number })}
                {e.note ? ` · ${e.note}` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
