import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Button, Checkbox, Fieldset, FieldsetLegend, FormField, FormLabel, Heading1, Heading2, Heading3, Paragraph } from "@utrecht/component-library-react";
import { notFound, requireArea } from "../auth.server";
import { Answer, Notice } from "../components/answer";
import { RouteErrorBoundary } from "../components/error-page";
import { CheckboxField, FieldErrorMessage, invalidFieldProps, useIsSubmitting, useZodForm, ZodForm } from "../components/form";
import { poolWord, RequestFacts, ShownProfileFacts, WhyList } from "../components/pool-request";
import { publicBaseUrl } from "../config.server";
import { getDb } from "../db.server";
import { intentOf, userErrorToFailure, type ActionFailure } from "../forms/action.server";
import { parseForm, readForm } from "../forms/parse.server";
import { poolCloseSchema, poolInviteSchema, poolWithdrawSchema } from "../forms/pool-requests";
import type { MessageKey } from "../i18n/nl";
import type { Params } from "../i18n/translate";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { withIp } from "../services/audit.server";
import {
  closePoolRequest,
  inviteMembers,
  requestPage,
  teamRequestFor,
  withdrawInvitation,
  type Suggestion,
  type TeamInvitation,
} from "../services/pool-requests.server";

export const meta = titleMeta<typeof loader>(
  "poolRequest.home.title",
  (d, { t, date }) => `${t("poolRequest.title", { theme: poolWord(t, "theme", d.request.theme) })}, ${date(d.request.createdAt)}`,
);

const requestIdOf = (raw: string | undefined) => (raw && /^\d{1,12}$/.test(raw) ? Number(raw) : NaN);

