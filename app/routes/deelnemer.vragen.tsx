import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button, Heading1, Heading2, Paragraph } from "@utrecht/component-library-react";
import { notFound, requireArea } from "../auth.server";
import { Notice, PostAnswer } from "../components/answer";
import { RouteErrorBoundary } from "../components/error-page";
import { useIsSubmitting } from "../components/form";
import { poolWord, RequestFacts } from "../components/pool-request";
import { publicBaseUrl } from "../config.server";
import { getDb } from "../db.server";
import { userErrorToFailure, type ActionFailure } from "../forms/action.server";
import { parseForm, readForm } from "../forms/parse.server";
import { poolRespondSchema } from "../forms/pool-requests";
import type { MessageKey } from "../i18n/nl";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { withIp } from "../services/audit.server";
import { memberPage, respondToInvitation, type MemberInvitation } from "../services/pool-requests.server";

export const meta = titleMeta("poolInvitation.title");

/**
 * A pool member's invitations from buurtteams (issue 31, point 3): what the team asks, and yes or
 * no. Only for a certified participant, one in the pool, or one invited before; others: not found.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "participant-home", context.clientIp);
  return (await memberPage(getDb(), user, context.clientIp)) ?? notFound();
}

type Result = (ActionFailure & { invitation?: number }) | { ok: true; message: MessageKey; invitation: number };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireArea(request, "participant-home", context.clientIp);
  const db = getDb();
  if (!(await memberPage(db, user, context.clientIp))) notFound();
  const parsed = parseForm(poolRespondSchema, await readForm(request));
  if (!parsed.ok) return data({ ok: false, formError: { key: "form.choice.invalid" } } satisfies Result, { status: 400 });
  const { invitation, answer } = parsed.data;
  try {
    await respondToInvitation(db, withIp(user, context.clientIp), invitation, answer, undefined, { baseUrl: publicBaseUrl(request) });
    return { ok: true, message: answer === "accept" ? "poolInvitation.accepted" : "poolInvitation.declined", invitation } satisfies Result;
  } catch (error) {
    return data({ ...userErrorToFailure(error), invitation } satisfies Result, { status: 400 });
  }
}

export default function PoolInvitationsPage() {
  const { invitations } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const { t } = useT();
  return (
    <>
      <Heading1>{t("poolInvitation.title")}</Heading1>
      <Paragraph>
        <Link to="/deelnemer/pool" className="utrecht-link">
          {t("poolInvitation.back")}
        </Link>
      </Paragraph>
      {/* The answer where the person looks: at the top, in view and focused after the post. */}
      <PostAnswer result={result} />
      <Paragraph lead>{t("poolInvitation.intro")}</Paragraph>
      {invitations.length === 0 ? <Paragraph>{t("poolInvitation.none")}</Paragraph> : null}
      {invitations.map((inv) => (
        <InvitationCard key={inv.id} invitation={inv} />
      ))}
    </>
  );
}

function InvitationCard({ invitation: inv }: { invitation: MemberInvitation }) {
  const { t, date } = useT();
  const submitting = useIsSubmitting();
  const headingId = `invitation-${inv.id}`;
  const waiting = inv.status === "invited" && inv.requestOpen;
  return (
    <section aria-labelledby={headingId} className="ll-section ll-card" data-invitation={inv.id} data-status={inv.status}>
      <Heading2 id={headingId}>
        {inv.teamName}: {poolWord(t, "theme", inv.theme)}
      </Heading2>
      <Paragraph>
        <strong>
          {inv.status === "invited"
            ? t("poolInvitation.status.invited")
            : inv.status === "withdrawn"
              ? t("poolInvitation.status.withdrawn")
              : t(`poolInvitation.status.${inv.status}`, { date: date(inv.decidedAt ?? inv.invitedAt) })}
        </strong>
      </Paragraph>
      {inv.status === "accepted" ? <Paragraph data-testid="accepted-note">{t("poolInvitation.acceptedNote")}</Paragraph> : null}
      {inv.status === "invited" && !inv.requestOpen ? (
        <Notice type="info">
          <Paragraph>{t("poolInvitation.closed")}</Paragraph>
        </Notice>
      ) : null}
      <Paragraph>
        <strong>{t("poolInvitation.description")}:</strong>
      </Paragraph>
      <Paragraph className="ll-prewrap">{inv.description}</Paragraph>
      <RequestFacts request={inv} />
      {waiting ? (
        <Form method="post" className="ll-inline-form" aria-labelledby={headingId}>
          <input type="hidden" name="invitation" value={inv.id} />
          <Button type="submit" name="answer" value="accept" appearance="primary-action-button" busy={submitting}>
            {t("poolInvitation.accept")}
          </Button>{" "}
          <Button type="submit" name="answer" value="decline" appearance="secondary-action-button" busy={submitting}>
            {t("poolInvitation.decline")}
          </Button>
        </Form>
      ) : null}
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
