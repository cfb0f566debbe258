import { randomUUID } from "node:crypto";
import { publicBaseUrl } from "../config.server";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import {
  Alert,
  Button,
  Checkbox,
  FormField,
  FormLabel,
  Heading1,
  Heading2,
  Heading3,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textbox,
} from "@utrecht/component-library-react";
import QRCode from "qrcode";
import type { User } from "../../db/schema";
import { currentSessionId, requireArea, sessionLimits, startSession } from "../auth.server";
import { RouteErrorBoundary } from "../components/error-page";
import { CheckboxGroup, TextField, useIsSubmitting, useZodForm, ZodForm } from "../components/form";
import { getDb } from "../db.server";
import { intentOf, userErrorToFailure, type ActionFailure } from "../forms/action.server";
import { changePasswordSchema, secondFactorCodeSchema, sessionIdSchema, totpCodeSchema, totpRequiredSchema } from "../forms/auth";
import { parseForm, readForm } from "../forms/parse.server";
import type { MessageKey } from "../i18n/nl";
import { formatDate, formatTime, type Lang } from "../i18n/translate";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { canEnter } from "../rules/policy";
import { formatRecoveryCode, groupSecret, otpauthUri } from "../rules/totp";
import { changePassword, signOutDevice, signOutEverywhereElse } from "../services/account.server";
import { listUserSessions } from "../services/sessions.server";
import { canHaveFeed, feedCreatedAt, renewCalendarFeed } from "../services/calendar.server";
import {
  canUseTotp,
  confirmTotpEnrolment,
  disableTotp,
  mustEnrolTotp,
  recoveryCodesLeft,
  regenerateRecoveryCodes,
  restartTotp,
  setTotpRequired,
  startTotpEnrolment,
  totpRequired,
} from "../services/totp.server";
import { Answer } from "../components/answer";
import { CATEGORIES_FOR_ROLE, mailPreferencesSchema, type PreferenceCategory } from "../forms/mail-preferences";
import { mailPreferences, saveMailPreferences, storedLang } from "../services/mail-preferences.server";

export const meta = titleMeta("account.title");

/** After a change the page reloads (post/redirect/get), so password fields are empty again. */
const DONE: Record<string, MessageKey> = {
  wachtwoord: "account.password.changed",
  apparaat: "account.sessions.ended",
  overal: "account.sessions.endedOthers",
  "tweestap-aan": "account.totp.enabled",
  "tweestap-uit": "account.totp.disabled",
  "tweestap-opnieuw": "account.totp.restarted",
  herstelcode: "account.recovery.usedToSignIn",
  instelling: "account.totp.setting.saved",
  email: "account.mail.saved",
};

async function totpView(user: User) {
  if (!canUseTotp(user.role)) return null;
  const pendingSecret = !user.totp_enabled_at && user.totp_secret ? user.totp_secret : null;
  if (!pendingSecret)
    return { enabledAt: user.totp_enabled_at, pending: null, recoveryLeft: user.totp_enabled_at ? await recoveryCodesLeft(getDb(), user.id) : 0 };
  const uri = otpauthUri(pendingSecret, user.email);
  return { enabledAt: null, pending: { secret: groupSecret(pendingSecret), uri, qr: await QRCode.toDataURL(uri, { margin: 2, width: 220 }) }, recoveryLeft: 0 };
}

/** "E-mail die je krijgt": the optional categories of the person's role, on or off, and the language of their mail. */
async function mailView(user: User) {
  const db = getDb();
  const prefs = await mailPreferences(db, user.id);
  return {
    categories: CATEGORIES_FOR_ROLE[user.role].map((category) => ({ category, enabled: prefs[category] })),
    lang: await storedLang(db, user.id),
  };
}

/** Recovery codes are shown once, in the answer to the post that made them; never cached. */
function showRecoveryCodes(intent: string, codes: string[]) {
  return data({ ok: true as const, intent, recoveryCodes: codes.map(formatRecoveryCode) }, { headers: { "Cache-Control": "no-store" } });
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "account", context.clientIp);
  const current = await currentSessionId(request);
  const sessions = await listUserSessions(getDb(), user.id, current, { limits: sessionLimits() });
  const done = new URL(request.url).searchParams.get("klaar");
  const db = getDb();
  return {
    name: user.name,
    email: user.email,
    sessions,
    done: done && done in DONE ? DONE[done] : null,
    totp: await totpView(user),
    mustEnrol: await mustEnrolTotp(db, user),
    totpRequiredSetting: user.role === "coordinator" ? await totpRequired(db) : null,
    calendar: canHaveFeed(user.role) ? { since: await feedCreatedAt(db, user.id) } : null,
    mail: await mailView(user),
  };
}

