import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import {
  Button,
  FormFieldTextarea,
  Heading1,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from "@utrecht/component-library-react";
import { notFound, requireArea } from "../auth.server";
import { RouteErrorBoundary } from "../components/error-page";
import { PlanStatusBadge } from "../components/plan-status";
import { ErrorSummary, TextareaField, TextField, useIsSubmitting, useZodForm, ZodForm } from "../components/form";
import { keptText, keptWhere, useKeptFor } from "../components/kept-form";
import { publicBaseUrl } from "../config.server";
import { getDb } from "../db.server";
import { intentOf, userErrorToFailure, type ActionFailure } from "../forms/action.server";
import { GOP_GOAL_SLOTS, gopSchema, gopStepSchema } from "../forms/gop";
import { parseForm, readForm } from "../forms/parse.server";
import { idParam } from "../guards.server";
import type { MessageKey } from "../i18n/nl";
import type { Params } from "../i18n/translate";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import type { GopContent, GopSection } from "../rules/gop";
import { gopContext, gopState, gopStep, restoreGopVersion, saveGop, type GopState } from "../services/gop.server";
import { Answer } from "../components/answer";
import { Explain } from "../components/explain";

export const meta = titleMeta<typeof loader>("gop.title", ({ ctx }, { t }) => t("gop.heading", { name: ctx.cohortName }));

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "participant-profile", context.clientIp);
  const ctx = await gopContext(getDb(), user, idParam(params, "cohortId"));
  if (!ctx) notFound();
  return { ctx, state: await gopState(getDb(), ctx.cohortId) };
}

type Conflict = { section: GopSection; mine: string; theirs: string };
type Result =
  | (ActionFailure & { intent: string })
  | { ok: true; intent: string; message: { key: MessageKey; params?: Params } }
  | { ok: false; intent: "save"; conflicts: Conflict[]; lastAuthor: string | null; submitted: Record<string, string>; version: number; state: GopState };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireArea(request, "participant-profile", context.clientIp);
  const db = getDb();
  const ctx = await gopContext(db, user, idParam(params, "cohortId"));
  if (!ctx) notFound();
  const formData = await readForm(request);
  const intent = intentOf(formData);
  try {
    if (intent === "save") {
      const parsed = parseForm(gopSchema, formData);
      if (!parsed.ok) return data({ ok: false, intent, fieldErrors: parsed.fieldErrors, values: parsed.values } satisfies Result, { status: 400 });
      const result = await saveGop(db, user, ctx.cohortId, parsed.data);
      if (result.status === "conflict") {
        const submitted = Object.fromEntries([...formData.entries()].filter((e): e is [string, string] => typeof e[1] === "string"));
        // After a 409 the page data is not reloaded: the newest version travels with the answer,
        // with everything the page shows of it (status, version, who wrote along, versions).
        const state = await gopState(db, ctx.cohortId);
        return data(
          { ok: false, intent: "save", conflicts: result.conflicts, lastAuthor: result.lastAuthor, submitted, version: result.version, state } satisfies Result,
          { status: 409 },
        );
      }
      return {
        ok: true,
        intent,
        message: result.status === "saved" ? { key: "pop.saved", params: { version: result.version } } : { key: "pop.savedNoChange" },
      } satisfies Result;
    }
    if (intent === "restore") {
      const parsed = parseForm(gopStepSchema, formData);
      if (!parsed.ok) return data({ ok: false, intent, formError: { key: "form.invalid" } } satisfies Result, { status: 400 });
      const restored = await restoreGopVersion(db, user, ctx.cohortId, parsed.data.version);
      return {
        ok: true,
        intent,
        message: restored.status === "saved" ? { key: "pop.saved", params: { version: restored.version } } : { key: "pop.savedNoChange" },
      } satisfies Result;
    }
    if (intent === "submit" || intent === "approve" || intent === "return") {
      const parsed = parseForm(gopStepSchema, formData);
      if (!parsed.ok) {
        // Only the note can be wrong in a form from this page (too long): shown at the note.
        const failure = parsed.fieldErrors.note ? { fieldErrors: { note: parsed.fieldErrors.note } } : { formError: { key: "form.invalid" as const } };
        return data({ ok: false, intent, ...failure } satisfies Result, { status: 400 });
      }
      await gopStep(db, user, ctx.cohortId, { action: intent, version: parsed.data.version, note: parsed.data.note }, undefined, {
        baseUrl: publicBaseUrl(request),
      });
      return {
        ok: true,
        intent,
        message: { key: intent === "submit" ? "gop.submitted" : intent === "approve" ? "gop.approved" : "gop.returned" },
      } satisfies Result;
    }
    return data({ ok: false, intent, formError: { key: "form.invalid" } } satisfies Result, { status: 400 });
  } catch (error) {
    return data({ ...userErrorToFailure(error), intent } satisfies Result, { status: 400 });
  }
}

