import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import {
  Alert,
  Button,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldTextarea,
  FormLabel,
  Heading1,
  Heading2,
  Heading3,
  Paragraph,
  RadioButton,
  Select,
  SelectOption,
  UnorderedList,
  UnorderedListItem,
} from "@utrecht/component-library-react";
import { notFound, requireArea } from "../auth.server";
import { RouteErrorBoundary } from "../components/error-page";
import { ProgressList } from "../components/progress";
import { publicBaseUrl } from "../config.server";
import { getDb } from "../db.server";
import { intentOf, userErrorToFailure } from "../forms/action.server";
import {
  cancelInterviewSchema,
  changeAssessorsSchema,
  judgementSchema,
  reasonSchema,
  rescheduleInterviewSchema,
  resolveObjectionSchema,
} from "../forms/interview";
import { formDataToObject, parseForm, readForm } from "../forms/parse.server";
import { idParam, todayInAmsterdam } from "../guards.server";
import { describeMissing, forStaff } from "../i18n/eligibility";
import type { MessageKey } from "../i18n/nl";
import { FailureAlert } from "../components/failure-alert";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { COMPETENCY_JUDGEMENTS, OUTCOMES, type FinaliseProblem } from "../rules/interview";
import type { IssueRefusal } from "../rules/certificate";
import { withIp } from "../services/audit.server";
import { IssueRefusedError, issueCertificate } from "../services/certificates.server";
import {
  FinaliseRefusedError,
  PlanRefusedError,
  cancelInterview,
  changeAssessors,
  correctInterview,
  interviewFile,
  interviewForViewer,
  rescheduleInterview,
  resolveObjection,
  saveJudgement,
  signJudgement,
} from "../services/interviews.server";
import { Answer, Notice } from "../components/answer";
import {
  CheckboxGroup,
  ErrorSummary,
  errorIdFor,
  FieldErrorMessage,
  invalidFieldProps,
  TextareaField,
  TextField,
  useZodForm,
  ZodForm,
  type ErrorLink,
} from "../components/form";
import { keptChoice, keptText, keptWhere, useKeptFor, type KeptFields } from "../components/kept-form";

export const meta = titleMeta<typeof loader>("interview.title", ({ interview }, { t }) => t("interview.heading", { name: interview.participant.name }));

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "interviews", context.clientIp);
  const id = idParam(params, "id");
  const planned = new URL(request.url).searchParams.get("gepland") === "1";
  const file = await interviewFile(getDb(), user, id, { today: todayInAmsterdam(), ip: context.clientIp ?? null });
  if (!file) notFound();
  return { ...file, planned };
}

/** `intent` says which form was used: its answer is shown at that form (`AnswerAt`). */
type Result =
  | {
      ok: true;
      intent: string;
      message:
        | "interview.saved"
        | "interview.signed"
        | "interview.finalised"
        | "interview.rescheduled"
        | "interview.assessorsChanged"
        | "interview.unchanged"
        | "objection.resolved";
    }
  | {
      ok: false;
      intent: string;
      problems?: FinaliseProblem[];
      refusals?: IssueRefusal[];
      formError?: { key: MessageKey };
      fieldErrors?: Record<string, string>;
      /** the participant's own trainer or werkbegeleider among the chosen assessors */
      conflicts?: { assessorId: number; name: string; reason: "trainer" | "werkbegeleider" }[];
      /** what was sent, so a refused form without JavaScript comes back as it was filled in */
      values?: Record<string, string | string[]>;
      /** the objection a refused resolution was about (only to show the message at its form) */
      objectionId?: string;
    };

