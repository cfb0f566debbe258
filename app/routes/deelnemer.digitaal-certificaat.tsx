import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import {
  Button,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldDescription,
  FormLabel,
  Heading1,
  Paragraph,
  RadioButton,
} from "@utrecht/component-library-react";
import { notFound, requireArea } from "../auth.server";
import { Answer } from "../components/answer";
import { RouteErrorBoundary } from "../components/error-page";
import { errorIdFor, FieldErrorMessage, invalidFieldProps, useIsSubmitting, useZodForm, ZodForm } from "../components/form";
import { getDb } from "../db.server";
import { intentOf, userErrorToFailure, type ActionFailure } from "../forms/action.server";
import { credentialNameSchema } from "../forms/credential-name";
import { parseForm, readForm } from "../forms/parse.server";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { ownCertificate } from "../services/certificates.server";
import { credentialShowsName, setCredentialNameChoice } from "../services/credentials/access.server";

/*
 * The digital certificate (issue 30): what it is, the download, and the participant's choice whether
 * their name is in it. Its own page, so the participant's home does not load a form library for a
 * choice made once (issue 26: what a page costs on a phone).
 */
export const meta = titleMeta("credential.page.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "participant-home", context.clientIp);
  const db = getDb();
  const certificate = await ownCertificate(db, user.id);
  const valid = certificate && certificate.state === "geldig" ? certificate : null;
  return {
    certificate: valid ? { id: valid.id, number: valid.number, showsName: await credentialShowsName(db, valid.id) } : null,
    saved: new URL(request.url).searchParams.get("klaar") === "naam",
  };
}

/**
 * Issue 30, point 1: "Mijn naam staat in het digitale certificaat", yes or no. Only for the
 * participant's own certificate (checked in the service; someone else's is a 404). A change signs a
 * new digital certificate; the earlier one is revoked in the status list.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireArea(request, "participant-home", context.clientIp);
  const formData = await readForm(request);
  const intent = intentOf(formData);
  if (intent !== "credential-name") return data({ ok: false, formError: { key: "form.invalid" } } satisfies ActionFailure, { status: 400 });
  const parsed = parseForm(credentialNameSchema, formData);
  if (!parsed.ok) return data({ ok: false, fieldErrors: parsed.fieldErrors, values: parsed.values } satisfies ActionFailure, { status: 400 });
  try {
    const outcome = await setCredentialNameChoice(getDb(), user, parsed.data.certificateId, parsed.data.showName === "ja", context.clientIp ?? null);
    if (outcome === "denied") notFound();
  } catch (error) {
    return data(userErrorToFailure(error), { status: 400 });
  }
  return redirect("/deelnemer/digitaal-certificaat?klaar=naam#credential-name");
}

/** The yes/no choice of the name in the digital certificate; works without JavaScript. */
function CredentialNameForm({ certificateId, showsName, saved }: { certificateId: number; showsName: boolean; saved: boolean }) {
  const { t } = useT();
  const submitting = useIsSubmitting();
  const result = useActionData<ActionFailure>();
  const ctx = useZodForm(credentialNameSchema, { serverErrors: result?.fieldErrors, intent: "credential-name" });
  const id = ctx.idFor("showName");
  const error = ctx.errorFor("showName");
  return (
    <ZodForm
      ctx={ctx}
      formError={result?.formError ? t(result.formError.key, result.formError.params) : null}
      id="credential-name"
      aria-labelledby="credential-name-legend"
    >
      {saved ? (
        <Answer type="ok">
          <Paragraph>{t("credential.name.saved")}</Paragraph>
        </Answer>
      ) : null}
      <input type="hidden" {...ctx.field("certificateId")} defaultValue={certificateId} />
      <Fieldset invalid={Boolean(error)} aria-describedby={[`${id}-description`, error ? errorIdFor(id) : null].filter(Boolean).join(" ")}>
        <FieldsetLegend id="credential-name-legend">{t("credential.name.legend")}</FieldsetLegend>
        <FormFieldDescription id={`${id}-description`} className="utrecht-form-field__description">
          {t("credential.name.explain")} {t("credential.name.pdf")}
        </FormFieldDescription>
        <FieldErrorMessage fieldId={id} error={error} />
        {(["ja", "nee"] as const).map((value, i) => (
          <FormField key={value} type="radio">
            <div className="utrecht-form-field__input">
              <RadioButton
                // The first choice carries the field's id: the error summary's link lands there.
                id={i === 0 ? id : `${id}-${value}`}
                value={value}
                defaultChecked={(value === "ja") === showsName}
                {...ctx.field("showName")}
                invalid={Boolean(error)}
                {...invalidFieldProps(id, error)}
              />
            </div>
            <div className="utrecht-form-field__label utrecht-form-field__label--radio">
              <FormLabel htmlFor={i === 0 ? id : `${id}-${value}`} type="radio">
                {t(value === "ja" ? "credential.name.yes" : "credential.name.no")}
              </FormLabel>
            </div>
          </FormField>
        ))}
      </Fieldset>
      <Button type="submit" name="intent" value="credential-name" appearance="secondary-action-button" busy={submitting}>
        {t("credential.name.save")}
      </Button>
    </ZodForm>
  );
}

export default function DigitalCertificate() {
  const { certificate, saved } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <>
      <Heading1>{t("credential.page.title")}</Heading1>
      {certificate ? (
        <>
          <Paragraph>{t("credential.home.text")}</Paragraph>
          <Paragraph>{t("credential.home.where")}</Paragraph>
          <Paragraph>
            <a href={`/certificaten/${certificate.id}/credential.json`} className="utrecht-link" download>
              {t("credential.home.download")}
            </a>
          </Paragraph>
          <CredentialNameForm certificateId={certificate.id} showsName={certificate.showsName} saved={saved} />
        </>
      ) : (
        <Paragraph>{t("credential.page.none")}</Paragraph>
      )}
      <Paragraph>
        <Link to="/deelnemer" className="utrecht-link">
          {t("credential.page.back")}
        </Link>
      </Paragraph>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