/** `attempt` is new for every answer, so the password form starts afresh and shows the server's message. */
type ActionResult =
  | (ActionFailure & { intent: string; attempt?: string })
  | { ok: true; intent: string; recoveryCodes: string[]; attempt?: undefined }
  | { ok: true; intent: "calendar-renew"; calendarUrl: string; renewed: boolean; attempt?: undefined };
type FailedResult = Extract<ActionResult, { ok: false }>;

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireArea(request, "account", context.clientIp);
  const db = getDb();
  const formData = await readForm(request);
  const intent = intentOf(formData);
  const ctx = { currentSessionId: await currentSessionId(request), ip: context.clientIp ?? null };
  try {
    switch (intent) {
      case "password": {
        const parsed = parseForm(changePasswordSchema, formData);
        if (!parsed.ok) return data({ ok: false, intent, attempt: randomUUID(), fieldErrors: parsed.fieldErrors } satisfies ActionResult, { status: 400 });
        await changePassword(db, user, { current: parsed.data.current, password: parsed.data.password }, ctx);
        // This device stays signed in, with a fresh session token (the old one ends too).
        const cookie = await startSession(request, user.id, ctx.ip);
        return redirect("/account?klaar=wachtwoord", { headers: { "Set-Cookie": cookie } });
      }
      case "end-session": {
        const parsed = parseForm(sessionIdSchema, formData);
        if (!parsed.ok) return data({ ok: false, intent, formError: { key: "account.sessions.notFound" } } satisfies ActionResult, { status: 400 });
        await signOutDevice(db, user, parsed.data.sessionId, ctx);
        return redirect("/account?klaar=apparaat");
      }
      case "totp-start": {
        await startTotpEnrolment(db, user);
        return redirect("/account#tweestap");
      }
      case "totp-confirm": {
        const parsed = parseForm(totpCodeSchema, formData);
        if (!parsed.ok) return data({ ok: false, intent, attempt: randomUUID(), fieldErrors: parsed.fieldErrors } satisfies ActionResult, { status: 400 });
        // No redirect: the answer carries the recovery codes, which are shown this once.
        return showRecoveryCodes(intent, await confirmTotpEnrolment(db, user, parsed.data.code, ctx.ip));
      }
      case "totp-disable":
      case "totp-restart":
      case "recovery-regenerate": {
        const parsed = parseForm(secondFactorCodeSchema, formData);
        if (!parsed.ok) return data({ ok: false, intent, attempt: randomUUID(), fieldErrors: parsed.fieldErrors } satisfies ActionResult, { status: 400 });
        if (intent === "recovery-regenerate") return showRecoveryCodes(intent, await regenerateRecoveryCodes(db, user, parsed.data.code, ctx.ip));
        if (intent === "totp-restart") {
          await restartTotp(db, user, parsed.data.code, ctx.ip);
          return redirect("/account?klaar=tweestap-opnieuw#tweestap");
        }
        await disableTotp(db, user, parsed.data.code, ctx.ip);
        return redirect("/account?klaar=tweestap-uit");
      }
      case "totp-required": {
        if (!canEnter(user.role, "people")) throw new Response("Forbidden", { status: 403 });
        const parsed = parseForm(totpRequiredSchema, formData);
        if (!parsed.ok) return data({ ok: false, intent, formError: { key: "form.invalid" } } satisfies ActionResult, { status: 400 });
        await setTotpRequired(db, user, parsed.data.required === "1");
        return redirect("/account?klaar=instelling");
      }
      case "calendar-renew": {
        if (!canHaveFeed(user.role)) throw new Response("Forbidden", { status: 403 });
        const renewed = (await feedCreatedAt(db, user.id)) !== null;
        const token = await renewCalendarFeed(db, user, ctx.ip);
        // No redirect: the link is shown this once (only its hash is kept); never cached.
        const calendarUrl = `${publicBaseUrl(request)}/agenda/${token}.ics`;
        return data({ ok: true, intent, calendarUrl, renewed } satisfies ActionResult, { headers: { "Cache-Control": "no-store" } });
      }
      case "mail-preferences": {
        const parsed = parseForm(mailPreferencesSchema, formData);
        if (!parsed.ok) return data({ ok: false, intent, attempt: randomUUID(), fieldErrors: parsed.fieldErrors } satisfies ActionResult, { status: 400 });
        await saveMailPreferences(db, user, parsed.data.categories, ctx.ip);
        return redirect("/account?klaar=email#email");
      }
      case "end-others": {
        await signOutEverywhereElse(db, user, ctx);
        return redirect("/account?klaar=overal");
      }
      default:
        return data({ ok: false, intent, formError: { key: "form.invalid" } } satisfies ActionResult, { status: 400 });
    }
  } catch (error) {
    const failure = userErrorToFailure(error);
    if (CODE_INTENTS.includes(intent as CodeIntent)) return data({ ...failure, intent, attempt: randomUUID() } satisfies ActionResult, { status: 400 });
    if (intent !== "password" && failure.fieldErrors) {
      const key = Object.values(failure.fieldErrors)[0] as MessageKey;
      return data({ ok: false, intent, formError: { key } } satisfies ActionResult, { status: 400 });
    }
    return data({ ...failure, intent, attempt: randomUUID() } satisfies ActionResult, { status: 400 });
  }
}