/**
 * One request of the buurtteam-coördinator's own team (issue 31, point 3): the suggestions with
 * why, the invitations, contact details only for a member who said yes. Another team's request is
 * not found.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "team-home", context.clientIp);
  const page = (await requestPage(getDb(), withIp(user, context.clientIp), requestIdOf(params.requestId))) ?? notFound();
  return page;
}

type Result = (ActionFailure & { intent?: string }) | { ok: true; message: MessageKey; params?: Params };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireArea(request, "team-home", context.clientIp);
  const actor = withIp(user, context.clientIp);
  const db = getDb();
  const requestId = requestIdOf(params.requestId);
  if (!(await teamRequestFor(db, actor, requestId))) notFound();
  const formData = await readForm(request);
  const intent = intentOf(formData);
  try {
    switch (intent) {
      case "invite": {
        const parsed = parseForm(poolInviteSchema, formData);
        if (!parsed.ok) return data({ ok: false, fieldErrors: parsed.fieldErrors, intent } satisfies Result, { status: 400 });
        const count = await inviteMembers(db, actor, requestId, parsed.data.participants, undefined, { baseUrl: publicBaseUrl(request) });
        return { ok: true, message: "poolRequest.invited", params: { count } } satisfies Result;
      }
      case "withdraw": {
        const parsed = parseForm(poolWithdrawSchema, formData);
        if (!parsed.ok) return data({ ok: false, formError: { key: "form.choice.invalid" }, intent } satisfies Result, { status: 400 });
        await withdrawInvitation(db, actor, requestId, parsed.data.invitation);
        return { ok: true, message: "poolRequest.withdrawn" } satisfies Result;
      }
      case "close": {
        const parsed = parseForm(poolCloseSchema, formData);
        if (!parsed.ok) return data({ ok: false, fieldErrors: parsed.fieldErrors, intent } satisfies Result, { status: 400 });
        await closePoolRequest(db, actor, requestId);
        return { ok: true, message: "poolRequest.closedDone" } satisfies Result;
      }
      default:
        return data({ ok: false, formError: { key: "form.choice.invalid" } } satisfies Result, { status: 400 });
    }
  } catch (error) {
    return data({ ...userErrorToFailure(error), intent } satisfies Result, { status: 400 });
  }
}

export default function PoolRequestPage() {
  const { request, suggestions, invitations } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const [search] = useSearchParams();
  const { t, date } = useT();
  const failed = result && !result.ok ? result : null;
  const open = request.status === "open";
  return (
    <>
      <Heading1>{t("poolRequest.title", { theme: poolWord(t, "theme", request.theme) })}</Heading1>
      <Paragraph>
        <Link to="/buurtteam" className="utrecht-link">
          {t("poolRequest.back")}
        </Link>
      </Paragraph>
      {result?.ok ? (
        <Answer type="ok">
          <Paragraph>{t(result.message, result.params)}</Paragraph>
        </Answer>
      ) : failed?.formError && failed.intent !== "close" ? (
        <Answer type="error">
          <Paragraph>{t(failed.formError.key, failed.formError.params)}</Paragraph>
        </Answer>
      ) : search.get("nieuw") === "1" ? (
        <Answer type="ok">
          <Paragraph>{t("poolRequest.created")}</Paragraph>
        </Answer>
      ) : null}
      <Paragraph>
        <strong>
          {t("poolRequest.field.status")}:{" "}
          {open ? t("poolRequest.status.open") : t("poolRequest.status.closed", { date: date(request.closedAt ?? request.createdAt) })}
        </strong>
      </Paragraph>
      <Paragraph className="ll-prewrap" data-testid="request-description">
        {request.description}
      </Paragraph>
      <RequestFacts request={request} />
      {open ? (
        <Suggestions suggestions={suggestions} serverErrors={failed?.intent === "invite" ? failed.fieldErrors : undefined} />
      ) : (
        <Notice type="info">
          <Paragraph>{t("poolRequest.closed")}</Paragraph>
        </Notice>
      )}
      <Invitations invitations={invitations} open={open} />
      {open ? <CloseForm serverErrors={failed?.intent === "close" ? failed.fieldErrors : undefined} /> : null}
    </>
  );
}

function Suggestions({ suggestions, serverErrors }: { suggestions: Suggestion[]; serverErrors?: Record<string, string> }) {
  const { t } = useT();
  const submitting = useIsSubmitting();
  const ctx = useZodForm(poolInviteSchema, { serverErrors, intent: "invite" });
  const id = ctx.idFor("participants");
  const error = ctx.errorFor("participants");
  return (
    <section aria-labelledby="suggestions-heading" className="ll-section">
      <Heading2 id="suggestions-heading">{t("poolRequest.suggestions.heading")}</Heading2>
      <Paragraph>{t("poolRequest.suggestions.intro")}</Paragraph>
      {suggestions.length === 0 ? (
        <Paragraph>{t("poolRequest.suggestions.none")}</Paragraph>
      ) : (
        <ZodForm ctx={ctx} aria-labelledby="suggestions-heading">
          <input type="hidden" name="intent" value="invite" />
          <Fieldset invalid={Boolean(error)}>
            <FieldsetLegend>{t("poolRequest.invite.legend")}</FieldsetLegend>
            <FieldErrorMessage fieldId={id} error={error} />
            {suggestions.map((s, i) => {
              const boxId = i === 0 ? id : `${id}-${s.number}`;
              return (
                <article key={s.participantId} className="ll-card" data-suggestion={s.number}>
                  <Heading3 id={`suggestion-${s.number}`}>{t("poolRequest.member", { number: s.number })}</Heading3>
                  <Paragraph id={`why-${s.number}`}>
                    <strong>{t("poolRequest.why.heading")}</strong>
                  </Paragraph>
                  <WhyList why={s.why} labelledBy={`why-${s.number}`} />
                  <ShownProfileFacts profile={s.profile} />
                  <FormField type="checkbox">
                    <div className="utrecht-form-field__input">
                      <Checkbox
                        id={boxId}
                        value={String(s.participantId)}
                        {...ctx.field("participants")}
                        invalid={Boolean(error)}
                        {...invalidFieldProps(id, error)}
                      />
                    </div>
                    <div className="utrecht-form-field__label utrecht-form-field__label--checkbox">
                      <FormLabel htmlFor={boxId} type="checkbox">
                        {t("poolRequest.invite.label", { number: s.number })}
                      </FormLabel>
                    </div>
                  </FormField>
                </article>
              );
            })}
          </Fieldset>
          <Button type="submit" appearance="primary-action-button" busy={submitting}>
            {t("poolRequest.invite.submit")}
          </Button>
        </ZodForm>
      )}
    </section>
  );
}

function Invitations({ invitations, open }: { invitations: TeamInvitation[]; open: boolean }) {
  const { t, date } = useT();
  const submitting = useIsSubmitting();
  return (
    <section aria-labelledby="invitations-heading" className="ll-section">
      <Heading2 id="invitations-heading">{t("poolRequest.invitations.heading")}</Heading2>
      {invitations.length === 0 ? <Paragraph>{t("poolRequest.invitations.none")}</Paragraph> : null}
      {invitations.map((inv) => (
        <article key={inv.id} className="ll-card" data-invitation={inv.number} data-status={inv.status}>
          <Heading3>{inv.contact ? inv.contact.name : t("poolRequest.member", { number: inv.number })}</Heading3>
          <Paragraph>
            <strong>{t(`poolRequest.invitation.status.${inv.status}`)}</strong> · {t("poolRequest.invitation.invitedOn", { date: date(inv.invitedAt) })}
          </Paragraph>
          {inv.contact ? (
            <ul className="utrecht-unordered-list" data-testid="contact">
              <li className="utrecht-unordered-list__item">
                {t("poolRequest.invitation.name")}: {inv.contact.name}
              </li>
              {inv.contact.phone ? (
                <li className="utrecht-unordered-list__item">
                  {t("poolRequest.invitation.phone")}: <a href={`tel:${inv.contact.phone.replace(/[^+\d]/g, "")}`}>{inv.contact.phone}</a>
                </li>
              ) : null}
              {inv.contact.email ? (
                <li className="utrecht-unordered-list__item">
                  {t("poolRequest.invitation.email")}: <a href={`mailto:${inv.contact.email}`}>{inv.contact.email}</a>
                </li>
              ) : null}
            </ul>
          ) : inv.leftPool ? (
            <Paragraph>{t("poolRequest.invitation.leftPool")}</Paragraph>
          ) : inv.status === "invited" ? (
            inv.profile ? (
              <>
                <ShownProfileFacts profile={inv.profile} />
                <Paragraph>{t("poolRequest.invitation.hidden")}</Paragraph>
              </>
            ) : (
              <Paragraph>{t("poolRequest.invitation.notInPool")}</Paragraph>
            )
          ) : null}
          {open && (inv.status === "invited" || inv.status === "accepted") ? (
            <Form method="post" className="ll-inline-form">
              <input type="hidden" name="intent" value="withdraw" />
              <input type="hidden" name="invitation" value={inv.id} />
              <Button type="submit" appearance="secondary-action-button" busy={submitting}>
                {t("poolRequest.withdraw")}
              </Button>
            </Form>
          ) : null}
        </article>
      ))}
    </section>
  );
}

function CloseForm({ serverErrors }: { serverErrors?: Record<string, string> }) {
  const { t } = useT();
  const submitting = useIsSubmitting();
  const ctx = useZodForm(poolCloseSchema, { serverErrors, intent: "close" });
  return (
    <section aria-labelledby="close-heading" className="ll-section">
      <Heading2 id="close-heading">{t("poolRequest.close.heading")}</Heading2>
      <Paragraph>{t("poolRequest.close.text")}</Paragraph>
      <ZodForm ctx={ctx} aria-labelledby="close-heading">
        <input type="hidden" name="intent" value="close" />
        <CheckboxField ctx={ctx} name="confirm" value="ja" label={t("poolRequest.close.confirm")} />
        <Button type="submit" appearance="secondary-action-button" busy={submitting}>
          {t("poolRequest.close")}
        </Button>
      </ZodForm>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
