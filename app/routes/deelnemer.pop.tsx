import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { Button, Heading1, Heading2, OrderedList, OrderedListItem, Paragraph } from "@utrecht/component-library-react";
import { useEffect, useRef, useState } from "react";
import { notFound, requireArea } from "../auth.server";
import { RouteErrorBoundary } from "../components/error-page";
import { PlanStatusBadge } from "../components/plan-status";
import { CheckboxField, SelectField, TextareaField, useIsSubmitting, useZodForm, ZodForm } from "../components/form";
import { commentRefusal, PopReturnedNotice, SectionComments, type CommentRefusal } from "../components/pop-view";
import { UnsavedGuard } from "../components/unsaved-guard";
import { getDb } from "../db.server";
import { intentOf, userErrorToFailure, type ActionFailure } from "../forms/action.server";
import { parseForm, readForm } from "../forms/parse.server";
import { LEERDOEL_SLOTS, popCommentSchema, popSchema } from "../forms/pop";
import type { MessageKey } from "../i18n/nl";
import type { Params } from "../i18n/translate";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { LEERDOEL_FIELDS, type SubmitProblem } from "../rules/pop";
import { addPopComment, popContext, popState, savePop, submitPop } from "../services/pop.server";
import { currentTime } from "../clock.server";
import { Answer } from "../components/answer";
import { Explain } from "../components/explain";

export const meta = titleMeta("pop.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "participant-schedule", context.clientIp);
  const ctx = await popContext(getDb(), user, user.id);
  if (!ctx) notFound();
  return { ctx, state: await popState(getDb(), user.id) };
}

type Result =
  | (ActionFailure & { intent: string })
  | { ok: true; intent: string; message: { key: MessageKey; params?: Params }; savedAt?: string }
  | { ok: false; intent: "submit"; problems: SubmitProblem[] }
  | CommentRefusal;

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireArea(request, "participant-schedule", context.clientIp);
  const db = getDb();
  const ctx = await popContext(db, user, user.id);
  if (!ctx) notFound();
  const formData = await readForm(request);
  const intent = intentOf(formData);
  try {
    if (intent === "save" || intent === "autosave" || intent === "submit") {
      const parsed = parseForm(popSchema, formData);
      if (!parsed.ok) return data({ ok: false, intent, fieldErrors: parsed.fieldErrors, values: parsed.values } satisfies Result, { status: 400 });
      const saved = await savePop(db, user, parsed.data);
      if (intent === "submit") {
        const problems = await submitPop(db, user, ctx);
        if (problems.length > 0) return data({ ok: false, intent: "submit", problems } satisfies Result, { status: 400 });
        return { ok: true, intent, message: { key: "pop.submitted" } } satisfies Result;
      }
      const savedAt = currentTime().toISOString();
      return {
        ok: true,
        intent,
        savedAt,
        message: saved.changed ? { key: "pop.saved", params: { version: saved.version } } : { key: "pop.savedNoChange" },
      } satisfies Result;
    }
    if (intent === "comment") {
      const parsed = parseForm(popCommentSchema, formData);
      if (!parsed.ok)
        return data(commentRefusal(formData, parsed.fieldErrors) ?? ({ ok: false, intent, formError: { key: "form.invalid" } } satisfies Result), {
          status: 400,
        });
      await addPopComment(db, user, user.id, parsed.data);
      return { ok: true, intent, message: { key: "pop.comments.sent" } } satisfies Result;
    }
    return data({ ok: false, intent, formError: { key: "form.invalid" } } satisfies Result, { status: 400 });
  } catch (error) {
    return data({ ...userErrorToFailure(error), intent } satisfies Result, { status: 400 });
  }
}

function problemText(t: ReturnType<typeof useT>["t"], p: SubmitProblem): string {
  switch (p.key) {
    case "pop.missing.leerdoelCount":
      return t(p.key, { min: p.min, max: p.max });
    case "pop.missing.leerdoelField":
      return t(p.key, { number: p.leerdoel, field: t(`pop.field.${p.field}`) });
    case "pop.missing.competentie":
      return t(p.key, { number: p.leerdoel });
    default:
      return t(p.key);
  }
}

