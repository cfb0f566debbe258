import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import {
  Button,
  Checkbox,
  FormField,
  FormFieldTextbox,
  FormLabel,
  Heading1,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from "@utrecht/component-library-react";
import { requireArea } from "../auth.server";
import { RouteErrorBoundary } from "../components/error-page";
import { publicBaseUrl } from "../config.server";
import { getDb } from "../db.server";
import { intentOf, userErrorToFailure, type ActionFailure } from "../forms/action.server";
import { certificateActionSchema, certificateRevokeSchema, noticeSeenSchema } from "../forms/interview";
import { SIGNATORY_ROWS, signatoriesSchema } from "../forms/signatories";
import { ErrorSummary, FieldErrorMessage, invalidFieldProps, TextField, useIsSubmitting, useZodForm, ZodForm } from "../components/form";
import { parseForm, readForm } from "../forms/parse.server";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { withIp } from "../services/audit.server";
import { certificateRegisterPage, reissueCertificate, revokeCertificate } from "../services/certificates.server";
import { setSignatories } from "../services/signatories.server";
import type { Signatory } from "../rules/signatories";
import { markNoticeSeen } from "../services/notices.server";
import { CoordinatorNotices } from "../components/coordinator-notices";
import { Answer } from "../components/answer";

export const meta = titleMeta("register.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireArea(request, "coordinator-home", context.clientIp);
  const q = new URL(request.url).searchParams.get("zoek") ?? "";
  return { q, ...(await certificateRegisterPage(getDb(), q)) };
}

type Result =
  | (ActionFailure & { intent?: string; certificateId?: string })
  | { ok: true; message: "register.revoked" | "register.reissued" | "notice.seenDone" | "signatories.saved"; number?: string; intent?: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireArea(request, "coordinator-home", context.clientIp);
  const formData = await readForm(request);
  if (intentOf(formData) === "signatories") {
    const parsed = parseForm(signatoriesSchema, formData);
    if (!parsed.ok) return data({ ok: false, intent: "signatories", fieldErrors: parsed.fieldErrors, values: parsed.values } satisfies Result, { status: 400 });
    await setSignatories(getDb(), user, parsed.data, context.clientIp ?? null);
    return { ok: true as const, intent: "signatories", message: "signatories.saved" as const };
  }
  // Revoking and reissuing are audited with the request's IP address.
  const actor = withIp({ id: user.id, role: user.role }, context.clientIp);
  if (intentOf(formData) === "noticeSeen") {
    const seen = parseForm(noticeSeenSchema, formData);
    if (!seen.ok) return data({ ok: false, fieldErrors: seen.fieldErrors } satisfies Result, { status: 400 });
    try {
      await markNoticeSeen(getDb(), user, seen.data.noticeId);
      return { ok: true as const, message: "notice.seenDone" as const };
    } catch (error) {
      return data(userErrorToFailure(error), { status: 400 });
    }
  }
  const reissue = intentOf(formData) === "reissue";
  const parsed = parseForm(reissue ? certificateActionSchema : certificateRevokeSchema, formData);
  // The row the refusal belongs to (only to show it there; the id is checked again on the next post).
  if (!parsed.ok) {
    const certificateId = typeof parsed.values.certificateId === "string" ? parsed.values.certificateId : undefined;
    return data({ ok: false, fieldErrors: parsed.fieldErrors, certificateId, values: parsed.values } satisfies Result, { status: 400 });
  }
  try {
    if (reissue) {
      const next = await reissueCertificate(getDb(), actor, parsed.data.certificateId, parsed.data.reason, {
        verifyBase: publicBaseUrl(request),
        baseUrl: publicBaseUrl(request),
      });
      return { ok: true as const, message: "register.reissued" as const, number: next.number };
    }
    await revokeCertificate(getDb(), actor, parsed.data.certificateId, parsed.data.reason);
    return { ok: true as const, message: "register.revoked" as const };
  } catch (error) {
    return data(userErrorToFailure(error), { status: 400 });
  }
}

function SignatoriesForm({ list, failure }: { list: Signatory[]; failure?: ActionFailure }) {
  const { t } = useT();
  const submitting = useIsSubmitting();
  const defaults = Object.fromEntries(
    SIGNATORY_ROWS.flatMap((n) => [
      [`name${n}`, list[n - 1]?.name ?? ""],
      [`role${n}`, list[n - 1]?.role ?? ""],
    ]),
  );
  const values = failure?.values ?? defaults;
  const ctx = useZodForm(signatoriesSchema, { serverErrors: failure?.fieldErrors, defaultValues: values });
  return (
    <ZodForm ctx={ctx} aria-labelledby="signatories-heading">
      {SIGNATORY_ROWS.map((n) => (
        <fieldset key={n} className="ll-fieldset">
          <legend className="ll-legend">{t("signatories.row", { n })}</legend>
          <TextField ctx={ctx} name={`name${n}`} label={t("signatories.name", { n })} autoComplete="off" defaultValue={String(values[`name${n}`] ?? "")} />
          <TextField ctx={ctx} name={`role${n}`} label={t("signatories.role", { n })} autoComplete="off" defaultValue={String(values[`role${n}`] ?? "")} />
        </fieldset>
      ))}
      <Button type="submit" name="intent" value="signatories" appearance="primary-action-button" busy={submitting}>
        {t("signatories.save")}
      </Button>
    </ZodForm>
  );
}

export default function Register() {
  const { q, rows, cohorts, notices, signatories } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const { t, tMessage, date } = useT();
  const signatoryAnswer = result?.intent === "signatories" ? result : undefined;
  const failed = result && !result.ok && !signatoryAnswer ? result : undefined;
  // A refused revoke or reissue whose reason or tick was missing: shown at that row's fields.
  const atRow =
    failed && (failed.fieldErrors?.reason || failed.fieldErrors?.confirm)
      ? rows.find((r) => r.state === "geldig" && String(r.id) === failed.certificateId)
      : undefined;
  const reasonError = failed?.fieldErrors?.reason
    ? failed.fieldErrors.reason === "form.required"
      ? t("register.reasonNeeded")
      : tMessage(failed.fieldErrors.reason)
    : undefined;
  const confirmError = failed?.fieldErrors?.confirm ? t("register.confirmNeeded") : undefined;
  const sentReason = typeof failed?.values?.reason === "string" ? failed.values.reason : undefined;
  return (
    <>
      <Heading1>{t("register.title")}</Heading1>
      <Paragraph>{t("register.intro")}</Paragraph>
      <CoordinatorNotices notices={notices} />
      {result?.ok && !signatoryAnswer ? (
        <Answer type="ok">
          <Paragraph>{t(result.message, { number: result.number ?? "" })}</Paragraph>
        </Answer>
      ) : null}
      {failed && !atRow ? (
        <Answer type="error">
          <Paragraph>{failed.formError ? t(failed.formError.key) : t("form.invalid")}</Paragraph>
        </Answer>
      ) : null}
      <Form method="get" className="ll-inline-form" role="search" aria-label={t("register.search")}>
        <FormFieldTextbox name="zoek" label={t("register.search")} defaultValue={q} />
        <Button type="submit" appearance="secondary-action-button">
          {t("register.searchButton")}
        </Button>
      </Form>
      <Paragraph>
        <a href={`/coordinator/certificaten.csv${q ? `?zoek=${encodeURIComponent(q)}` : ""}`} className="utrecht-link">
          {t("register.csv")}
        </a>
      </Paragraph>
      <div className="ll-table-scroll" tabIndex={0} role="region" aria-label={t("register.caption")}>
        <Table>
          <TableCaption>{t("register.caption")}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t("verify.number")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("verify.name")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("report.col.cohort")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("verify.issuedOn")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("trainings.staff.status")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("trainings.staff.actions")}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={r.id}>
                <TableHeaderCell scope="row">
                  <Link to={`/verify/${r.verification_code}`} className="utrecht-link">
                    {r.number}
                  </Link>
                </TableHeaderCell>
                <TableCell>{r.name}</TableCell>
                <TableCell>{r.cohort_name}</TableCell>
                <TableCell>{date(r.issued_at)}</TableCell>
                <TableCell>
                  {t(`register.state.${r.state}`)}
                  {r.revoke_reason ? ` (${r.revoke_reason})` : ""}
                </TableCell>
                <TableCell>
                  <a href={`/certificaten/${r.id}/certificaat.pdf`} className="utrecht-link">
                    {t("register.pdf", { number: r.number })}
                  </a>
                  {r.state === "geldig" ? (
                    <Form method="post" className="ll-form">
                      {atRow === r ? (
                        <ErrorSummary
                          links={[
                            ...(reasonError ? [{ fieldId: `reason-${r.id}`, text: `${t("register.reason", { number: r.number })}: ${reasonError}` }] : []),
                            ...(confirmError ? [{ fieldId: `confirm-${r.id}`, text: confirmError }] : []),
                          ]}
                        />
                      ) : null}
                      <input type="hidden" name="certificateId" value={r.id} />
                      <FormFieldTextbox
                        inputId={`reason-${r.id}`}
                        name="reason"
                        label={t("register.reason", { number: r.number })}
                        defaultValue={atRow === r ? sentReason : undefined}
                        invalid={atRow === r && Boolean(reasonError)}
                        errorMessage={atRow === r ? reasonError : undefined}
                      />
                      <FormField type="checkbox" invalid={atRow === r && Boolean(confirmError)}>
                        <FieldErrorMessage fieldId={`confirm-${r.id}`} error={atRow === r ? confirmError : undefined} />
                        <div className="utrecht-form-field__input">
                          <Checkbox
                            id={`confirm-${r.id}`}
                            name="confirm"
                            value="ja"
                            invalid={atRow === r && Boolean(confirmError)}
                            {...invalidFieldProps(`confirm-${r.id}`, atRow === r ? confirmError : undefined)}
                          />
                        </div>
                        <div className="utrecht-form-field__label utrecht-form-field__label--checkbox">
                          <FormLabel htmlFor={`confirm-${r.id}`} type="checkbox">
                            {t("register.revokeConfirm", { number: r.number })}
                          </FormLabel>
                        </div>
                      </FormField>
                      <div className="ll-button-row">
                        <Button type="submit" name="intent" value="revoke" appearance="secondary-action-button">
                          {t("register.revoke")}
                        </Button>
                        <Button type="submit" name="intent" value="reissue" appearance="secondary-action-button">
                          {t("register.reissue")}
                        </Button>
                      </div>
                    </Form>
                  ) : null}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <section aria-labelledby="book-heading" className="ll-section">
        <Heading2 id="book-heading">{t("register.book")}</Heading2>
        <Paragraph>{t("register.book.intro")}</Paragraph>
        <UnorderedList>
          {cohorts.map((c) => (
            <UnorderedListItem key={c.id}>
              <a href={`/coordinator/certificaten/groep/${c.id}/boek.pdf`} className="utrecht-link">
                {t("register.book.link", { name: c.name })}
              </a>
            </UnorderedListItem>
          ))}
        </UnorderedList>
      </section>
      <section aria-labelledby="signatories-heading" className="ll-section" id="ondertekening">
        <Heading2 id="signatories-heading">{t("signatories.heading")}</Heading2>
        <Paragraph>{t("signatories.intro")}</Paragraph>
        <Paragraph>
          {signatories.setting
            ? t("signatories.setBy", { name: signatories.setting.updatedBy ?? t("signatories.someone"), date: date(signatories.setting.updatedAt) })
            : t("signatories.defaults")}
        </Paragraph>
        {signatoryAnswer?.ok ? (
          <Answer type="ok">
            <Paragraph>{t("signatories.saved")}</Paragraph>
          </Answer>
        ) : null}
        <SignatoriesForm
          key={signatoryAnswer ? JSON.stringify(signatoryAnswer) : "new"}
          list={signatories.list}
          failure={signatoryAnswer && !signatoryAnswer.ok ? signatoryAnswer : undefined}
        />
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