function when(lang: Lang, iso: string): string {
  return `${formatDate(lang, iso)}, ${formatTime(lang, iso)}`;
}

const CODE_INTENTS = ["totp-confirm", "totp-disable", "totp-restart", "recovery-regenerate"] as const;
type CodeIntent = (typeof CODE_INTENTS)[number];

function failedFor(result: ActionResult | undefined, intent: string): FailedResult | undefined {
  return result && !result.ok && result.intent === intent ? result : undefined;
}

function PasswordForm({ email, result }: { email: string; result?: ActionResult }) {
  const { t } = useT();
  const submitting = useIsSubmitting();
  const failed = failedFor(result, "password");
  const ctx = useZodForm(changePasswordSchema, { serverErrors: failed?.fieldErrors });
  return (
    <section aria-labelledby="password-heading" className="ll-section">
      <Heading2 id="password-heading">{t("account.password.heading")}</Heading2>
      <Paragraph>{t("account.password.intro")}</Paragraph>
      <ZodForm ctx={ctx} formError={failed?.formError ? t(failed.formError.key, failed.formError.params) : null} aria-labelledby="password-heading">
        <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
        <TextField ctx={ctx} name="current" type="password" label={t("account.password.current")} autoComplete="current-password" required />
        <TextField
          ctx={ctx}
          name="password"
          type="password"
          label={t("account.password.new")}
          description={t("account.password.hint")}
          autoComplete="new-password"
          required
        />
        <TextField ctx={ctx} name="confirm" type="password" label={t("account.password.confirm")} autoComplete="new-password" required />
        <Button type="submit" name="intent" value="password" appearance="primary-action-button" busy={submitting}>
          {t("account.password.submit")}
        </Button>
      </ZodForm>
    </section>
  );
}

type TotpView = NonNullable<Awaited<ReturnType<typeof totpView>>>;

function CodeForm({ intent, submitLabel, result }: { intent: "totp-confirm"; submitLabel: string; result?: ActionResult }) {
  const { t } = useT();
  const failed = failedFor(result, intent);
  const ctx = useZodForm(totpCodeSchema, { serverErrors: failed?.fieldErrors });
  return (
    <ZodForm ctx={ctx} formError={failed?.formError ? t(failed.formError.key, failed.formError.params) : null} aria-labelledby="totp-heading">
      <TextField ctx={ctx} name="code" label={t("account.totp.code")} autoComplete="one-time-code" required />
      <Button type="submit" name="intent" value={intent} appearance={intent === "totp-confirm" ? "primary-action-button" : "secondary-action-button"}>
        {submitLabel}
      </Button>
    </ZodForm>
  );
}

/** A change to the second factor itself, proved with a code from the app or a recovery code. */
function ProofForm({
  intent,
  headingId,
  submitLabel,
  result,
}: {
  intent: Exclude<CodeIntent, "totp-confirm">;
  headingId: string;
  submitLabel: string;
  result?: ActionResult;
}) {
  const { t } = useT();
  const failed = failedFor(result, intent);
  const ctx = useZodForm(secondFactorCodeSchema, { serverErrors: failed?.fieldErrors });
  return (
    <ZodForm ctx={ctx} formError={failed?.formError ? t(failed.formError.key, failed.formError.params) : null} aria-labelledby={headingId}>
      <TextField ctx={ctx} name="code" label={t("account.totp.codeOrRecovery")} autoComplete="one-time-code" required />
      <Button type="submit" name="intent" value={intent} appearance="secondary-action-button">
        {submitLabel}
      </Button>
    </ZodForm>
  );
}

