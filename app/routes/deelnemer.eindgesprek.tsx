import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Button, Heading1, Heading2, Paragraph } from "@utrecht/component-library-react";
import { requireArea } from "../auth.server";
import { RouteErrorBoundary } from "../components/error-page";
import { TextareaField, useIsSubmitting, useZodForm, ZodForm } from "../components/form";
import { getDb } from "../db.server";
import { userErrorToFailure, type ActionFailure } from "../forms/action.server";
import { objectionSchema } from "../forms/interview";
import { parseForm, readForm } from "../forms/parse.server";
import { idField } from "../forms/fields";
import { todayInAmsterdam } from "../guards.server";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { withIp } from "../services/audit.server";
import { lodgeObjection, participantInterviewPage } from "../services/interviews.server";
import { Answer } from "../components/answer";
import { Explain } from "../components/explain";

export const meta = titleMeta("myInterview.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "participant-schedule", context.clientIp);
  return participantInterviewPage(getDb(), user.id, todayInAmsterdam());
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireArea(request, "participant-schedule", context.clientIp);
  const formData = await readForm(request);
  const interviewId = idField.safeParse(formData.get("interviewId"));
  const parsed = parseForm(objectionSchema, formData);
  if (!interviewId.success) return data({ ok: false, formError: { key: "form.invalid" } } satisfies ActionFailure, { status: 400 });
  if (!parsed.ok) return data({ ok: false, fieldErrors: parsed.fieldErrors, values: parsed.values } satisfies ActionFailure, { status: 400 });
  try {
    await lodgeObjection(getDb(), withIp({ id: user.id, role: user.role }, context.clientIp), interviewId.data, parsed.data.text, todayInAmsterdam());
    return { ok: true as const };
  } catch (error) {
    return data(userErrorToFailure(error), { status: 400 });
  }
}

function ObjectionForm({ interviewId, failed }: { interviewId: number; failed?: ActionFailure }) {
  const { t } = useT();
  const submitting = useIsSubmitting();
  const ctx = useZodForm(objectionSchema, { serverErrors: failed?.fieldErrors });
  return (
    <ZodForm ctx={ctx} formError={failed?.formError ? t(failed.formError.key) : null} aria-labelledby={`objection-${interviewId}`}>
      <input type="hidden" name="interviewId" value={interviewId} />
      <TextareaField ctx={ctx} name="text" label={t("myInterview.objection.label")} description={t("myInterview.objection.help")} rows={5} />
      <Button type="submit" appearance="secondary-action-button" busy={submitting}>
        {t("myInterview.objection.submit")}
      </Button>
    </ZodForm>
  );
}

export default function MyInterview() {
  const { interviews, certificates } = useLoaderData<typeof loader>();
  const result = useActionData<ActionFailure | { ok: true }>();
  const { t, date } = useT();
  const failed = result && !result.ok ? result : undefined;
  const valid = certificates.find((c) => c.state === "geldig");
  return (
    <>
      <Heading1>{t("myInterview.title")}</Heading1>
      <Explain term="eindgesprek" />
      {result?.ok ? (
        <Answer type="ok">
          <Paragraph>{t("myInterview.objection.sent")}</Paragraph>
        </Answer>
      ) : null}
      {valid ? (
        <section aria-labelledby="cert-heading" className="ll-section">
          <Heading2 id="cert-heading">{t("myInterview.certificate")}</Heading2>
          <Paragraph>{t("myInterview.certificate.text", { number: valid.number, date: date(valid.issued_at) })}</Paragraph>
          <Paragraph>
            <a href={`/certificaten/${valid.id}/certificaat.pdf`} className="utrecht-link">
              {t("certificate.download")}
            </a>
          </Paragraph>
        </section>
      ) : null}
      {interviews.length === 0 ? <Paragraph>{t("myInterview.none")}</Paragraph> : null}
      {interviews
        .filter((i) => !i.superseded)
        .map((i) => (
          <section key={i.id} aria-labelledby={`interview-${i.id}`} className="ll-section">
            <Heading2 id={`interview-${i.id}`}>{t("myInterview.on", { date: date(i.date), time: i.start_time })}</Heading2>
            {i.location ? <Paragraph>{i.location}</Paragraph> : null}
            {i.final ? (
              <>
                <Paragraph>
                  <strong>{t("interview.outcome")}:</strong> {i.outcome ? t(`interview.outcome.${i.outcome}`) : "–"}
                </Paragraph>
                <Paragraph>
                  <strong>{t("interview.motivation")}:</strong> {i.motivation}
                </Paragraph>
                {i.advice ? (
                  <Paragraph>
                    <strong>{t("interview.advice")}:</strong> {i.advice}
                  </Paragraph>
                ) : null}
                {i.objections.map((o) => (
                  <Paragraph key={o.id}>
                    {t("objection.lodgedOn", { date: date(o.lodged_at) })}: {o.text}
                    <br />
                    {o.resolved_at ? t("objection.resolvedOn", { date: date(o.resolved_at), resolution: o.resolution ?? "" }) : t("objection.open")}
                  </Paragraph>
                ))}
                {i.mayObject ? (
                  <>
                    <Heading2 id={`objection-${i.id}`}>{t("objection.title")}</Heading2>
                    <Paragraph>{t("myInterview.objection.intro", { date: date(i.deadline ?? "") })}</Paragraph>
                    <ObjectionForm interviewId={i.id} failed={failed} />
                  </>
                ) : null}
              </>
            ) : (
              <Paragraph>{t("myInterview.planned")}</Paragraph>
            )}
          </section>
        ))}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
