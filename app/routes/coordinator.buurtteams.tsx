import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Button, Heading1, Heading2, Heading3, Paragraph, UnorderedList, UnorderedListItem } from "@utrecht/component-library-react";
import { requireArea } from "../auth.server";
import { RouteErrorBoundary } from "../components/error-page";
import { InviteAnswer } from "../components/invite-answer";
import { SelectField, TextField, useIsSubmitting, useZodForm, ZodForm } from "../components/form";
import { publicBaseUrl } from "../config.server";
import { getDb } from "../db.server";
import { intentOf, userErrorToFailure, type ActionFailure } from "../forms/action.server";
import { buurtteamSchema, inviteTeamCoordinatorSchema } from "../forms/buurtteams";
import { parseForm, readForm } from "../forms/parse.server";
import { STADSDELEN } from "../forms/pool";
import type { MessageKey } from "../i18n/nl";
import type { Params } from "../i18n/translate";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { withIp } from "../services/audit.server";
import { createBuurtteam, createTeamCoordinator, listBuurtteams } from "../services/buurtteams.server";
import { createInvitation, invitationLink } from "../services/invitations.server";
import { mailEnabled } from "../services/mail-outbox.server";

export const meta = titleMeta("buurtteams.title");

/** The buurtteams and their buurtteam-coördinatoren (issue 31, point 3): course coordinators only. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireArea(request, "buurtteams-manage", context.clientIp);
  return { teams: await listBuurtteams(getDb()) };
}

type Result =
  | (ActionFailure & { intent: string })
  | { ok: true; intent: string; message: { key: MessageKey; params?: Params }; invite?: { link: string; email: string; mailed: boolean } };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireArea(request, "buurtteams-manage", context.clientIp);
  const actor = withIp(user, context.clientIp);
  const db = getDb();
  const formData = await readForm(request);
  const intent = intentOf(formData);
  try {
    switch (intent) {
      case "team": {
        const parsed = parseForm(buurtteamSchema, formData);
        if (!parsed.ok) return data({ ok: false, intent, fieldErrors: parsed.fieldErrors, values: parsed.values } satisfies Result, { status: 400 });
        await createBuurtteam(db, actor, parsed.data);
        return { ok: true, intent, message: { key: "buurtteams.team.created", params: { name: parsed.data.name } } } satisfies Result;
      }
      case "coordinator": {
        const parsed = parseForm(inviteTeamCoordinatorSchema, formData);
        if (!parsed.ok) return data({ ok: false, intent, fieldErrors: parsed.fieldErrors, values: parsed.values } satisfies Result, { status: 400 });
        const person = await createTeamCoordinator(db, actor, parsed.data);
        const baseUrl = publicBaseUrl(request);
        const { token, mailQueued } = await createInvitation(db, person.id, actor, undefined, { baseUrl });
        return {
          ok: true,
          intent,
          message: { key: "people.invite.created", params: { name: person.name, email: person.email } },
          invite: { link: invitationLink(baseUrl, token), email: person.email, mailed: mailQueued && mailEnabled() },
        } satisfies Result;
      }
      default:
        return data({ ok: false, intent, formError: { key: "form.choice.invalid" } } satisfies Result, { status: 400 });
    }
  } catch (error) {
    return data({ ...userErrorToFailure(error, Object.fromEntries(formData.entries()) as Record<string, string>), intent } satisfies Result, {
      status: 400,
    });
  }
}

function TeamForm({ result }: { result?: Result }) {
  const { t } = useT();
  const submitting = useIsSubmitting();
  const failed = result && !result.ok && result.intent === "team" ? result : undefined;
  const ctx = useZodForm(buurtteamSchema, { serverErrors: failed?.fieldErrors });
  const v = (k: string) => (typeof failed?.values?.[k] === "string" ? (failed.values[k] as string) : undefined);
  return (
    <section aria-labelledby="team-heading" className="ll-section">
      <Heading2 id="team-heading">{t("buurtteams.team.heading")}</Heading2>
      <ZodForm ctx={ctx} formError={failed?.formError ? t(failed.formError.key, failed.formError.params) : null} aria-labelledby="team-heading">
        <TextField ctx={ctx} name="name" label={t("buurtteams.team.name")} autoComplete="off" defaultValue={v("name")} required />
        <SelectField
          ctx={ctx}
          name="stadsdeel"
          label={t("buurtteams.team.stadsdeel")}
          placeholder={t("buurtteams.choose")}
          defaultValue={v("stadsdeel") ?? ""}
          options={STADSDELEN.map((s) => ({ value: s, label: t(`pool.stadsdeel.${s}`) }))}
        />
        <Button type="submit" name="intent" value="team" appearance="primary-action-button" busy={submitting}>
          {t("buurtteams.team.submit")}
        </Button>
      </ZodForm>
    </section>
  );
}

function CoordinatorForm({ teams, result }: { teams: { id: number; name: string }[]; result?: Result }) {
  const { t } = useT();
  const submitting = useIsSubmitting();
  const failed = result && !result.ok && result.intent === "coordinator" ? result : undefined;
  const ctx = useZodForm(inviteTeamCoordinatorSchema, { serverErrors: failed?.fieldErrors });
  const v = (k: string) => (typeof failed?.values?.[k] === "string" ? (failed.values[k] as string) : undefined);
  return (
    <section aria-labelledby="coordinator-heading" className="ll-section">
      <Heading2 id="coordinator-heading">{t("buurtteams.coordinator.heading")}</Heading2>
      <Paragraph>{t("buurtteams.coordinator.intro")}</Paragraph>
      <ZodForm ctx={ctx} formError={failed?.formError ? t(failed.formError.key, failed.formError.params) : null} aria-labelledby="coordinator-heading">
        <TextField ctx={ctx} name="name" label={t("people.name")} autoComplete="off" defaultValue={v("name")} required />
        <TextField ctx={ctx} name="email" type="email" label={t("people.email")} autoComplete="off" defaultValue={v("email")} required />
        <SelectField
          ctx={ctx}
          name="buurtteamId"
          label={t("buurtteams.coordinator.team")}
          placeholder={t("buurtteams.choose")}
          defaultValue={v("buurtteamId") ?? ""}
          options={teams.map((team) => ({ value: String(team.id), label: team.name }))}
        />
        <Button type="submit" name="intent" value="coordinator" appearance="primary-action-button" busy={submitting}>
          {t("people.add.submit")}
        </Button>
      </ZodForm>
    </section>
  );
}

export default function Buurtteams() {
  const { teams } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const { t } = useT();
  return (
    <>
      <Heading1>{t("buurtteams.title")}</Heading1>
      <Paragraph>{t("buurtteams.intro")}</Paragraph>
      {result?.ok ? <InviteAnswer message={result.message} invite={result.invite} /> : null}

      <section aria-labelledby="teams-heading" className="ll-section">
        <Heading2 id="teams-heading">{t("buurtteams.list.heading")}</Heading2>
        {teams.length === 0 ? <Paragraph>{t("buurtteams.list.none")}</Paragraph> : null}
        {teams.map((team) => (
          <article key={team.id} className="ll-card" aria-labelledby={`team-${team.id}`}>
            <Heading3 id={`team-${team.id}`}>{team.name}</Heading3>
            <Paragraph>
              {t("buurtteams.list.stadsdeel", { stadsdeel: t(`pool.stadsdeel.${team.stadsdeel}` as MessageKey) })}{" "}
              {t("buurtteams.list.open", { count: team.openRequests })}
            </Paragraph>
            {team.coordinators.length === 0 ? (
              <Paragraph>{t("buurtteams.list.noCoordinator")}</Paragraph>
            ) : (
              <UnorderedList>
                {team.coordinators.map((c) => (
                  <UnorderedListItem key={c.id}>
                    {c.name} ({c.email}) · {t(`status.${c.status}`)}
                  </UnorderedListItem>
                ))}
              </UnorderedList>
            )}
          </article>
        ))}
      </section>

      {teams.length > 0 ? <CoordinatorForm teams={teams} result={result} /> : null}
      <TeamForm result={result} />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