/** The forms that change the plan (coordinator only): their answers are shown at them. */
const PLANNING_INTENTS = ["reschedule", "assessors", "cancel"];

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireArea(request, "interviews", context.clientIp);
  // What the services audit (signing, cleared signatures, corrections, objections) records the request's IP address.
  const actor = withIp({ id: user.id, role: user.role }, context.clientIp);
  const id = idParam(params, "id");
  const db = getDb();
  if (!(await interviewForViewer(db, user, id))) notFound();
  const formData = await readForm(request);
  const intent = intentOf(formData);
  try {
    if (intent === "save" || intent === "sign") {
      const parsed = parseForm(judgementSchema, formData);
      if (!parsed.ok) return data({ ok: false, intent, fieldErrors: parsed.fieldErrors, values: parsed.values } satisfies Result, { status: 400 });
      await saveJudgement(db, actor, id, parsed.data);
      if (intent === "save") return { ok: true as const, intent, message: "interview.saved" as const };
      const { finalised } = await signJudgement(db, actor, id);
      return { ok: true as const, intent, message: finalised ? ("interview.finalised" as const) : ("interview.signed" as const) };
    }
    if (intent === "issue") {
      await issueCertificate(db, actor, (await interviewForViewer(db, user, id))!.participant.id, {
        verifyBase: publicBaseUrl(request),
        today: todayInAmsterdam(),
        baseUrl: publicBaseUrl(request),
      });
      return redirect(`/eindgesprekken/${id}?uitgegeven=1`);
    }
    if (intent === "correct") {
      const parsed = parseForm(reasonSchema, formData);
      if (!parsed.ok) return data({ ok: false, intent, fieldErrors: parsed.fieldErrors, values: parsed.values } satisfies Result, { status: 400 });
      const correctionId = await correctInterview(db, actor, id, parsed.data.reason);
      return redirect(`/eindgesprekken/${correctionId}`);
    }
    if (intent === "reschedule" && user.role === "coordinator") {
      const parsed = parseForm(rescheduleInterviewSchema, formData);
      if (!parsed.ok) return data({ ok: false, intent, fieldErrors: parsed.fieldErrors, values: parsed.values } satisfies Result, { status: 400 });
      const { changed } = await rescheduleInterview(db, actor, id, parsed.data, undefined, { baseUrl: publicBaseUrl(request) });
      return { ok: true as const, intent, message: changed ? ("interview.rescheduled" as const) : ("interview.unchanged" as const) };
    }
    if (intent === "assessors" && user.role === "coordinator") {
      const parsed = parseForm(changeAssessorsSchema, formData);
      if (!parsed.ok) return data({ ok: false, intent, fieldErrors: parsed.fieldErrors, values: parsed.values } satisfies Result, { status: 400 });
      const { changed } = await changeAssessors(db, actor, id, parsed.data, undefined, { baseUrl: publicBaseUrl(request) });
      return { ok: true as const, intent, message: changed ? ("interview.assessorsChanged" as const) : ("interview.unchanged" as const) };
    }
    if (intent === "cancel" && user.role === "coordinator") {
      const parsed = parseForm(cancelInterviewSchema, formData);
      if (!parsed.ok) return data({ ok: false, intent, fieldErrors: parsed.fieldErrors, values: parsed.values } satisfies Result, { status: 400 });
      await cancelInterview(db, actor, id, parsed.data.reason, undefined, { baseUrl: publicBaseUrl(request) });
      return redirect("/coordinator/eindgesprekken?afgezegd=1");
    }
    if (intent === "resolve" && user.role === "coordinator") {
      const parsed = parseForm(resolveObjectionSchema, formData);
      if (!parsed.ok) {
        const objectionId = typeof parsed.values.objectionId === "string" ? parsed.values.objectionId : undefined;
        return data({ ok: false, intent, fieldErrors: parsed.fieldErrors, values: parsed.values, objectionId } satisfies Result, { status: 400 });
      }
      await resolveObjection(db, actor, parsed.data.objectionId, parsed.data.resolution);
      return { ok: true as const, intent, message: "objection.resolved" as const };
    }
    return data({ ok: false, intent, formError: { key: "form.invalid" } } satisfies Result, { status: 400 });
  } catch (error) {
    if (error instanceof FinaliseRefusedError) return data({ ok: false, intent, problems: error.problems } satisfies Result, { status: 400 });
    if (error instanceof IssueRefusedError) return data({ ok: false, intent, refusals: error.refusals } satisfies Result, { status: 400 });
    const failure = userErrorToFailure(error, PLANNING_INTENTS.includes(intent) ? formDataToObject(formData) : undefined);
    const conflicts = error instanceof PlanRefusedError && error.conflicts.length > 0 ? error.conflicts : undefined;
    return data(
      {
        ok: false,
        intent,
        formError: failure.formError as { key: MessageKey } | undefined,
        fieldErrors: failure.fieldErrors,
        conflicts,
        values: failure.values,
      } satisfies Result,
      { status: 400 },
    );
  }
}

const STARR = ["interview.starr.s", "interview.starr.t", "interview.starr.a", "interview.starr.r", "interview.starr.r2"] as const;

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type Interview = LoaderData["interview"];
type Viewer = LoaderData["viewer"];
/** Where the answer to the last form is shown: at that form, or at the top when the form is gone. */
type AnswerPlace = "judgement" | "after" | "objections" | "planning" | "top" | null;

export default function InterviewPage() {
  const { viewer, interview: iv, dossier, warnings, activities, planned, signable, assessorChoices, clearedSignature } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const isAssessor = iv.assessors.some((a) => a.id === viewer.id);
  const editable = iv.status === "gepland" && isAssessor;
  const afterShown = iv.status === "afgerond" && !iv.superseded_at;
  const answerAt = answerPlace(result, iv, viewer, editable, afterShown);
  const refused = useRefusedFields(result, iv, answerAt);
  const answer = <ActionAnswer result={result} interview={iv} links={refused?.links} />;
  return (
    <>
      <InterviewHeader viewer={viewer} interview={iv} planned={planned} warnings={warnings} clearedSignature={clearedSignature} />
      {answerAt === "top" ? answer : null}

      <DossierSection interview={iv} dossier={dossier} activities={activities} />

      <JudgementSection
        interview={iv}
        editable={editable}
        signable={signable}
        answer={answerAt === "judgement" ? answer : null}
        refused={answerAt === "judgement" ? refused : undefined}
      />

      {iv.status === "gepland" && viewer.role === "coordinator" ? <PlanningSection interview={iv} assessorChoices={assessorChoices} result={result} /> : null}

      {afterShown ? (
        <AfterSection interview={iv} dossier={dossier} answer={answerAt === "after" ? answer : null} refused={answerAt === "after" ? refused : undefined} />
      ) : null}

      {iv.objections.length > 0 ? (
        <ObjectionsSection
          interview={iv}
          viewer={viewer}
          answer={answerAt === "objections" ? answer : null}
          refused={answerAt === "objections" ? refused : undefined}
        />
      ) : null}
    </>
  );
}