/** The answer that shows new recovery codes, this once. */
function RecoveryCodes({ codes, enabled }: { codes: string[]; enabled: boolean }) {
  const { t } = useT();
  return (
    <Answer type="ok">
      {enabled ? <Paragraph>{t("account.totp.enabled")}</Paragraph> : null}
      <Paragraph>{t("account.recovery.shown")}</Paragraph>
      <ol className="ll-recovery-codes" aria-label={t("account.recovery.list")} data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
    </Answer>
  );
}

function TotpSection({ totp, mustEnrol, result }: { totp: TotpView; mustEnrol: boolean; result?: ActionResult }) {
  const { t, lang } = useT();
  const key = (intent: string) => (result?.intent === intent && result.attempt ? result.attempt : "new");
  const shown = result?.ok && "recoveryCodes" in result ? result : undefined;
  return (
    <section aria-labelledby="totp-heading" className="ll-section" id="tweestap">
      <Heading2 id="totp-heading">{t("account.totp.heading")}</Heading2>
      {mustEnrol ? (
        <Alert type="warning" role="status">
          <Paragraph>{t("account.totp.required")}</Paragraph>
        </Alert>
      ) : null}
      <Paragraph>{t("account.totp.intro")}</Paragraph>
      {totp.enabledAt ? (
        <>
          <Paragraph>{t("account.totp.on", { date: formatDate(lang, totp.enabledAt) })}</Paragraph>
          {shown ? <RecoveryCodes codes={shown.recoveryCodes} enabled={shown.intent === "totp-confirm"} /> : null}
          <section aria-labelledby="recovery-heading">
            <Heading3 id="recovery-heading">{t("account.recovery.heading")}</Heading3>
            <Paragraph>{t("account.recovery.intro")}</Paragraph>
            <Paragraph data-testid="recovery-left">
              {totp.recoveryLeft > 0 ? t("account.recovery.left", { count: totp.recoveryLeft }) : t("account.recovery.none")}
            </Paragraph>
            <Paragraph>{t("account.recovery.regenerateIntro")}</Paragraph>
            <ProofForm
              key={key("recovery-regenerate")}
              intent="recovery-regenerate"
              headingId="recovery-heading"
              submitLabel={t("account.recovery.regenerate")}
              result={result}
            />
          </section>
          <section aria-labelledby="restart-heading">
            <Heading3 id="restart-heading">{t("account.totp.restartHeading")}</Heading3>
            <Paragraph>{t("account.totp.restartIntro")}</Paragraph>
            <ProofForm key={key("totp-restart")} intent="totp-restart" headingId="restart-heading" submitLabel={t("account.totp.restart")} result={result} />
          </section>
          <section aria-labelledby="disable-heading">
            <Heading3 id="disable-heading">{t("account.totp.disableHeading")}</Heading3>
            <Paragraph>{t("account.totp.disableIntro")}</Paragraph>
            <ProofForm key={key("totp-disable")} intent="totp-disable" headingId="disable-heading" submitLabel={t("account.totp.disable")} result={result} />
          </section>
        </>
      ) : totp.pending ? (
        <>
          <Paragraph>{t("account.totp.step1")}</Paragraph>
          <img src={totp.pending.qr} alt={t("account.totp.qrAlt")} width={220} height={220} />
          <dl className="ll-totp-secret">
            <dt>{t("account.totp.secret")}</dt>
            <dd>
              <code data-testid="totp-secret">{totp.pending.secret}</code>
            </dd>
            <dt>{t("account.totp.uri")}</dt>
            <dd>
              <code className="ll-break">{totp.pending.uri}</code>
            </dd>
          </dl>
          <Paragraph>{t("account.totp.step2")}</Paragraph>
          <CodeForm key={key("totp-confirm")} intent="totp-confirm" submitLabel={t("account.totp.confirm")} result={result} />
        </>
      ) : (
        <>
          <Paragraph>{t("account.totp.off")}</Paragraph>
          <Form method="post" className="ll-form">
            <Button type="submit" name="intent" value="totp-start" appearance="primary-action-button">
              {t("account.totp.start")}
            </Button>
          </Form>
        </>
      )}
    </section>
  );
}

