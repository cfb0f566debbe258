import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { Heading1, Heading2, Paragraph } from "@utrecht/component-library-react";
import { notFound } from "../auth.server";
import { FailureAlert } from "../components/failure-alert";
import { RouteErrorBoundary } from "../components/error-page";
import { ActiveLinks, DecisionForm, decisionFormKey, EntryTable, PlacementForm, useHours } from "../components/practice";
import { publicBaseUrl } from "../config.server";
import { getDb } from "../db.server";
import { intentOf, userErrorToFailure, type ActionFailure } from "../forms/action.server";
import { formDataToObject, parseForm, readForm } from "../forms/parse.server";
import { decisionsSchema, keepDecisionsExcept, linkRefSchema, refusedForChangedEntries, placementSchema } from "../forms/practice";
import { idParam, requireCohortStaffWithPeople } from "../guards.server";
import type { MessageKey } from "../i18n/nl";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { audit } from "../services/audit.server";
import { ChangedEntriesError, decideByTrainer, getPlacement, practiceLog, revokeLink, savePlacement } from "../services/practice.server";
import { Answer } from "../components/answer";

export const meta = titleMeta<typeof loader>("practice.staff.participantTitle", ({ participant }, { t }) =>
  t("practice.staff.participantHeading", { name: participant.name }),
);

/** A decision refused because an entry changed: read the entries again, so the new version shows. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) =>
  refusedForChangedEntries(actionResult) || defaultShouldRevalidate;

/** The participant must be a member of this cohort, which the trainer must teach. */
async function load(request: Request, params: Parameters<typeof requireCohortStaffWithPeople>[1], ip: string | null | undefined) {
  const { user, cohort } = await requireCohortStaffWithPeople(request, params, ip);
  const participantId = idParam(params, "participantId");
  const member = cohort.members.find((m) => m.id === participantId);
  if (!member) {
    await audit(getDb(), { actor: user, action: "practice.view", target: { type: "participant", id: participantId }, outcome: "denied", ip: ip ?? null });
    notFound();
  }
  return { user, cohort, member };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { cohort, member } = await load(request, params, context.clientIp);
  const db = getDb();
  return {
    cohort: { id: cohort.id, name: cohort.name },
    participant: { id: member.id, name: member.name },
    log: await practiceLog(db, member.id),
    placement: await getPlacement(db, member.id),
  };
}

type Result =
  | (ActionFailure & { where: "decide" | "placement" | "revoke"; changed?: number[] })
  | { ok: true; message: "practice.staff.decided" | "placement.saved" | "practice.signoff.revoked"; count?: number };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, member } = await load(request, params, context.clientIp);
  const formData = await readForm(request);
  const db = getDb();
  const intent = intentOf(formData);
  try {
    if (intent === "placement") {
      const parsed = parseForm(placementSchema, formData);
      if (!parsed.ok) return data({ ok: false, where: "placement", fieldErrors: parsed.fieldErrors, values: parsed.values } satisfies Result, { status: 400 });
      await savePlacement(db, user, member.id, parsed.data);
      return { ok: true as const, message: "placement.saved" as const };
    }
    if (intent === "revoke") {
      const parsed = parseForm(linkRefSchema, formData);
      if (!parsed.ok) return data({ ok: false, where: "revoke", formError: { key: "form.invalid" } } satisfies Result, { status: 400 });
      await revokeLink(db, user, member.id, parsed.data.linkId);
      return { ok: true as const, message: "practice.signoff.revoked" as const };
    }
    const parsed = parseForm(decisionsSchema, formData);
    if (!parsed.ok) return data({ ok: false, where: "decide", fieldErrors: parsed.fieldErrors, values: parsed.values } satisfies Result, { status: 400 });
    const count = await decideByTrainer(db, user, member.id, parsed.data, undefined, { baseUrl: publicBaseUrl(request) });
    return { ok: true as const, message: "practice.staff.decided" as const, count };
  } catch (error) {
    // An entry changed after the page was opened: nothing is stored; decide on the new version.
    if (error instanceof ChangedEntriesError) {
      const values = keepDecisionsExcept(formDataToObject(formData), error.entryIds);
      return data({ ok: false, where: "decide", formError: { key: error.messageKey }, changed: error.entryIds, values } satisfies Result, { status: 409 });
    }
    return data(
      {
        ...userErrorToFailure(error),
        where: intent === "placement" ? ("placement" as const) : intent === "revoke" ? ("revoke" as const) : ("decide" as const),
      },
      { status: 400 },
    );
  }
}