/**
 * The answer to a form is shown at that form, next to its buttons (a long page: the judgement
 * form alone is thousands of pixels); at the top only when that form is no longer on the page.
 */
function answerPlace(result: Result | undefined, iv: Interview, viewer: Viewer, editable: boolean, afterShown: boolean): AnswerPlace {
  return !result
    ? null
    : (result.intent === "save" || result.intent === "sign") && editable
      ? "judgement"
      : (result.intent === "issue" || result.intent === "correct") && afterShown
        ? "after"
        : result.intent === "resolve" && iv.objections.length > 0
          ? "objections"
          : PLANNING_INTENTS.includes(result.intent) && iv.status === "gepland" && viewer.role === "coordinator"
            ? "planning"
            : "top";
}

/**
 * A form refused for its fields, shown at that form: each field's message (translated), what was
 * sent (so the form comes back as it was filled in, also without JavaScript), and a link from the
 * answer to each wrong field, which names it.
 */
interface RefusedFields {
  errorOf: (name: string) => string | undefined;
  values: KeptFields | null;
  objectionId: string | undefined;
  links: ErrorLink[];
}

/** The id of the field that shows the judgement form's field `name` (the first radio button of a criterion). */
const judgementFieldId = (name: string) =>
  name.startsWith("criterion-") ? `${name}-1` : name.startsWith("justification-") || name.startsWith("competency-") ? name : `judgement-${name}`;

function useRefusedFields(result: Result | undefined, iv: Interview, place: AnswerPlace): RefusedFields | undefined {
  const { t, tMessage } = useT();
  const failed = result && !result.ok && result.fieldErrors ? result : undefined;
  if (!failed?.fieldErrors || (place !== "judgement" && place !== "after" && place !== "objections")) return undefined;
  const fieldErrors = failed.fieldErrors;
  const errorOf = (name: string) => tMessage(fieldErrors[name]);
  const criterion = (code: string) => iv.competencies.flatMap((c) => c.criteria).find((c) => c.code === code)?.text ?? code;
  const labelOf = (name: string): string | null => {
    if (place === "after") return name === "reason" ? t("interview.correct.reason") : null;
    if (place === "objections") return name === "resolution" && openObjection ? t("objection.resolution") : null;
    if (name.startsWith("criterion-")) return criterion(name.slice("criterion-".length));
    if (name.startsWith("justification-")) return `${criterion(name.slice("justification-".length))}, ${t("interview.justification")}`;
    if (name.startsWith("competency-")) return t("interview.competencyJudgement", { title: competencyTitleOf(iv, name.slice("competency-".length)) });
    return name === "outcome" ? t("interview.outcome") : name === "motivation" ? t("interview.motivation") : name === "advice" ? t("interview.advice") : null;
  };
  // A resolution is linked only while that objection's form is on the page.
  const openObjection = iv.objections.some((o) => String(o.id) === failed.objectionId && !o.resolved_at);
  const idOf = (name: string) =>
    place === "after" ? "correction-reason" : place === "objections" ? `resolution-${failed.objectionId ?? ""}` : judgementFieldId(name);
  const links = Object.keys(fieldErrors).flatMap((name) => {
    const label = labelOf(name);
    const error = errorOf(name);
    return label && error ? [{ fieldId: idOf(name), text: `${label}: ${error}` }] : [];
  });
  return { errorOf, values: failed.values ?? null, objectionId: failed.objectionId, links };
}

const competencyTitleOf = (iv: Interview, code: string) => iv.competencies.find((c) => c.code === code)?.title ?? code;

/** The action's answer: done, the engine's problems, the refusals to issue, or what was wrong with the form. */
function ActionAnswer({ result, interview: iv, links }: { result: Result | undefined; interview: Interview; links?: ErrorLink[] }) {
  const { t, lang } = useT();
  const failed = result && !result.ok ? result : undefined;
  const criterionTitle = (code: string) => iv.competencies.flatMap((c) => c.criteria).find((c) => c.code === code)?.text ?? code;
  const problemText = (p: FinaliseProblem) =>
    "criterion" in p
      ? t(p.key, { criterion: criterionTitle(p.criterion) })
      : "competency" in p
        ? t(p.key, { competency: competencyTitleOf(iv, p.competency) })
        : t(p.key);
  return (
    <>
      {result?.ok ? (
        <Answer type="ok">
          <Paragraph>{t(result.message)}</Paragraph>
        </Answer>
      ) : null}
      {failed?.problems ? (
        <Answer type="error">
          <Paragraph>{t("interview.problems")}</Paragraph>
          <UnorderedList>
            {failed.problems.map((p, i) => (
              <UnorderedListItem key={i}>{problemText(p)}</UnorderedListItem>
            ))}
          </UnorderedList>
        </Answer>
      ) : null}
      {failed?.refusals ? (
        <Answer type="error">
          <Paragraph>{t("certificate.refused")}</Paragraph>
          <UnorderedList>
            {failed.refusals.map((r, i) => (
              <UnorderedListItem key={i}>{describeMissing(lang, r, forStaff(iv.participant.name))}</UnorderedListItem>
            ))}
          </UnorderedList>
        </Answer>
      ) : null}
      {failed?.formError ? (
        <Answer type="error">
          <Paragraph>{t(failed.formError.key)}</Paragraph>
        </Answer>
      ) : null}
      {/* At its form each wrong field carries its message and the answer links to it; elsewhere the messages are listed here. */}
      {links && links.length > 0 ? <ErrorSummary links={links} /> : <FailureAlert fieldErrors={failed?.fieldErrors} />}
    </>
  );
}