function TotpSetting({ required }: { required: boolean }) {
  const { t } = useT();
  return (
    <section aria-labelledby="setting-heading" className="ll-section">
      <Heading2 id="setting-heading">{t("account.totp.setting.heading")}</Heading2>
      <Form method="post" className="ll-form">
        <FormField type="checkbox">
          <div className="utrecht-form-field__input">
            <Checkbox id="totp-required" name="required" value="1" defaultChecked={required} />
          </div>
          <div className="utrecht-form-field__label utrecht-form-field__label--checkbox">
            <FormLabel htmlFor="totp-required" type="checkbox">
              {t("account.totp.setting.label")}
            </FormLabel>
          </div>
        </FormField>
        <Button type="submit" name="intent" value="totp-required" appearance="secondary-action-button">
          {t("account.totp.setting.save")}
        </Button>
      </Form>
    </section>
  );
}

/** The personal calendar feed (issue 28, point 4): the link is shown once, right after it is made. */
function CalendarSection({ since, result }: { since: string | null; result?: ActionResult }) {
  const { t, lang } = useT();
  const made = result?.ok && "calendarUrl" in result ? result : undefined;
  return (
    <section aria-labelledby="calendar-heading" className="ll-section" id="agenda">
      <Heading2 id="calendar-heading">{t("account.calendar.heading")}</Heading2>
      <Paragraph>{t("account.calendar.intro")}</Paragraph>
      <Paragraph>{t("account.calendar.personal")}</Paragraph>
      {made ? (
        <Answer type="ok">
          <Paragraph>{t(made.renewed ? "account.calendar.renewed" : "account.calendar.made")}</Paragraph>
          <div className="ll-invite-link">
            <FormLabel htmlFor="calendar-url">{t("account.calendar.url")}</FormLabel>
            <Textbox id="calendar-url" readOnly value={made.calendarUrl} data-testid="calendar-url" />
          </div>
          <Paragraph>{t("account.calendar.howTo")}</Paragraph>
          <Paragraph>
            <a href={made.calendarUrl.replace(/^https?:/, "webcal:")} className="utrecht-link">
              {t("account.calendar.open")}
            </a>
          </Paragraph>
        </Answer>
      ) : since ? (
        <Paragraph>{t("account.calendar.since", { date: formatDate(lang, since) })}</Paragraph>
      ) : (
        <Paragraph>{t("account.calendar.none")}</Paragraph>
      )}
      {since ? <Paragraph>{t("account.calendar.lost")}</Paragraph> : null}
      <Form method="post" className="ll-form">
        <Button type="submit" name="intent" value="calendar-renew" appearance={since ? "secondary-action-button" : "primary-action-button"}>
          {t(since ? "account.calendar.renew" : "account.calendar.create")}
        </Button>
      </Form>
    </section>
  );
}

/** Which optional e-mail the person wants (issue 28, point 3); messages about the account always come. */
function MailSection({ mail, result }: { mail: { categories: { category: PreferenceCategory; enabled: boolean }[]; lang: Lang }; result?: ActionResult }) {
  const { t } = useT();
  const submitting = useIsSubmitting();
  const failed = failedFor(result, "mail-preferences");
  const ctx = useZodForm(mailPreferencesSchema, { serverErrors: failed?.fieldErrors, intent: "mail-preferences" });
  return (
    <section aria-labelledby="email-heading" className="ll-section" id="email">
      <Heading2 id="email-heading">{t("account.mail.heading")}</Heading2>
      <Paragraph>{t("account.mail.intro")}</Paragraph>
      <Paragraph>{t("account.mail.always")}</Paragraph>
      <ZodForm ctx={ctx} formError={failed?.formError ? t(failed.formError.key, failed.formError.params) : null} aria-labelledby="email-heading">
        <CheckboxGroup
          ctx={ctx}
          name="categories"
          legend={t("account.mail.legend")}
          options={mail.categories.map((c) => ({ value: c.category, label: t(`mail.category.${c.category}`) }))}
          defaultValues={mail.categories.filter((c) => c.enabled).map((c) => c.category)}
        />
        <Button type="submit" name="intent" value="mail-preferences" appearance="secondary-action-button" busy={submitting}>
          {t("account.mail.save")}
        </Button>
      </ZodForm>
      <Paragraph>{t(`account.mail.lang.${mail.lang}`)}</Paragraph>
    </section>
  );
}