export default function MyPop() {
  const { ctx, state } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const { t, time } = useT();
  const submitting = useIsSubmitting();
  // The plan's own form; a refused comment is shown at its comment box (pop-view.tsx).
  const failed = result && !result.ok && !("commentBox" in result) && "fieldErrors" in result ? result : undefined;
  const form = useZodForm(popSchema, { serverErrors: failed?.fieldErrors });
  const autosave = useFetcher<Result>();
  const formRef = useRef<HTMLFormElement | null>(null);
  const [dirty, setDirty] = useState(false);
  const [savedAt, setSavedAt] = useState<string | null>(null);

  // Autosave (with JavaScript): eight seconds after the last change.
  useEffect(() => {
    if (!dirty) return;
    const timer = setTimeout(() => {
      if (!formRef.current) return;
      const fd = new FormData(formRef.current);
      fd.set("intent", "autosave");
      autosave.submit(fd, { method: "post" });
    }, 8_000);
    return () => clearTimeout(timer);
  }, [dirty, autosave]);
  useEffect(() => {
    if (autosave.state === "idle" && autosave.data?.ok && autosave.data.savedAt) {
      setSavedAt(autosave.data.savedAt);
      setDirty(false);
    }
  }, [autosave.state, autosave.data]);
  useEffect(() => {
    if (result?.ok) setDirty(false);
    if (result?.ok && result.savedAt) setSavedAt(result.savedAt);
  }, [result]);
  const c = state.content;
  const slot = (i: number) => c.leerdoelen[i];
  const v = (name: string, fallback: string) => (failed?.values && typeof failed.values[name] === "string" ? (failed.values[name] as string) : fallback);
  const problems = result && !result.ok && "problems" in result ? result.problems : [];
  return (
    <>
      <Heading1>{t("pop.title")}</Heading1>
      <Explain term="pop" />
      <Paragraph>
        <PlanStatusBadge status={state.status} /> {state.version > 0 ? t("pop.version", { number: state.version }) : t("pop.notStarted")}
        {state.approvedVersion ? ` · ${t("pop.approvedVersion", { number: state.approvedVersion })}` : ""}
      </Paragraph>
      {state.returned ? <PopReturnedNotice returned={state.returned} /> : null}
      <Paragraph>
        <Link to="/deelnemer/privacy" className="utrecht-link">
          {t("privacy.mine.link")}
        </Link>
      </Paragraph>
      <Paragraph>{t("pop.intro")}</Paragraph>
      <Paragraph>
        <Link to={`/pop/${ctx.participant.id}/versies`} className="utrecht-link">
          {t("pop.versions.link")}
        </Link>
        {" · "}
        <a href="/deelnemer/pop.pdf" className="utrecht-link" download>
          {t("pop.pdf")}
        </a>
      </Paragraph>
      {result?.ok ? (
        <Answer type="ok">
          <Paragraph>{t(result.message.key, result.message.params)}</Paragraph>
        </Answer>
      ) : null}
      {result && !result.ok && "formError" in result && result.formError ? (
        <Answer type="error">
          <Paragraph>{t(result.formError.key)}</Paragraph>
        </Answer>
      ) : null}
      {problems.length > 0 ? (
        <Answer type="error">
          <Paragraph>{t("pop.notReady")}</Paragraph>
          <OrderedList>
            {problems.map((p, i) => (
              <OrderedListItem key={i}>{problemText(t, p)}</OrderedListItem>
            ))}
          </OrderedList>
        </Answer>
      ) : null}
      {/* Leaving with unsaved changes asks first (closing the tab, or a link inside the app). */}
      <UnsavedGuard dirty={dirty} />
      <p className="ll-autosave" role="status" aria-live="polite">
        {autosave.state !== "idle" ? t("form.saving") : savedAt ? t("pop.savedAt", { time: time(savedAt) }) : ""}
      </p>

      <ZodForm ctx={form} aria-labelledby="pop-form" className="ll-form ll-form--wide">
        <div
          ref={(el) => {
            formRef.current = el?.closest("form") ?? null;
          }}
          onInput={() => setDirty(true)}
          onChange={() => setDirty(true)}
          className="ll-pop-form"
        >
          <Heading2 id="pop-form" className="ll-visually-hidden">
            {t("pop.title")}
          </Heading2>
          <section className="ll-pop-section">
            <div>
              <TextareaField
                ctx={form}
                name="wieBenIk"
                label={t("pop.wieBenIk")}
                description={t("pop.wieBenIk.hint")}
                defaultValue={v("wieBenIk", c.wieBenIk)}
                rows={5}
              />
              <CheckboxField ctx={form} name="storyConsent" label={t("pop.consent")} defaultChecked={state.storyConsent} />
            </div>
            <SectionComments section="wie-ben-ik" comments={state.comments} />
          </section>
          <section className="ll-pop-section">
            <TextareaField ctx={form} name="sterkeKanten" label={t("pop.sterkeKanten")} defaultValue={v("sterkeKanten", c.sterkeKanten)} rows={4} />
            <SectionComments section="sterke-kanten" comments={state.comments} />
          </section>
          <section className="ll-pop-section">
            <TextareaField
              ctx={form}
              name="ontwikkelpunten"
              label={t("pop.ontwikkelpunten")}
              description={t("pop.ontwikkelpunten.hint")}
              defaultValue={v("ontwikkelpunten", c.ontwikkelpunten)}
              rows={4}
            />
            <SectionComments section="ontwikkelpunten" comments={state.comments} />
          </section>
          <Paragraph>{t("pop.leerdoelen.intro", { min: ctx.rules.popLeerdoelenMin, max: ctx.rules.popLeerdoelenMax })}</Paragraph>
          <Explain term="competentie" />
          {Array.from({ length: LEERDOEL_SLOTS }, (_, i) => (
            <section key={i} className="ll-pop-section" aria-labelledby={`ld-${i + 1}`}>
              <fieldset className="ll-fieldset">
                <legend id={`ld-${i + 1}`} className="ll-legend">
                  {t("pop.leerdoel", { number: i + 1 })}
                </legend>
                {LEERDOEL_FIELDS.map((f) =>
                  f === "competentie" ? (
                    <SelectField
                      key={f}
                      ctx={form}
                      name={`ld${i + 1}_${f}`}
                      label={`${t(`pop.field.${f}`)} (${t("pop.leerdoel", { number: i + 1 })})`}
                      placeholder={t("session.none")}
                      defaultValue={v(`ld${i + 1}_${f}`, slot(i)?.[f] ?? "")}
                      options={ctx.competencies.map((x) => ({ value: x.code, label: x.title }))}
                    />
                  ) : (
                    <TextareaField
                      key={f}
                      ctx={form}
                      name={`ld${i + 1}_${f}`}
                      label={`${t(`pop.field.${f}`)} (${t("pop.leerdoel", { number: i + 1 })})`}
                      description={t(`pop.field.${f}.hint`)}
                      defaultValue={v(`ld${i + 1}_${f}`, slot(i)?.[f] ?? "")}
                      rows={2}
                    />
                  ),
                )}
              </fieldset>
              <SectionComments section={`leerdoel-${i + 1}`} comments={state.comments} />
            </section>
          ))}
        </div>
        <div className="ll-button-row">
          <Button type="submit" name="intent" value="save" appearance="primary-action-button" busy={submitting}>
            {t("pop.save")}
          </Button>
          {state.status === "concept" || state.status === "terug" ? (
            <Button type="submit" name="intent" value="submit" appearance="secondary-action-button" busy={submitting}>
              {t("pop.submit")}
            </Button>
          ) : null}
        </div>
      </ZodForm>

      {state.comments.some((x) => x.reply_to === null) ? (
        <section aria-labelledby="answers" className="ll-section">
          <Heading2 id="answers">{t("pop.comments.answerHeading")}</Heading2>
          {(["wie-ben-ik", "sterke-kanten", "ontwikkelpunten", ...Array.from({ length: LEERDOEL_SLOTS }, (_, i) => `leerdoel-${i + 1}`)] as string[]).map(
            (s) => (
              <SectionComments key={s} section={s} comments={state.comments} replyAs="owner" />
            ),
          )}
        </section>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
