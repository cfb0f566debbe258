import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Button, Heading1, Heading2, Paragraph, UnorderedList, UnorderedListItem } from "@utrecht/component-library-react";
import { notFound, requireArea } from "../auth.server";
import { Answer, Notice, PostAnswer } from "../components/answer";
import { RouteErrorBoundary } from "../components/error-page";
import { useIsSubmitting } from "../components/form";
import { getDb } from "../db.server";
import { intentOf, userErrorToFailure, type ActionFailure } from "../forms/action.server";
import { alumniDecisionSchema, alumniRemoveSchema } from "../forms/alumni-intervisie";
import { parseForm, readForm } from "../forms/parse.server";
import { idParam } from "../guards.server";
import type { MessageKey } from "../i18n/nl";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { alumniGroupDetail, decideRequest, removeMember } from "../services/alumni-intervisie.server";
import { withIp } from "../services/audit.server";

export const meta = titleMeta<typeof loader>("alumniIntervisie.title", ({ group }) => group.name);

/** One city-wide group: its requests (accept, refuse) and members (remove). Coordinators only. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireArea(request, "cohorts-manage", context.clientIp);
  const group = await alumniGroupDetail(getDb(), idParam(params, "groupId"));
  if (!group) notFound();
  return { group };
}

type Result = ActionFailure | { ok: true; message: MessageKey };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireArea(request, "cohorts-manage", context.clientIp);
  const groupId = idParam(params, "groupId");
  const actor = withIp(user, context.clientIp);
  const formData = await readForm(request);
  const intent = intentOf(formData);
  try {
    if (intent === "accept" || intent === "refuse") {
      const parsed = parseForm(alumniDecisionSchema, formData);
      if (!parsed.ok) return data({ ok: false, fieldErrors: parsed.fieldErrors } satisfies Result, { status: 400 });
      await decideRequest(getDb(), groupId, parsed.data.requestId, intent, actor);
      return { ok: true, message: intent === "accept" ? "alumniIntervisie.accepted" : "alumniIntervisie.refused" } satisfies Result;
    }
    if (intent === "remove") {
      const parsed = parseForm(alumniRemoveSchema, formData);
      if (!parsed.ok) return data({ ok: false, fieldErrors: parsed.fieldErrors } satisfies Result, { status: 400 });
      await removeMember(getDb(), groupId, parsed.data.participantId, actor);
      return { ok: true, message: "alumniIntervisie.removed" } satisfies Result;
    }
    return data({ ok: false, formError: { key: "form.choice.invalid" } } satisfies Result, { status: 400 });
  } catch (error) {
    return data(userErrorToFailure(error) satisfies Result, { status: 400 });
  }
}

export default function AlumniGroup() {
  const { group } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const [search] = useSearchParams();
  const { t, date } = useT();
  const submitting = useIsSubmitting();
  const full = group.members >= group.maxMembers;
  return (
    <>
      <Paragraph>
        <Link to="/coordinator/intervisie-alumni">{t("alumniIntervisie.back")}</Link>
      </Paragraph>
      <Heading1>{group.name}</Heading1>
      {result?.ok || result?.formError ? (
        <PostAnswer result={result} />
      ) : search.get("nieuw") ? (
        <Answer type="ok">
          <Paragraph>{t("alumniIntervisie.created")}</Paragraph>
        </Answer>
      ) : null}
      <Paragraph>
        {group.place} · {t(`pool.stadsdeel.${group.stadsdeel}`)} · {t("alumniIntervisie.facilitator")}: {group.facilitator?.name ?? "–"}
      </Paragraph>
      <Paragraph>
        {t("alumniIntervisie.table.members")}: {t("alumniIntervisie.membersCount", { count: group.members, max: group.maxMembers })}
      </Paragraph>
      <Paragraph>
        <Link to={`/trainer/intervisie-alumni/${group.id}`}>{t("alumniIntervisie.staffPage")}</Link>
      </Paragraph>
      {full ? (
        <Notice type="warning">
          <Paragraph>{t("alumniIntervisie.fullNotice", { count: group.members, max: group.maxMembers })}</Paragraph>
        </Notice>
      ) : null}
      <section aria-labelledby="requests-heading" className="ll-section">
        <Heading2 id="requests-heading">{t("alumniIntervisie.requests.heading")}</Heading2>
        {group.requests.length === 0 ? (
          <Paragraph>{t("alumniIntervisie.requests.none")}</Paragraph>
        ) : (
          <UnorderedList>
            {group.requests.map((r) => (
              <UnorderedListItem key={r.id}>
                <strong>{r.name}</strong> · {t("alumniIntervisie.requestedOn", { date: date(r.requestedAt) })}
                {r.certified ? "" : ` · ${t("alumniIntervisie.noCertificate")}`}
                <Form method="post" className="ll-inline-form">
                  <input type="hidden" name="requestId" value={r.id} />
                  {full || !r.certified ? null : (
                    <Button type="submit" name="intent" value="accept" appearance="primary-action-button" busy={submitting}>
                      {t("alumniIntervisie.accept")}
                    </Button>
                  )}{" "}
                  <Button type="submit" name="intent" value="refuse" appearance="secondary-action-button" busy={submitting}>
                    {t("alumniIntervisie.refuse")}
                  </Button>
                </Form>
              </UnorderedListItem>
            ))}
          </UnorderedList>
        )}
      </section>
      <section aria-labelledby="members-heading" className="ll-section">
        <Heading2 id="members-heading">{t("alumniIntervisie.members.heading")}</Heading2>
        {group.memberList.length === 0 ? (
          <Paragraph>{t("alumniIntervisie.members.none")}</Paragraph>
        ) : (
          <UnorderedList>
            {group.memberList.map((m) => (
              <UnorderedListItem key={m.id}>
                {m.name}
                <Form method="post" className="ll-inline-form">
                  <input type="hidden" name="participantId" value={m.id} />
                  <Button type="submit" name="intent" value="remove" appearance="secondary-action-button" busy={submitting}>
                    {t("alumniIntervisie.remove")}
                  </Button>
                </Form>
              </UnorderedListItem>
            ))}
          </UnorderedList>
        )}
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