export default function StaffParticipantPractice() {
  const { cohort, participant, log, placement } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const { t } = useT();
  const hours = useHours();
  const failed = result && !result.ok ? result : undefined;
  const open = log.entries.filter((e) => e.status === "open");
  const decided = log.entries.filter((e) => e.status !== "open");
  return (
    <>
      <Paragraph>
        <Link to={`/groepen/${cohort.id}/praktijk`} className="utrecht-link">
          {t("practice.staff.back")}
        </Link>
      </Paragraph>
      <Heading1>{t("practice.staff.participantHeading", { name: participant.name })}</Heading1>
      <Paragraph>
        <strong>{t("practice.totals.confirmed", { hours: hours(log.totals.confirmedMinutes), target: hours(log.totals.targetMinutes) })}</strong> ·{" "}
        {t("practice.totals.open", { hours: hours(log.totals.openMinutes) })}
      </Paragraph>
      {result?.ok ? (
        <Answer type="ok">
          <Paragraph>{t(result.message, { count: result.count ?? 0 })}</Paragraph>
        </Answer>
      ) : null}
      {failed?.where === "revoke" && failed.formError ? (
        <Answer type="error">
          <Paragraph>{t(failed.formError.key)}</Paragraph>
        </Answer>
      ) : null}

      <section aria-labelledby="decide-heading" className="ll-section">
        <Heading2 id="decide-heading">{t("practice.staff.openEntries", { count: open.length })}</Heading2>
        {failed?.where === "decide" && open.length === 0 ? <FailureAlert fieldErrors={failed.fieldErrors} formError={failed.formError?.key ?? null} /> : null}
        {open.length === 0 ? (
          <Paragraph>{t("practice.staff.noneOpen")}</Paragraph>
        ) : (
          <DecisionForm
            participantName={participant.name}
            key={decisionFormKey(open)}
            entries={open}
            activities={log.activities}
            errors={failed?.where === "decide" ? failed.fieldErrors : undefined}
            values={failed?.where === "decide" ? failed.values : undefined}
            formError={
              failed?.where === "decide"
                ? failed.formError
                  ? t(failed.formError.key)
                  : failed.fieldErrors?._form
                    ? t(failed.fieldErrors._form as MessageKey)
                    : null
                : null
            }
            submitLabel={t("practice.staff.saveDecisions")}
            caption={t("practice.staff.openEntries", { count: open.length })}
            changed={failed?.where === "decide" ? failed.changed : undefined}
          />
        )}
        <ActiveLinks links={log.links} />
      </section>

      <section className="ll-section">
        <Heading2 id="decided-heading">{t("practice.staff.decidedEntries")}</Heading2>
        {decided.length === 0 ? (
          <Paragraph>{t("practice.log.empty")}</Paragraph>
        ) : (
          <EntryTable entries={decided} activities={log.activities} caption={t("practice.staff.decidedEntries")} />
        )}
      </section>

      <section aria-labelledby="placement-heading" className="ll-section">
        <Heading2 id="placement-heading">{t("placement.title")}</Heading2>
        <Paragraph>{t("placement.staffIntro")}</Paragraph>
        <PlacementForm
          placement={placement}
          serverErrors={failed?.where === "placement" ? failed.fieldErrors : undefined}
          values={failed?.where === "placement" ? failed.values : undefined}
        />
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