/** Its own component, keyed by version: a new form (and form state) for every version it edits. */
function GopForm({
  content: c,
  baseVersion,
  submitted: mine,
  serverErrors,
}: {
  content: GopContent;
  baseVersion: number;
  submitted?: Record<string, string>;
  serverErrors?: Record<string, string>;
}) {
  const { t } = useT();
  const submitting = useIsSubmitting();
  const form = useZodForm(gopSchema, { serverErrors });
  const v = (name: string, fallback: string) => (mine && typeof mine[name] === "string" ? mine[name] : fallback);
  return (
    <ZodForm ctx={form} aria-labelledby="gop-goals" className="ll-form ll-form--wide">
      {/* Text kept after a time-out goes with the version it was typed on: a change by someone else since then shows as a conflict. */}
      <input type="hidden" {...form.field("baseVersion")} defaultValue={keptText(form.kept, "baseVersion") ?? baseVersion} />
      <Heading2 id="gop-goals">{t("gop.section.goals")}</Heading2>
      <div className="ll-table-scroll" role="region" aria-labelledby="gop-goals" tabIndex={0}>
        {/* One card per goal on a small screen (.ll-stack in app.css), each field full width with its own label. */}
        <Table className="ll-stack" role="table">
          <TableHeader role="rowgroup">
            <TableRow role="row">
              <TableHeaderCell scope="col" role="columnheader">
                #
              </TableHeaderCell>
              <TableHeaderCell scope="col" role="columnheader">
                {t("gop.goal.doel")}
              </TableHeaderCell>
              <TableHeaderCell scope="col" role="columnheader">
                {t("gop.goal.actie")}
              </TableHeaderCell>
              <TableHeaderCell scope="col" role="columnheader">
                {t("gop.goal.wie")}
              </TableHeaderCell>
              <TableHeaderCell scope="col" role="columnheader">
                {t("gop.goal.wanneer")}
              </TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody role="rowgroup">
            {Array.from({ length: GOP_GOAL_SLOTS }, (_, i) => (
              <TableRow key={i} role="row">
                <TableHeaderCell scope="row" role="rowheader">
                  {i + 1}
                </TableHeaderCell>
                {(["doel", "actie", "wie", "wanneer"] as const).map((f) => (
                  <TableCell key={f} role="cell">
                    <TextField
                      ctx={form}
                      name={`g${i + 1}_${f}`}
                      label={`${t(`gop.goal.${f}`)} ${i + 1}`}
                      defaultValue={v(`g${i + 1}_${f}`, c.goals[i]?.[f] ?? "")}
                    />
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <TextareaField
        ctx={form}
        name="agreements"
        label={t("gop.section.agreements")}
        description={t("gop.agreements.hint")}
        defaultValue={v("agreements", c.agreements)}
        rows={6}
      />
      <TextareaField
        ctx={form}
        name="evaluation"
        label={t("gop.section.evaluation")}
        description={t("gop.evaluation.hint")}
        defaultValue={v("evaluation", c.evaluation)}
        rows={4}
      />
      <Button type="submit" name="intent" value="save" appearance="primary-action-button" busy={submitting}>
        {t("gop.save")}
      </Button>
    </ZodForm>
  );
}

const STEP_INTENTS = ["submit", "approve", "return"];
const NOTE_ID = "gop-step-note";

export default function Gop() {
  const { ctx, state: loaded } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const { t, tMessage, date } = useT();
  const conflict = result && !result.ok && "conflicts" in result ? result : undefined;
  // After a conflict the loader data is the one from before: the answer carries the current version's.
  const state = conflict ? conflict.state : loaded;
  // The plan's form answers "save"; a refused step (approve, return) answers at the steps' form.
  const failed = result && !result.ok && result.intent === "save" && "fieldErrors" in result ? result : undefined;
  const step = result && !result.ok && STEP_INTENTS.includes(result.intent) && "fieldErrors" in result ? result : undefined;
  const c = state.content;
  const mine = conflict?.submitted;
  const sectionName = (s: GopSection) => t(`gop.section.${s}`);
  const keptStep = useKeptFor(["approve", "return"]);
  const noteError = tMessage(step?.fieldErrors?.note);
  const noteShown = state.version > 0 && ctx.viewerIs === "trainer" && state.status === "ingediend";
  return (
    <>
      <Heading1>{t("gop.heading", { name: ctx.cohortName })}</Heading1>
      <Paragraph>
        <PlanStatusBadge status={state.status} /> {state.version > 0 ? t("pop.version", { number: state.version }) : t("pop.notStarted")}
      </Paragraph>
      <Paragraph>{t("gop.intro")}</Paragraph>
      <UnorderedList>
        <UnorderedListItem>{t("gop.intro.goals")}</UnorderedListItem>
        <UnorderedListItem>{t("gop.intro.agreements")}</UnorderedListItem>
        <UnorderedListItem>{t("gop.intro.evaluation")}</UnorderedListItem>
      </UnorderedList>
      <Paragraph>{t("gop.intro.who")}</Paragraph>
      {ctx.viewerIs === "member" ? <Explain term="gop" /> : null}
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
      {noteError && !noteShown ? (
        <Answer type="error">
          <Paragraph>{noteError}</Paragraph>
        </Answer>
      ) : null}
      {conflict ? (
        <Answer type="warning">
          <Paragraph>{t("gop.conflict", { name: conflict.lastAuthor ?? "" })}</Paragraph>
          {conflict.conflicts.map((x) => (
            <div key={x.section} className="ll-conflict">
              <Heading2 className="ll-card__title">{sectionName(x.section)}</Heading2>
              <Paragraph>
                <strong>{t("gop.conflict.theirs", { name: conflict.lastAuthor ?? "" })}</strong>
              </Paragraph>
              <Paragraph className="ll-prewrap" data-testid={`theirs-${x.section}`}>
                {x.theirs || t("pop.empty")}
              </Paragraph>
              <Paragraph>
                <strong>{t("gop.conflict.mine")}</strong>
              </Paragraph>
              <Paragraph className="ll-prewrap">{x.mine || t("pop.empty")}</Paragraph>
            </div>
          ))}
          <Paragraph>{t("gop.conflict.choose")}</Paragraph>
        </Answer>
      ) : null}

      <GopForm
        key={`${state.version}-${conflict ? `c${conflict.version}` : ""}`}
        content={c}
        baseVersion={conflict ? conflict.version : state.version}
        submitted={mine}
        serverErrors={failed?.fieldErrors}
      />

      {state.version > 0 ? (
        <section aria-labelledby="gop-steps" className="ll-section">
          <Heading2 id="gop-steps">{t("gop.steps")}</Heading2>
          <Form method="post" className="ll-form">
            {noteError && noteShown ? <ErrorSummary links={[{ fieldId: NOTE_ID, text: `${t("pop.decide.note")}: ${noteError}` }]} /> : null}
            <input type="hidden" name="version" value={state.version} />
            {ctx.viewerIs === "member" && (state.status === "concept" || state.status === "terug") ? (
              <Button type="submit" name="intent" value="submit" appearance="secondary-action-button">
                {t("gop.submit")}
              </Button>
            ) : null}
            {ctx.viewerIs === "trainer" && state.status === "ingediend" ? (
              <>
                <FormFieldTextarea
                  inputId={NOTE_ID}
                  name="note"
                  label={t("pop.decide.note")}
                  defaultValue={keptText(keptWhere(keptStep, { version: String(state.version) }), "note")}
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
              </>
            ) : null}
          </Form>
          <Heading2>{t("gop.contributions")}</Heading2>
          <UnorderedList>
            {state.contributions.map((x) => (
              <UnorderedListItem key={x.name}>
                {t("gop.contribution", { name: x.name, count: x.versions, sections: x.sections.map(sectionName).join(", ") })}
              </UnorderedListItem>
            ))}
          </UnorderedList>
          <Heading2 id="gop-versions">{t("gop.versions.title")}</Heading2>
          <div className="ll-table-scroll" role="region" aria-labelledby="gop-versions" tabIndex={0}>
            <Table className="ll-stack" role="table">
              <TableHeader role="rowgroup">
                <TableRow role="row">
                  <TableHeaderCell scope="col" role="columnheader">
                    {t("pop.versions.number")}
                  </TableHeaderCell>
                  <TableHeaderCell scope="col" role="columnheader">
                    {t("pop.versions.when")}
                  </TableHeaderCell>
                  <TableHeaderCell scope="col" role="columnheader">
                    {t("gop.versions.by")}
                  </TableHeaderCell>
                  <TableHeaderCell scope="col" role="columnheader">
                    {t("gop.versions.changed")}
                  </TableHeaderCell>
                  <TableHeaderCell scope="col" role="columnheader">
                    {t("people.table.actions")}
                  </TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody role="rowgroup">
                {state.versions.map((x) => (
                  <TableRow role="row" key={x.number}>
                    <TableHeaderCell scope="row" role="rowheader" data-label={t("pop.versions.number")}>
                      {x.number}
                    </TableHeaderCell>
                    <TableCell role="cell" data-label={t("pop.versions.when")}>
                      {date(x.created_at)}
                    </TableCell>
                    <TableCell role="cell" data-label={t("gop.versions.by")}>
                      {x.author ?? ""}
                    </TableCell>
                    <TableCell role="cell" data-label={t("gop.versions.changed")}>
                      {x.changed.map(sectionName).join(", ")}
                    </TableCell>
                    <TableCell role="cell" data-label={t("people.table.actions")}>
                      {x.number !== state.version ? (
                        <Form method="post">
                          <input type="hidden" name="version" value={x.number} />
                          <Button
                            type="submit"
                            name="intent"
                            value="restore"
                            appearance="subtle-button"
                            aria-label={t("pop.versions.restoreLabel", { number: x.number })}
                          >
                            {t("pop.versions.restore")}
                          </Button>
                        </Form>
                      ) : null}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
          <Paragraph>
            <a href={`/groepen/${ctx.cohortId}/gop.pdf`} className="utrecht-link" download>
              {t("gop.pdf")}
            </a>
          </Paragraph>
          {state.events.length > 0 ? (
            <>
              <Heading2>{t("pop.history")}</Heading2>
              <UnorderedList>
                {state.events.map((e, i) => (
                  <UnorderedListItem key={i}>
                    {date(e.at)}: {t(`pop.event.${e.action}`, { name: e.actor ?? "", number: e.version_number })}
                    {e.note ? ` · ${e.note}` : ""}
                  </UnorderedListItem>
                ))}
              </UnorderedList>
            </>
          ) : null}
        </section>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
