import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Button, Heading1, Heading2, Heading3, Paragraph, UnorderedList, UnorderedListItem } from "@utrecht/component-library-react";
import { notFound, requireArea } from "../auth.server";
import { PostAnswer } from "../components/answer";
import { RouteErrorBoundary } from "../components/error-page";
import { useIsSubmitting } from "../components/form";
import { getDb } from "../db.server";
import { intentOf, userErrorToFailure, type ActionFailure } from "../forms/action.server";
import { alumniJoinSchema } from "../forms/alumni-intervisie";
import { parseForm, readForm } from "../forms/parse.server";
import { idField } from "../forms/fields";
import type { MessageKey } from "../i18n/nl";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { reportAbsence, withdrawAbsence } from "../services/absence.server";
import { alumniIntervisiePage, mayUseAlumniIntervisie, removeMember, requestToJoin, withdrawRequest } from "../services/alumni-intervisie.server";
import { withIp } from "../services/audit.server";
import { z } from "zod";

export const meta = titleMeta("alumniIntervisie.title");

const meetingSchema = z.object({ meetingId: idField });

/**
 * City-wide intervisie for alumni (issue 31 point 4): open groups without other members' names,
 * "Ik wil meedoen", the alum's own requests and the meetings of their group, with afmelden. Only
 * with a valid certificate: anyone else gets the pool's answer (not found, the refusal audited).
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "participant-home", context.clientIp);
  return (await alumniIntervisiePage(getDb(), user, context.clientIp)) ?? notFound();
}

type Result = ActionFailure | { ok: true; message: MessageKey };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireArea(request, "participant-home", context.clientIp);
  const actor = withIp(user, context.clientIp);
  const db = getDb();
  // The same door as the page: only alumni (a valid certificate); anyone else is not found, audited.
  if (!(await mayUseAlumniIntervisie(db, user, context.clientIp))) notFound();
  const formData = await readForm(request);
  const intent = intentOf(formData);
  try {
    if (intent === "join" || intent === "withdraw" || intent === "leave") {
      const parsed = parseForm(alumniJoinSchema, formData);
      if (!parsed.ok) return data({ ok: false, fieldErrors: parsed.fieldErrors } satisfies Result, { status: 400 });
      if (intent === "join") {
        await requestToJoin(db, actor, parsed.data.groupId);
        return { ok: true, message: "alumniIntervisie.requested" } satisfies Result;
      }
      // Withdrawing and leaving: always allowed, for the person themselves only.
      if (intent === "withdraw") await withdrawRequest(db, actor, parsed.data.groupId);
      else await removeMember(db, parsed.data.groupId, user.id, actor);
      return { ok: true, message: intent === "withdraw" ? "alumniIntervisie.withdrawn" : "alumniIntervisie.left" } satisfies Result;
    }
    if (intent === "absent" || intent === "present") {
      const parsed = parseForm(meetingSchema, formData);
      if (!parsed.ok) return data({ ok: false, fieldErrors: parsed.fieldErrors } satisfies Result, { status: 400 });
      if (intent === "absent") await reportAbsence(db, actor, parsed.data.meetingId, null);
      else await withdrawAbsence(db, actor, parsed.data.meetingId);
      return { ok: true, message: intent === "absent" ? "absence.saved" : "absence.withdrawn" } satisfies Result;
    }
    return data({ ok: false, formError: { key: "form.choice.invalid" } } satisfies Result, { status: 400 });
  } catch (error) {
    return data(userErrorToFailure(error) satisfies Result, { status: 400 });
  }
}

export default function AlumniIntervisie() {
  const { groups, meetings } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const { t, date } = useT();
  const submitting = useIsSubmitting();
  const upcoming = meetings.filter((m) => !m.past);
  return (
    <>
      <Heading1>{t("alumniIntervisie.title")}</Heading1>
      <PostAnswer result={result} />
      <Paragraph lead>{t("alumniIntervisie.intro")}</Paragraph>
      <Paragraph>{t("alumniIntervisie.privacy")}</Paragraph>

      {meetings.length > 0 || groups.some((g) => g.mine === "member") ? (
        <section aria-labelledby="my-meetings" className="ll-section">
          <Heading2 id="my-meetings">{t("alumniIntervisie.meetings.heading")}</Heading2>
          {upcoming.length === 0 ? (
            <Paragraph>{t("alumniIntervisie.meetings.none")}</Paragraph>
          ) : (
            <UnorderedList>
              {upcoming.map((m) => (
                <UnorderedListItem key={m.id}>
                  <strong>{t("alumniIntervisie.meeting.when", { date: date(m.date), start: m.start_time, end: m.end_time })}</strong> · {m.groupName}
                  {m.location ? ` · ${m.location}` : ""}
                  {m.cancelled ? (
                    ` · ${t("alumniIntervisie.meeting.cancelled")}`
                  ) : (
                    <Form method="post" className="ll-inline-form">
                      <input type="hidden" name="meetingId" value={m.id} />
                      {m.absent ? (
                        <>
                          {t("alumniIntervisie.meeting.absent")}{" "}
                          <Button type="submit" name="intent" value="present" appearance="secondary-action-button" busy={submitting}>
                            {t("absence.withdraw")}
                          </Button>
                        </>
                      ) : (
                        <Button type="submit" name="intent" value="absent" appearance="secondary-action-button" busy={submitting}>
                          {t("alumniIntervisie.meeting.afmelden")}
                        </Button>
                      )}
                    </Form>
                  )}
                </UnorderedListItem>
              ))}
            </UnorderedList>
          )}
        </section>
      ) : null}

      <section aria-labelledby="groups-heading" className="ll-section">
        <Heading2 id="groups-heading">{t("alumniIntervisie.groups.heading")}</Heading2>
        {groups.length === 0 ? <Paragraph>{t("alumniIntervisie.none")}</Paragraph> : null}
        {groups.map((g) => (
          <article key={g.id} aria-labelledby={`group-${g.id}`} className="ll-card">
            <Heading3 id={`group-${g.id}`}>{g.name}</Heading3>
            <UnorderedList>
              <UnorderedListItem>
                {t("alumniIntervisie.place")}: {g.place} ({t(`pool.stadsdeel.${g.stadsdeel}`)})
              </UnorderedListItem>
              <UnorderedListItem>
                {t("alumniIntervisie.facilitator")}: {g.facilitatorName ?? "–"}
              </UnorderedListItem>
              <UnorderedListItem>
                {g.placesLeft > 0 ? t("alumniIntervisie.placesLeft", { count: g.placesLeft }) : t("alumniIntervisie.fullShort")}
              </UnorderedListItem>
              <UnorderedListItem>{g.nextDate ? t("alumniIntervisie.next", { date: date(g.nextDate) }) : t("alumniIntervisie.noNext")}</UnorderedListItem>
            </UnorderedList>
            {g.mine === "member" ? <Paragraph>{t("alumniIntervisie.mine.member")}</Paragraph> : null}
            {g.mine === "open" ? <Paragraph>{t("alumniIntervisie.mine.open")}</Paragraph> : null}
            {g.mine === "refused" ? <Paragraph>{t("alumniIntervisie.mine.refused")}</Paragraph> : null}
            <Form method="post">
              <input type="hidden" name="groupId" value={g.id} />
              {g.mine === "member" ? (
                <Button type="submit" name="intent" value="leave" appearance="secondary-action-button" busy={submitting}>
                  {t("alumniIntervisie.leave")}
                </Button>
              ) : g.mine === "open" ? (
                <Button type="submit" name="intent" value="withdraw" appearance="secondary-action-button" busy={submitting}>
                  {t("alumniIntervisie.withdraw")}
                </Button>
              ) : g.placesLeft > 0 ? (
                <Button type="submit" name="intent" value="join" appearance="primary-action-button" busy={submitting}>
                  {t("alumniIntervisie.join")}
                </Button>
              ) : null}
            </Form>
          </article>
        ))}
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
