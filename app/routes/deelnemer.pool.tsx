import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button, Heading1, Heading2, Paragraph, UnorderedList, UnorderedListItem } from "@utrecht/component-library-react";
import { notFound, requireArea } from "../auth.server";
import { Answer, Notice } from "../components/answer";
import { RouteErrorBoundary } from "../components/error-page";
import { CheckboxField, CheckboxGroup, TextareaField, TextField, useIsSubmitting, useZodForm, ZodForm } from "../components/form";
import { getDb } from "../db.server";
import { intentOf, userErrorToFailure, type ActionFailure } from "../forms/action.server";
import { parseForm, readForm } from "../forms/parse.server";
import { POOL_LANGUAGES, POOL_THEMES, poolJoinSchema, poolLeaveSchema, poolProfileSchema, STADSDELEN } from "../forms/pool";
import type { MessageKey } from "../i18n/nl";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { withIp } from "../services/audit.server";
import { leavePool, poolPage, savePoolProfile, setPoolPaused, type PoolProfile } from "../services/pool.server";
import { waitingInvitationCount } from "../services/pool-requests.server";

export const meta = titleMeta("pool.title");

/** A certified participant's own pool profile (issue 31, point 2). The certificate is checked in the service. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "participant-home", context.clientIp);
  const page = (await poolPage(getDb(), user, context.clientIp)) ?? notFound();
  // Requests from buurtteams (issue 31, point 3): how many wait for an answer.
  return { ...page, waiting: await waitingInvitationCount(getDb(), user.id) };
}

type Result = (ActionFailure & { intent?: string }) | { ok: true; message: MessageKey };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireArea(request, "participant-home", context.clientIp);
  const actor = withIp(user, context.clientIp);
  const db = getDb();
  const page = (await poolPage(db, user, context.clientIp)) ?? notFound();
  const formData = await readForm(request);
  const intent = intentOf(formData);
  try {
    switch (intent) {
      case "save": {
        const joining = !page.profile;
        const parsed = joining ? parseForm(poolJoinSchema, formData) : parseForm(poolProfileSchema, formData);
        if (!parsed.ok) return data({ ok: false, fieldErrors: parsed.fieldErrors, values: parsed.values, intent } satisfies Result, { status: 400 });
        const done = await savePoolProfile(db, actor, parsed.data);
        return { ok: true, message: done === "joined" ? "pool.joined" : "pool.updated" } satisfies Result;
      }
      case "pause":
      case "resume":
        await setPoolPaused(db, actor, intent === "pause");
        return { ok: true, message: intent === "pause" ? "pool.paused" : "pool.resumed" } satisfies Result;
      case "leave": {
        const parsed = parseForm(poolLeaveSchema, formData);
        if (!parsed.ok) return data({ ok: false, fieldErrors: parsed.fieldErrors, intent } satisfies Result, { status: 400 });
        await leavePool(db, actor);
        return { ok: true, message: "pool.left" } satisfies Result;
      }
      default:
        return data({ ok: false, formError: { key: "form.choice.invalid" } } satisfies Result, { status: 400 });
    }
  } catch (error) {
    return data({ ...userErrorToFailure(error), intent } satisfies Result, { status: 400 });
  }
}

export default function PoolPage() {
  const { certified, profile, accountEmail, waiting } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const { t, date } = useT();
  const failed = result && !result.ok ? result : null;
  return (
    <>
      <Heading1>{t("pool.title")}</Heading1>
      {result?.ok ? (
        <Answer type="ok">
          <Paragraph>{t(result.message)}</Paragraph>
        </Answer>
      ) : failed?.formError && failed.intent !== "save" ? (
        <Answer type="error">
          <Paragraph>{t(failed.formError.key, failed.formError.params)}</Paragraph>
        </Answer>
      ) : null}
      <Paragraph lead>{t("pool.intro")}</Paragraph>
      <Paragraph data-testid="pool-invitations-link">
        <Link to="/deelnemer/vragen" className="utrecht-link">
          {t("poolInvitation.homeLink")}
        </Link>
        {waiting > 0 ? <strong>{` · ${t("poolInvitation.waiting", { count: waiting })}`}</strong> : null}
      </Paragraph>
      {certified ? (
        <Paragraph>
          <Link to="/deelnemer/intervisie-alumni">{t("alumniIntervisie.fromPool")}</Link>
        </Paragraph>
      ) : null}
      {profile ? (
        <Paragraph>
          <strong>{profile.pausedAt ? t("pool.state.paused", { date: date(profile.pausedAt) }) : t("pool.state.active")}</strong>
        </Paragraph>
      ) : null}
      <section aria-labelledby="pool-consent-heading" className="ll-section">
        <Heading2 id="pool-consent-heading">{t("pool.consent.heading")}</Heading2>
        <UnorderedList>
          <UnorderedListItem>{t("pool.consent.what")}</UnorderedListItem>
          <UnorderedListItem>{t("pool.consent.who")}</UnorderedListItem>
          <UnorderedListItem>{t("pool.consent.contact")}</UnorderedListItem>
          <UnorderedListItem>{t("pool.consent.stop")}</UnorderedListItem>
        </UnorderedList>
      </section>
      {certified ? (
        <ProfileForm
          profile={profile}
          accountEmail={accountEmail}
          serverErrors={failed?.intent === "save" ? failed.fieldErrors : undefined}
          values={failed?.intent === "save" ? failed.values : undefined}
          formError={failed?.intent === "save" && failed.formError ? t(failed.formError.key, failed.formError.params) : null}
        />
      ) : (
        // Still in the pool, but the certificate is no longer valid: they can pause or leave.
        <Notice type="info">
          <Paragraph>{t("pool.notCertified")}</Paragraph>
          <Paragraph>{t("pool.notCertified.more")}</Paragraph>
        </Notice>
      )}
      {profile ? (
        <>
          <PauseForm paused={Boolean(profile.pausedAt)} certified={certified} />
          <LeaveForm serverErrors={failed?.intent === "leave" ? failed.fieldErrors : undefined} />
        </>
      ) : null}
    </>
  );
}

function ProfileForm({
  profile,
  accountEmail,
  serverErrors,
  values,
  formError,
}: {
  profile: PoolProfile | null;
  accountEmail: string;
  serverErrors?: Record<string, string>;
  values?: Record<string, string | string[]>;
  formError: string | null;
}) {
  const { t } = useT();
  const submitting = useIsSubmitting();
  const ctx = useZodForm(profile ? poolProfileSchema : poolJoinSchema, { serverErrors, intent: "save" });
  const text = (name: string, fallback: string | number | null | undefined) => {
    const x = values?.[name];
    return typeof x === "string" ? x : fallback == null ? "" : String(fallback);
  };
  const chosen = (name: string, fallback: string[] | undefined) => {
    const x = values?.[name];
    return Array.isArray(x) ? x : typeof x === "string" ? [x] : values ? [] : (fallback ?? []);
  };
  return (
    <section aria-labelledby="pool-form-heading" className="ll-section">
      <Heading2 id="pool-form-heading">{t("pool.form.heading")}</Heading2>
      <ZodForm ctx={ctx} formError={formError} aria-labelledby="pool-form-heading">
        <input type="hidden" name="intent" value="save" />
        <TextareaField
          ctx={ctx}
          name="experience"
          label={t("pool.experience")}
          description={t("pool.experience.help")}
          defaultValue={text("experience", profile?.experience)}
          required
        />
        <CheckboxGroup
          ctx={ctx}
          name="themes"
          legend={t("pool.themes")}
          options={POOL_THEMES.map((v) => ({ value: v, label: t(`pool.theme.${v}`) }))}
          defaultValues={chosen("themes", profile?.themes)}
        />
        <CheckboxGroup
          ctx={ctx}
          name="languages"
          legend={t("pool.languages")}
          options={POOL_LANGUAGES.map((v) => ({ value: v, label: t(`pool.language.${v}`) }))}
          defaultValues={chosen("languages", profile?.languages ?? ["nl"])}
        />
        <CheckboxGroup
          ctx={ctx}
          name="stadsdelen"
          legend={t("pool.stadsdelen")}
          options={STADSDELEN.map((v) => ({ value: v, label: t(`pool.stadsdeel.${v}`) }))}
          defaultValues={chosen("stadsdelen", profile?.stadsdelen)}
        />
        <TextField
          ctx={ctx}
          name="hoursPerWeek"
          type="number"
          label={t("pool.hours")}
          description={t("pool.hours.help")}
          defaultValue={text("hoursPerWeek", profile?.hoursPerWeek)}
          required
        />
        <TextField ctx={ctx} name="availableFrom" type="date" label={t("pool.from")} defaultValue={text("availableFrom", profile?.availableFrom)} />
        <TextField ctx={ctx} name="availableUntil" type="date" label={t("pool.until")} defaultValue={text("availableUntil", profile?.availableUntil)} />
        <Heading2 id="pool-contact-heading">{t("pool.contact.heading")}</Heading2>
        <Paragraph>{t("pool.contact.help")}</Paragraph>
        <TextField
          ctx={ctx}
          name="contactPhone"
          type="tel"
          autoComplete="tel"
          label={t("pool.phone")}
          defaultValue={text("contactPhone", profile?.contactPhone)}
        />
        <TextField
          ctx={ctx}
          name="contactEmail"
          type="email"
          autoComplete="email"
          label={t("pool.email")}
          defaultValue={text("contactEmail", profile ? profile.contactEmail : accountEmail)}
        />
        {profile ? null : <CheckboxField ctx={ctx} name="consent" value="ja" label={t("pool.consent.label")} />}
        <Button type="submit" appearance="primary-action-button" busy={submitting}>
          {profile ? t("pool.save") : t("pool.join")}
        </Button>
      </ZodForm>
    </section>
  );
}

function PauseForm({ paused, certified }: { paused: boolean; certified: boolean }) {
  const { t } = useT();
  const submitting = useIsSubmitting();
  if (paused && !certified) return null;
  return (
    <section aria-labelledby="pool-pause-heading" className="ll-section">
      <Heading2 id="pool-pause-heading">{t("pool.pause.heading")}</Heading2>
      <Paragraph>{t("pool.pause.text")}</Paragraph>
      <Form method="post">
        <input type="hidden" name="intent" value={paused ? "resume" : "pause"} />
        <Button type="submit" appearance="secondary-action-button" busy={submitting}>
          {paused ? t("pool.resume") : t("pool.pause")}
        </Button>
      </Form>
    </section>
  );
}

function LeaveForm({ serverErrors }: { serverErrors?: Record<string, string> }) {
  const { t } = useT();
  const submitting = useIsSubmitting();
  const ctx = useZodForm(poolLeaveSchema, { serverErrors, intent: "leave" });
  return (
    <section aria-labelledby="pool-leave-heading" className="ll-section">
      <Heading2 id="pool-leave-heading">{t("pool.leave.heading")}</Heading2>
      <Paragraph>{t("pool.leave.text")}</Paragraph>
      <ZodForm ctx={ctx} aria-labelledby="pool-leave-heading">
        <input type="hidden" name="intent" value="leave" />
        <CheckboxField ctx={ctx} name="confirm" value="ja" label={t("pool.leave.confirm")} />
        <Button type="submit" appearance="secondary-action-button" busy={submitting}>
          {t("pool.leave")}
        </Button>
      </ZodForm>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
