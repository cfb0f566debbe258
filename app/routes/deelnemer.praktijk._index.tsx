import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button, Heading1, Heading2, Link as ULink, Paragraph, UnorderedList, UnorderedListItem } from "@utrecht/component-library-react";
import { requireArea } from "../auth.server";
import { RouteErrorBoundary } from "../components/error-page";
import { ActiveLinks, EntryTable, PracticeEntryForm, useHours } from "../components/practice";
import { publicBaseUrl } from "../config.server";
import { getDb } from "../db.server";
import { intentOf, userErrorToFailure, type ActionFailure } from "../forms/action.server";
import { parseForm, readForm } from "../forms/parse.server";
import { linkRefSchema, practiceEntrySchema } from "../forms/practice";
import { todayInAmsterdam } from "../guards.server";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { getPlacement, practiceLog, requestSignOff, revokeLink, saveEntry } from "../services/practice.server";
import { mailEnabled } from "../services/mail-outbox.server";
import { supervisorLinkUrl } from "../services/supervisor-mail.server";
import { Answer } from "../components/answer";

export const meta = titleMeta("practice.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "participant-schedule", context.clientIp);
  const db = getDb();
  return { log: await practiceLog(db, user.id), placement: await getPlacement(db, user.id), today: todayInAmsterdam() };
}

type Result =
  | (ActionFailure & { where: "entry" | "signoff" })
  | { ok: true; where: "entry"; entryId: number }
  | {
      ok: true;
      where: "signoff";
      url: string;
      expiresAt: string;
      entryCount: number;
      supervisorEmail: string;
      supervisorName: string;
      /** the werkbegeleider also gets the link by e-mail (mail is on) */
      mailed: boolean;
    }
  | { ok: true; where: "revoke" };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireArea(request, "participant-schedule", context.clientIp);
  const formData = await readForm(request);
  const db = getDb();
  const intent = intentOf(formData);
  if (intent === "signoff") {
    try {
      const baseUrl = publicBaseUrl(request);
      const link = await requestSignOff(db, user, undefined, { baseUrl });
      const placement = await getPlacement(db, user.id);
      const url = supervisorLinkUrl(baseUrl, link.token);
      return {
        ok: true as const,
        where: "signoff" as const,
        url,
        expiresAt: link.expiresAt,
        entryCount: link.entryCount,
        supervisorEmail: placement?.supervisor_email ?? "",
        supervisorName: placement?.supervisor_name ?? "",
        mailed: link.mailQueued && mailEnabled(),
      };
    } catch (error) {
      return data({ ...userErrorToFailure(error), where: "signoff" as const }, { status: 400 });
    }
  }
  if (intent === "revoke") {
    const parsed = parseForm(linkRefSchema, formData);
    if (!parsed.ok) return data({ ok: false, where: "signoff", formError: { key: "form.invalid" } } satisfies Result, { status: 400 });
    try {
      await revokeLink(db, user, user.id, parsed.data.linkId);
      return { ok: true as const, where: "revoke" as const };
    } catch (error) {
      return data({ ...userErrorToFailure(error), where: "signoff" as const }, { status: 400 });
    }
  }
  const parsed = parseForm(practiceEntrySchema, formData);
  if (!parsed.ok) return data({ ok: false, where: "entry", fieldErrors: parsed.fieldErrors, values: parsed.values } satisfies Result, { status: 400 });
  try {
    const entryId = await saveEntry(db, user, parsed.data, todayInAmsterdam());
    return { ok: true as const, where: "entry" as const, entryId };
  } catch (error) {
    const values = Object.fromEntries([...formData.entries()].filter((e): e is [string, string] => typeof e[1] === "string"));
    return data({ ...userErrorToFailure(error, values), where: "entry" as const }, { status: 400 });
  }
}