export default function Account() {
  const { email, sessions, done, totp, mustEnrol, totpRequiredSetting, calendar, mail } = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const { t, lang } = useT();
  const others = sessions.filter((s) => !s.current);
  const sessionError = result && !result.ok && ["end-session", "end-others"].includes(result.intent) && result.formError ? result.formError : null;
  return (
    <>
      <Heading1>{t("account.title")}</Heading1>
      <Paragraph>{t("account.intro")}</Paragraph>
      {done ? (
        <Answer type="ok">
          <Paragraph>{t(done)}</Paragraph>
        </Answer>
      ) : null}

      {/* A fresh form per answer: react-hook-form would otherwise hide a server error on a field typed in before sending. */}
      <PasswordForm key={result?.intent === "password" ? result.attempt : "new"} email={email} result={result} />

      {totp ? <TotpSection totp={totp} mustEnrol={mustEnrol} result={result} /> : null}
      {totpRequiredSetting !== null ? <TotpSetting required={totpRequiredSetting} /> : null}
      {calendar ? <CalendarSection since={calendar.since} result={result} /> : null}
      <MailSection key={result?.intent === "mail-preferences" && result.attempt ? `mail-${result.attempt}` : "mail"} mail={mail} result={result} />

      <section className="ll-section">
        <Heading2 id="sessions-heading">{t("account.sessions.heading")}</Heading2>
        <Paragraph>{t("account.sessions.intro")}</Paragraph>
        {sessionError ? (
          <Answer type="error">
            <Paragraph>{t(sessionError.key, sessionError.params)}</Paragraph>
          </Answer>
        ) : null}
        <div className="ll-table-scroll" role="region" aria-labelledby="sessions-heading" tabIndex={0}>
          <Table className="ll-stack" role="table">
            <TableCaption className="ll-visually-hidden">{t("account.sessions.heading")}</TableCaption>
            <TableHeader role="rowgroup">
              <TableRow role="row">
                <TableHeaderCell scope="col" role="columnheader">
                  {t("account.sessions.device")}
                </TableHeaderCell>
                <TableHeaderCell scope="col" role="columnheader">
                  {t("account.sessions.started")}
                </TableHeaderCell>
                <TableHeaderCell scope="col" role="columnheader">
                  {t("account.sessions.lastSeen")}
                </TableHeaderCell>
                <TableHeaderCell scope="col" role="columnheader">
                  {t("account.sessions.ip")}
                </TableHeaderCell>
                <TableHeaderCell scope="col" role="columnheader">
                  {t("account.sessions.action")}
                </TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody role="rowgroup">
              {sessions.map((s) => {
                const device = s.userAgent ?? t("account.sessions.unknownDevice");
                return (
                  <TableRow role="row" key={s.publicId} data-testid={s.current ? "session-current" : "session-other"}>
                    <TableHeaderCell scope="row" role="rowheader" data-label={t("account.sessions.device")}>
                      {device}
                      {s.current ? <strong className="ll-session-current"> ({t("account.sessions.current")})</strong> : null}
                    </TableHeaderCell>
                    <TableCell role="cell" data-label={t("account.sessions.started")}>
                      {when(lang, s.createdAt)}
                    </TableCell>
                    <TableCell role="cell" data-label={t("account.sessions.lastSeen")}>
                      {when(lang, s.lastSeenAt)}
                    </TableCell>
                    <TableCell role="cell" data-label={t("account.sessions.ip")}>
                      {s.ip ?? t("account.sessions.unknownIp")}
                    </TableCell>
                    <TableCell role="cell" data-label={t("account.sessions.action")}>
                      {s.current ? (
                        t("account.sessions.thisDevice")
                      ) : (
                        <Form method="post" className="ll-inline-form">
                          <input type="hidden" name="sessionId" value={s.publicId} />
                          <Button
                            type="submit"
                            name="intent"
                            value="end-session"
                            appearance="secondary-action-button"
                            aria-label={t("account.sessions.endOneLabel", { device, started: when(lang, s.createdAt) })}
                          >
                            {t("account.sessions.endOne")}
                          </Button>
                        </Form>
                      )}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </div>
        {others.length > 0 ? (
          <Form method="post" className="ll-form">
            <Button type="submit" name="intent" value="end-others" appearance="secondary-action-button">
              {t("account.sessions.endOthers")}
            </Button>
          </Form>
        ) : (
          <Paragraph>{t("account.sessions.noOthers")}</Paragraph>
        )}
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