/** Who, when and where; a correction or superseded note; and the warnings for the assessors. */
function InterviewHeader({
  viewer,
  interview: iv,
  planned,
  warnings,
  clearedSignature,
}: {
  viewer: Viewer;
  interview: Interview;
  planned: boolean;
  warnings: LoaderData["warnings"];
  clearedSignature: LoaderData["clearedSignature"];
}) {
  const { t, date } = useT();
  return (
    <>
      <Paragraph>
        <Link to={viewer.role === "coordinator" ? "/coordinator/eindgesprekken" : "/examinator"} className="utrecht-link">
          {t("interview.back")}
        </Link>
      </Paragraph>
      <Heading1>{t("interview.heading", { name: iv.participant.name })}</Heading1>
      <Paragraph>
        {date(iv.date)}, {iv.start_time}
        {iv.location ? ` · ${iv.location}` : ""} · {iv.cohort.name}
      </Paragraph>
      <Paragraph>
        {t("interview.assessors")}:{" "}
        {iv.assessors.map((a) => `${a.name} (${a.signed_at ? t("interview.signedOn", { date: date(a.signed_at) }) : t("interview.notSigned")})`).join(", ")}
      </Paragraph>
      {iv.corrects_id ? (
        <Notice type="info">
          <Paragraph>{t("interview.correctionOf", { reason: iv.correction_reason ?? "" })}</Paragraph>
        </Notice>
      ) : null}
      {iv.superseded_at ? (
        <Notice type="warning">
          <Paragraph>{t("interview.supersededNote")}</Paragraph>
        </Notice>
      ) : null}
      {planned ? (
        <Answer type="ok">
          <Paragraph>{t("interview.plan.done")}</Paragraph>
        </Answer>
      ) : null}
      {warnings.length > 0 ? (
        <Alert type="warning">
          {warnings.map((w) => (
            <Paragraph key={`${w.assessorId}-${w.reason}`}>{t(`interview.warning.${w.reason}`, { name: w.name })}</Paragraph>
          ))}
        </Alert>
      ) : null}
      {clearedSignature ? (
        <Notice type="warning">
          <Paragraph data-testid="signature-cleared">
            {t(`interview.signatureCleared.${clearedSignature.reason}`, { name: clearedSignature.by, date: date(clearedSignature.at) })}
          </Paragraph>
        </Notice>
      ) : null}
    </>
  );
}