export default function PracticePage() {
  const { log, placement, today } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const { t, date } = useT();
  const hours = useHours();
  const entryFailed = result && !result.ok && result.where === "entry" ? result : undefined;
  const signoffFailed = result && !result.ok && result.where === "signoff" ? result : undefined;
  const openCount = log.entries.filter((e) => e.status === "open").length;
  const pct = Math.min(100, Math.round((log.totals.confirmedMinutes / Math.max(1, log.totals.targetMinutes)) * 100));
  return (
    <>
      <Heading1>{t("practice.title")}</Heading1>
      <Paragraph lead>{t("practice.intro")}</Paragraph>

      <section aria-labelledby="totals-heading" className="ll-section">
        <Heading2 id="totals-heading">{t("practice.totals")}</Heading2>
        <Paragraph>
          <strong data-testid="practice-confirmed">
            {t("practice.totals.confirmed", { hours: hours(log.totals.confirmedMinutes), target: hours(log.totals.targetMinutes) })}
          </strong>
        </Paragraph>
        <progress className="ll-progress" max={100} value={pct} aria-label={t("practice.totals.progress", { percent: pct })}>
          {pct}%
        </progress>
        <UnorderedList>
          <UnorderedListItem>
            {log.totals.met ? t("practice.totals.met") : t("practice.totals.remaining", { hours: hours(log.totals.remainingMinutes) })}
          </UnorderedListItem>
          <UnorderedListItem>{t("practice.totals.open", { hours: hours(log.totals.openMinutes) })}</UnorderedListItem>
          {log.totals.rejectedMinutes > 0 ? (
            <UnorderedListItem>{t("practice.totals.rejected", { hours: hours(log.totals.rejectedMinutes) })}</UnorderedListItem>
          ) : null}
        </UnorderedList>
      </section>

      <section aria-labelledby="placement-heading" className="ll-section">
        <Heading2 id="placement-heading">{t("placement.title")}</Heading2>
        {placement ? (
          <Paragraph>
            {placement.organisation}
            {placement.team ? `, ${placement.team}` : ""} · {t("placement.supervisorIs", { name: placement.supervisor_name })}
          </Paragraph>
        ) : (
          <Paragraph>{t("placement.none")}</Paragraph>
        )}
        <Paragraph>
          <Link to="/deelnemer/leerplek" className="utrecht-link">
            {placement ? t("placement.change") : t("placement.add")}
          </Link>
        </Paragraph>
      </section>

      <section aria-labelledby="entry-heading" className="ll-section">
        <Heading2 id="entry-heading">{t("practice.add")}</Heading2>
        {result?.ok && result.where === "entry" ? (
          <Answer type="ok">
            <Paragraph>{t("practice.added")}</Paragraph>
          </Answer>
        ) : null}
        <PracticeEntryForm
          key={result?.ok && result.where === "entry" ? `saved-${result.entryId}` : "new"}
          activities={log.activities}
          maxHoursPerDay={log.maxHoursPerDay}
          today={today}
          serverErrors={entryFailed?.fieldErrors}
          formError={entryFailed?.formError ? t(entryFailed.formError.key) : null}
          values={entryFailed?.values}
          submitLabel={t("practice.addButton")}
        />
      </section>

      <section aria-labelledby="signoff-heading" className="ll-section">
        <Heading2 id="signoff-heading">{t("practice.signoff")}</Heading2>
        <Paragraph>{t("practice.signoff.intro", { days: log.linkDays })}</Paragraph>
        {result?.ok && result.where === "signoff" ? (
          <Answer type="ok">
            <Paragraph>{t("practice.signoff.created", { count: result.entryCount, date: date(result.expiresAt) })}</Paragraph>
            {result.mailed ? <Paragraph>{t("mail.schedule.supervisor.sentNotice", { name: result.supervisorName })}</Paragraph> : null}
            <Paragraph>
              <code data-testid="signoff-url" className="ll-code">
                {result.url}
              </code>
            </Paragraph>
            <Paragraph>
              <ULink
                href={`mailto:${encodeURIComponent(result.supervisorEmail)}?subject=${encodeURIComponent(t("practice.mail.subject"))}&body=${encodeURIComponent(
                  t("practice.mail.body", { name: result.supervisorName, url: result.url }),
                )}`}
              >
                {t("practice.signoff.mail", { name: result.supervisorName })}
              </ULink>
            </Paragraph>
          </Answer>
        ) : null}
        {result?.ok && result.where === "revoke" ? (
          <Answer type="ok">
            <Paragraph>{t("practice.signoff.revoked")}</Paragraph>
          </Answer>
        ) : null}
        {signoffFailed?.formError ? (
          <Answer type="error">
            <Paragraph>{t(signoffFailed.formError.key)}</Paragraph>
          </Answer>
        ) : null}
        {openCount > 0 ? (
          <Form method="post" className="ll-inline-form">
            <Button type="submit" name="intent" value="signoff" appearance="primary-action-button">
              {t("practice.signoff.button", { count: openCount })}
            </Button>
          </Form>
        ) : (
          <Paragraph>{t("practice.nothingOpen")}</Paragraph>
        )}
        <ActiveLinks links={log.links} />
      </section>

      <section aria-labelledby="log-heading" className="ll-section">
        <Heading2 id="log-heading">{t("practice.log")}</Heading2>
        {log.entries.length === 0 ? (
          <Paragraph>{t("practice.log.empty")}</Paragraph>
        ) : (
          <EntryTable
            entries={log.entries}
            activities={log.activities}
            caption={t("practice.log.caption", { count: log.entries.length })}
            actions={(e) =>
              e.status !== "bevestigd" ? (
                <Link to={`/deelnemer/praktijk/${e.id}`} className="utrecht-link">
                  {t("practice.edit")}
                  <span className="ll-visually-hidden"> {date(e.date)}</span>
                </Link>
              ) : (
                t("practice.lockedShort")
              )
            }
          />
        )}
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