/** What the examiner reads beforehand: the engine's verdict, practice hours per kind of work, the approved POP. */
function DossierSection({
  interview: iv,
  dossier,
  activities,
}: {
  interview: Interview;
  dossier: LoaderData["dossier"];
  activities: LoaderData["activities"];
}) {
  const { t, number, lang } = useT();
  const competencyTitle = (code: string) => competencyTitleOf(iv, code);
  return (
    <section aria-labelledby="dossier-heading" className="ll-section">
      <Heading2 id="dossier-heading">{t("interview.dossier")}</Heading2>
      <Paragraph>{t("interview.dossier.intro")}</Paragraph>
      {dossier.eligibility?.blockers.length ? (
        <Notice type="warning">
          {dossier.eligibility.blockers.map((m) => (
            <Paragraph key={m.key} data-blocker={m.key}>
              <strong>{describeMissing(lang, m, forStaff(iv.participant.name))}</strong>
            </Paragraph>
          ))}
        </Notice>
      ) : null}
      {dossier.eligibility ? <ProgressList eligibility={dossier.eligibility} reader={forStaff(iv.participant.name)} /> : null}
      {dossier.carriedOver.length > 0 ? (
        <>
          <Heading3>{t("interview.dossier.carried")}</Heading3>
          <Paragraph>{t("interview.dossier.carriedIntro", { name: iv.participant.name })}</Paragraph>
          <UnorderedList>
            {dossier.carriedOver.map((c) => (
              <UnorderedListItem key={c.cohortId} data-carried-over="">
                {t("interview.dossier.carriedLine", {
                  cohort: c.cohortName,
                  hours: number(c.learningHours),
                  practice: number(Math.round((c.practiceConfirmedMinutes / 60) * 100) / 100),
                })}
                {c.approvedPop ? ` ${t("interview.dossier.carriedPop")}` : null}
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </>
      ) : null}
      <Heading3>{t("interview.dossier.practice")}</Heading3>
      <UnorderedList>
        {dossier.practiceByActivity.map((p) => (
          <UnorderedListItem key={p.activity}>
            <span lang="nl">{activities.find((a) => a.code === p.activity)?.name ?? p.activity}</span>:{" "}
            {t("practice.hoursValue", { hours: number(p.minutes / 60) })}
          </UnorderedListItem>
        ))}
      </UnorderedList>
      <Heading3>{t("interview.dossier.pop", { version: dossier.pop?.version ?? 0 })}</Heading3>
      {dossier.pop ? (
        <>
          <Paragraph>
            <strong>{t("pop.sterkeKanten")}:</strong> <span lang="nl">{dossier.pop.sterkeKanten}</span>
          </Paragraph>
          <Paragraph>
            <strong>{t("pop.ontwikkelpunten")}:</strong> <span lang="nl">{dossier.pop.ontwikkelpunten}</span>
          </Paragraph>
          <UnorderedList>
            {dossier.pop.leerdoelen.map((l, i) => (
              <UnorderedListItem key={i}>
                <span lang="nl">{l.doel}</span> (<span lang="nl">{competencyTitle(l.competentie)}</span>)
                {l.reflectie ? (
                  <>
                    {" "}
                    · {t("pop.field.reflectie")}: <span lang="nl">{l.reflectie}</span>
                  </>
                ) : null}
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </>
      ) : (
        <Paragraph>{t("interview.dossier.noPop")}</Paragraph>
      )}
    </section>
  );
}

/** The judgement: a form for an assessor while it is planned, otherwise as it was decided. */
function JudgementSection({
  interview: iv,
  editable,
  signable,
  answer,
  refused,
}: {
  interview: Interview;
  editable: boolean;
  signable: boolean;
  answer: ReactNode;
  refused?: RefusedFields;
}) {
  const { t } = useT();
  return (
    <section aria-labelledby="judgement-heading" className="ll-section">
      <Heading2 id="judgement-heading">{t("interview.judgement")}</Heading2>
      {editable ? <JudgementForm interview={iv} signable={signable} answer={answer} refused={refused} /> : <JudgementView interview={iv} />}
    </section>
  );
}

/** The assessor's form: per criterion shown or not with a justification, per competency a judgement, the outcome; save or sign. */
function JudgementForm({ interview: iv, signable, answer, refused }: { interview: Interview; signable: boolean; answer: ReactNode; refused?: RefusedFields }) {
  const { t, date } = useT();
  // What the assessor typed before a time-out, offered once after signing in again; after a refusal, what was sent.
  const kept = useKeptFor(["save", "sign"]) ?? refused?.values ?? null;
  const errorOf = (name: string) => refused?.errorOf(name);
  return (
    <Form method="post" className="ll-form ll-form--wide" aria-labelledby="judgement-heading">
      <Paragraph>{t("interview.judgement.intro")}</Paragraph>
      <aside className="ll-card" aria-label={t("interview.starr")}>
        <Heading3>{t("interview.starr")}</Heading3>
        <UnorderedList>
          {STARR.map((k) => (
            <UnorderedListItem key={k}>{t(k)}</UnorderedListItem>
          ))}
        </UnorderedList>
      </aside>
      {iv.competencies.map((comp) => (
        <Fieldset key={comp.code} className="ll-card">
          <FieldsetLegend>
            <span lang="nl">{comp.title}</span>
          </FieldsetLegend>
          {comp.criteria.map((cr) => {
            const current = iv.criteria[cr.code];
            const value = keptChoice(kept, `criterion-${cr.code}`) ?? (current?.demonstrated === true ? "1" : current?.demonstrated === false ? "0" : "");
            const choiceError = errorOf(`criterion-${cr.code}`);
            const justificationError = errorOf(`justification-${cr.code}`);
            return (
              <Fieldset key={cr.code} invalid={Boolean(choiceError)} aria-describedby={choiceError ? errorIdFor(`criterion-${cr.code}`) : undefined}>
                <FieldsetLegend>
                  <span lang="nl">{cr.text}</span>
                </FieldsetLegend>
                <FieldErrorMessage fieldId={`criterion-${cr.code}`} error={choiceError} />
                <div className="ll-radio-row">
                  {(
                    [
                      ["1", "interview.demonstrated"],
                      ["0", "interview.notDemonstrated"],
                    ] as const
                  ).map(([v, label]) => (
                    <FormField key={v} type="radio">
                      <div className="utrecht-form-field__input">
                        <RadioButton
                          id={`criterion-${cr.code}-${v}`}
                          name={`criterion-${cr.code}`}
                          value={v}
                          defaultChecked={value === v}
                          invalid={Boolean(choiceError)}
                          {...invalidFieldProps(`criterion-${cr.code}`, choiceError)}
                        />
                      </div>
                      <div className="utrecht-form-field__label utrecht-form-field__label--radio">
                        <FormLabel htmlFor={`criterion-${cr.code}-${v}`} type="radio">
                          {t(label)}
                        </FormLabel>
                      </div>
                    </FormField>
                  ))}
                </div>
                <input type="hidden" name={`criterion-${cr.code}`} value="" />
                <FormFieldTextarea
                  inputId={judgementFieldId(`justification-${cr.code}`)}
                  name={`justification-${cr.code}`}
                  label={t("interview.justification")}
                  description={t("interview.justification.help")}
                  defaultValue={keptText(kept, `justification-${cr.code}`) ?? current?.justification ?? ""}
                  rows={2}
                  maxLength={2000}
                  invalid={Boolean(justificationError)}
                  errorMessage={justificationError}
                />
              </Fieldset>
            );
          })}
          <div className="utrecht-form-field">
            <FormLabel htmlFor={`competency-${comp.code}`}>{t("interview.competencyJudgement", { title: comp.title })}</FormLabel>
            <FieldErrorMessage fieldId={`competency-${comp.code}`} error={errorOf(`competency-${comp.code}`)} />
            <Select
              id={`competency-${comp.code}`}
              name={`competency-${comp.code}`}
              defaultValue={keptText(kept, `competency-${comp.code}`) ?? iv.judgements[comp.code] ?? ""}
              invalid={Boolean(errorOf(`competency-${comp.code}`))}
              {...invalidFieldProps(`competency-${comp.code}`, errorOf(`competency-${comp.code}`))}
            >
              <SelectOption value="">{t("form.choose")}</SelectOption>
              {COMPETENCY_JUDGEMENTS.map((j) => (
                <SelectOption key={j} value={j}>
                  {t(`interview.judgement.${j}`)}
                </SelectOption>
              ))}
            </Select>
          </div>
        </Fieldset>
      ))}
      <div className="utrecht-form-field">
        <FormLabel htmlFor={judgementFieldId("outcome")}>{t("interview.outcome")}</FormLabel>
        <FieldErrorMessage fieldId={judgementFieldId("outcome")} error={errorOf("outcome")} />
        <Select
          id={judgementFieldId("outcome")}
          name="outcome"
          defaultValue={keptText(kept, "outcome") ?? iv.outcome ?? ""}
          invalid={Boolean(errorOf("outcome"))}
          {...invalidFieldProps(judgementFieldId("outcome"), errorOf("outcome"))}
        >
          <SelectOption value="">{t("form.choose")}</SelectOption>
          {OUTCOMES.map((o) => (
            <SelectOption key={o} value={o}>
              {t(`interview.outcome.${o}`)}
            </SelectOption>
          ))}
        </Select>
      </div>
      <FormFieldTextarea
        inputId={judgementFieldId("motivation")}
        name="motivation"
        label={t("interview.motivation")}
        defaultValue={keptText(kept, "motivation") ?? iv.motivation ?? ""}
        rows={4}
        maxLength={4000}
        invalid={Boolean(errorOf("motivation"))}
        errorMessage={errorOf("motivation")}
      />
      <FormFieldTextarea
        inputId={judgementFieldId("advice")}
        name="advice"
        label={t("interview.advice")}
        defaultValue={keptText(kept, "advice") ?? iv.advice ?? ""}
        rows={3}
        maxLength={4000}
        invalid={Boolean(errorOf("advice"))}
        errorMessage={errorOf("advice")}
      />
      <div className="ll-button-row">
        <Button type="submit" name="intent" value="save" appearance="secondary-action-button">
          {t("interview.saveDraft")}
        </Button>
        {signable ? (
          <Button type="submit" name="intent" value="sign" appearance="primary-action-button">
            {t("interview.sign")}
          </Button>
        ) : null}
      </div>
      {answer}
      <Paragraph className="ll-muted">{signable ? t("interview.sign.help") : t("interview.signFrom", { date: date(iv.date) })}</Paragraph>
    </Form>
  );
}

/** The judgement as decided (or, while planned, that it is not final yet). */
function JudgementView({ interview: iv }: { interview: Interview }) {
  const { t } = useT();
  return (
    <>
      {iv.status === "gepland" ? <Paragraph>{t("interview.notYetFinal")}</Paragraph> : null}
      <Paragraph>
        <strong>{t("interview.outcome")}:</strong> {iv.outcome ? t(`interview.outcome.${iv.outcome}`) : "–"}
      </Paragraph>
      <Paragraph>
        <strong>{t("interview.motivation")}:</strong> {iv.motivation ?? "–"}
      </Paragraph>
      <Paragraph>
        <strong>{t("interview.advice")}:</strong> {iv.advice ?? "–"}
      </Paragraph>
      {iv.competencies.map((comp) => (
        <div key={comp.code}>
          <Heading3>
            <span lang="nl">{comp.title}</span>: {iv.judgements[comp.code] ? t(`interview.judgement.${iv.judgements[comp.code]!}`) : "–"}
          </Heading3>
          <UnorderedList>
            {comp.criteria.map((cr) => (
              <UnorderedListItem key={cr.code}>
                <span lang="nl">{cr.text}</span>:{" "}
                {iv.criteria[cr.code]?.demonstrated
                  ? t("interview.demonstrated")
                  : iv.criteria[cr.code]?.demonstrated === false
                    ? t("interview.notDemonstrated")
                    : "–"}
                {iv.criteria[cr.code]?.justification ? ` · ${iv.criteria[cr.code]!.justification}` : ""}
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </div>
      ))}
    </>
  );
}

/** The coordinator's section to change the plan of an interview that is not finalised. */
function PlanningSection({
  interview: iv,
  assessorChoices,
  result,
}: {
  interview: Interview;
  assessorChoices: LoaderData["assessorChoices"];
  result: Result | undefined;
}) {
  const { t } = useT();
  return (
    <section aria-labelledby="planning-heading" className="ll-section">
      <Heading2 id="planning-heading">{t("interview.planning")}</Heading2>
      <Paragraph>{t("interview.planning.help")}</Paragraph>
      <PlanningForms interview={iv} assessorChoices={assessorChoices} result={result && PLANNING_INTENTS.includes(result.intent) ? result : undefined} />
    </section>
  );
}

/** After a final judgement: the certificate (issue, download, or that it ended) and a correction. */
function AfterSection({
  interview: iv,
  dossier,
  answer,
  refused,
}: {
  interview: Interview;
  dossier: LoaderData["dossier"];
  answer: ReactNode;
  refused?: RefusedFields;
}) {
  const { t, date } = useT();
  const kept = useKeptFor("correct") ?? refused?.values ?? null;
  const reasonError = refused?.errorOf("reason");
  return (
    <section aria-labelledby="after-heading" className="ll-section">
      <Heading2 id="after-heading">{t("interview.after")}</Heading2>
      {answer}
      {dossier.certificate && (dossier.certificate.state === "ingetrokken" || dossier.certificate.state === "ingetrokken_na_correctie") ? (
        <Paragraph data-certificate-state={dossier.certificate.state}>
          {t("interview.certificateEnded", {
            number: dossier.certificate.number,
            state: t(`register.state.${dossier.certificate.state}`),
            date: date(dossier.certificate.revokedOn ?? ""),
          })}
        </Paragraph>
      ) : null}
      {dossier.certificate && dossier.certificate.state === "geldig" ? (
        <Paragraph>
          {t("interview.certificateIssued", { number: dossier.certificate.number })}{" "}
          <a href={`/certificaten/${dossier.certificate.id}/certificaat.pdf`} className="utrecht-link">
            {t("certificate.download")}
          </a>
        </Paragraph>
      ) : iv.outcome === "geslaagd" ? (
        <Form method="post" className="ll-inline-form">
          <Button type="submit" name="intent" value="issue" appearance="primary-action-button">
            {t("certificate.issue")}
          </Button>
        </Form>
      ) : null}
      <Form method="post" className="ll-form">
        <input type="hidden" name="intent" value="correct" />
        <FormFieldTextarea
          inputId="correction-reason"
          name="reason"
          label={t("interview.correct.reason")}
          description={t("interview.correct.help")}
          defaultValue={keptText(kept, "reason")}
          rows={2}
          maxLength={500}
          invalid={Boolean(reasonError)}
          errorMessage={reasonError}
        />
        <Button type="submit" appearance="secondary-action-button">
          {t("interview.correct")}
        </Button>
      </Form>
    </section>
  );
}

/** The participant's objections; the coordinator resolves an open one. */
function ObjectionsSection({ interview: iv, viewer, answer, refused }: { interview: Interview; viewer: Viewer; answer: ReactNode; refused?: RefusedFields }) {
  const { t, date } = useT();
  const kept = useKeptFor("resolve") ?? refused?.values ?? null;
  const resolutionError = (objectionId: number) => (refused?.objectionId === String(objectionId) ? refused.errorOf("resolution") : undefined);
  return (
    <section aria-labelledby="objections-heading" className="ll-section">
      <Heading2 id="objections-heading">{t("objection.title")}</Heading2>
      {answer}
      {iv.objections.map((o) => (
        <article key={o.id} className="ll-card">
          <Paragraph>
            {t("objection.lodgedOn", { date: date(o.lodged_at) })}: <span lang="nl">{o.text}</span>
          </Paragraph>
          {o.resolved_at ? (
            <Paragraph>{t("objection.resolvedOn", { date: date(o.resolved_at), resolution: o.resolution ?? "" })}</Paragraph>
          ) : viewer.role === "coordinator" ? (
            <Form method="post" className="ll-form">
              <input type="hidden" name="intent" value="resolve" />
              <input type="hidden" name="objectionId" value={o.id} />
              <FormFieldTextarea
                inputId={`resolution-${o.id}`}
                name="resolution"
                label={t("objection.resolution")}
                defaultValue={keptText(keptWhere(kept, { objectionId: String(o.id) }), "resolution")}
                rows={3}
                maxLength={2000}
                invalid={Boolean(resolutionError(o.id))}
                errorMessage={resolutionError(o.id)}
              />
              <Button type="submit" appearance="secondary-action-button">
                {t("objection.resolve")}
              </Button>
            </Form>
          ) : (
            <Paragraph>{t("objection.open")}</Paragraph>
          )}
        </article>
      ))}
    </section>
  );
}

/**
 * The coordinator's forms for a planned interview: another date, time or place; other assessors
 * (the planning rule); cancelling with a reason. Each answers at itself; without JavaScript a
 * refused form comes back as it was filled in.
 */
function PlanningForms({
  interview: iv,
  assessorChoices,
  result,
}: {
  interview: { date: string; start_time: string; location: string | null; assessors: { id: number }[] };
  assessorChoices: { id: number; name: string; role: string }[];
  result: Result | undefined;
}) {
  const { t } = useT();
  const failedAt = (intent: string) => (result && !result.ok && result.intent === intent ? result : undefined);
  const sent = (intent: string, name: string) => {
    const v = failedAt(intent)?.values?.[name];
    return typeof v === "string" ? v : undefined;
  };
  const okAt = (intent: string) =>
    result?.ok && result.intent === intent ? (
      <Answer type="ok">
        <Paragraph>{t(result.message)}</Paragraph>
      </Answer>
    ) : null;
  const reschedule = useZodForm(rescheduleInterviewSchema, { serverErrors: failedAt("reschedule")?.fieldErrors, intent: "reschedule" });
  const assessors = useZodForm(changeAssessorsSchema, { serverErrors: failedAt("assessors")?.fieldErrors, intent: "assessors" });
  const cancel = useZodForm(cancelInterviewSchema, { serverErrors: failedAt("cancel")?.fieldErrors, intent: "cancel" });
  const formError = (intent: string) => {
    const key = failedAt(intent)?.formError?.key;
    return key ? t(key) : null;
  };
  const sentAssessors = failedAt("assessors")?.values?.assessorIds;
  const conflicts = failedAt("assessors")?.conflicts ?? [];
  return (
    <>
      <Heading3 id="reschedule-heading">{t("interview.reschedule")}</Heading3>
      <ZodForm ctx={reschedule} formError={formError("reschedule")} aria-labelledby="reschedule-heading">
        <input type="hidden" name="intent" value="reschedule" />
        <Paragraph className="ll-muted">{t("interview.reschedule.help")}</Paragraph>
        <TextField ctx={reschedule} name="date" type="date" label={t("session.date")} defaultValue={sent("reschedule", "date") ?? iv.date} required />
        <TextField
          ctx={reschedule}
          name="startTime"
          type="time"
          label={t("interview.time")}
          defaultValue={sent("reschedule", "startTime") ?? iv.start_time}
          required
        />
        <TextField ctx={reschedule} name="location" label={t("interview.location")} defaultValue={sent("reschedule", "location") ?? iv.location ?? ""} />
        <Button type="submit" appearance="secondary-action-button">
          {t("interview.reschedule.submit")}
        </Button>
        {okAt("reschedule")}
      </ZodForm>

      <Heading3 id="assessors-heading">{t("interview.changeAssessors")}</Heading3>
      <ZodForm ctx={assessors} formError={formError("assessors")} aria-labelledby="assessors-heading">
        <input type="hidden" name="intent" value="assessors" />
        <Paragraph className="ll-muted">{t("interview.changeAssessors.help")}</Paragraph>
        {conflicts.length > 0 ? (
          <Alert type="warning">
            {conflicts.map((w) => (
              <Paragraph key={`${w.assessorId}-${w.reason}`}>{t(`interview.warning.${w.reason}`, { name: w.name })}</Paragraph>
            ))}
          </Alert>
        ) : null}
        <CheckboxGroup
          ctx={assessors}
          name="assessorIds"
          legend={t("interview.assessors")}
          options={assessorChoices.map((a) => ({ value: String(a.id), label: `${a.name} (${t(`role.${a.role}` as MessageKey)})` }))}
          defaultValues={sentAssessors !== undefined ? [sentAssessors].flat() : iv.assessors.map((a) => String(a.id))}
        />
        <TextareaField
          ctx={assessors}
          name="conflictReason"
          label={t("interview.conflictReason")}
          description={t("interview.conflictReason.help")}
          defaultValue={sent("assessors", "conflictReason")}
          rows={2}
        />
        <Button type="submit" appearance="secondary-action-button">
          {t("interview.changeAssessors.submit")}
        </Button>
        {okAt("assessors")}
      </ZodForm>

      <Heading3 id="cancel-heading">{t("interview.cancel")}</Heading3>
      <ZodForm ctx={cancel} formError={formError("cancel")} aria-labelledby="cancel-heading">
        <input type="hidden" name="intent" value="cancel" />
        <TextareaField
          ctx={cancel}
          name="reason"
          label={t("interview.cancel.reason")}
          description={t("interview.cancel.help")}
          defaultValue={sent("cancel", "reason")}
          rows={2}
          required
        />
        <Button type="submit" appearance="secondary-action-button">
          {t("interview.cancel.submit")}
        </Button>
      </ZodForm>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
