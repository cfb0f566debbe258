import { data, type HeadersFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import {
  Alert,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading1,
  Heading2,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from "@utrecht/component-library-react";
import { RouteErrorBoundary } from "../components/error-page";
import { FingerprintCheck } from "../components/fingerprint-check";
import { publicBaseUrl } from "../config.server";
import { getDb } from "../db.server";
import { credentialCheckForCode } from "../services/credentials/access.server";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { verifyForVisitor } from "../services/verify.server";

export const meta = titleMeta<typeof loader>("verify.title", ({ certificate }, { t }) =>
  certificate ? t("verify.pageTitle", { number: certificate.number }) : t("verify.unknownTitle"),
);
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store", "X-Robots-Tag": "noindex" });

/** Public: anyone with the code sees whether the certificate is valid and what it certifies. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const answer = await verifyForVisitor(getDb(), params.code ?? "", context.clientIp ?? null);
  if (answer.status !== 200)
    return data(
      { state: answer.status === 429 ? ("tooMany" as const) : ("unknown" as const), certificate: null, code: null, credential: null },
      { status: answer.status },
    );
  // Issue 30: the signed credential of this certificate, checked as any verifier would (signature, then status list).
  const check = await credentialCheckForCode(getDb(), params.code ?? "", publicBaseUrl(request)).catch(() => undefined);
  const credential = check ? { signatureValid: check.signatureValid, revoked: check.revoked } : null;
  return { state: "found" as const, certificate: answer.certificate, code: params.code ?? "", credential };
}

export default function Verify() {
  const { state, certificate: c, code, credential } = useLoaderData<typeof loader>();
  const { t, date, number, list } = useT();
  if (state !== "found" || !c) {
    return (
      <section className="ll-narrow" aria-labelledby="verify-title">
        <Heading1 id="verify-title">{t("verify.title")}</Heading1>
        <Alert type="warning" role="status">
          <Paragraph>{state === "tooMany" ? t("verify.tooMany") : t("verify.unknown")}</Paragraph>
        </Alert>
      </section>
    );
  }
  return (
    <>
      <Heading1>{t("verify.title")}</Heading1>
      {c.state === "geldig" ? (
        <Alert type="ok" role="status">
          <Paragraph>
            <strong>{t("verify.state.geldig")}</strong> {t("verify.state.geldig.text", { number: c.number })}
          </Paragraph>
        </Alert>
      ) : c.state === "ingetrokken_na_correctie" ? (
        <Alert type="error" role="status">
          <Paragraph>
            <strong>{t("verify.state.ingetrokken_na_correctie")}</strong>{" "}
            {t("verify.state.ingetrokken_na_correctie.text", { number: c.number, date: date(c.revokedOn ?? "") })}
          </Paragraph>
        </Alert>
      ) : c.state === "ingetrokken" ? (
        <Alert type="error" role="status">
          <Paragraph>
            <strong>{t("verify.state.ingetrokken")}</strong> {t("verify.state.ingetrokken.text", { number: c.number, date: date(c.revokedOn ?? "") })}
          </Paragraph>
        </Alert>
      ) : (
        <Alert type="warning" role="status">
          <Paragraph>
            <strong>{t("verify.state.vervangen")}</strong> {t("verify.state.vervangen.text", { number: c.number })}{" "}
            {c.successor ? (
              <Link to={`/verify/${c.successor.code}`} className="utrecht-link">
                {t("verify.successor", { number: c.successor.number })}
              </Link>
            ) : null}
          </Paragraph>
        </Alert>
      )}
      <Heading2>{t("verify.what")}</Heading2>
      <DataList>
        <DataListItem>
          <DataListKey>{t("verify.name")}</DataListKey>
          <DataListValue>
            <bdi>{c.participantName}</bdi>
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t("verify.leerlijn")}</DataListKey>
          <DataListValue>{t("verify.leerlijnValue", { name: c.leerlijn.name, version: c.leerlijn.version })}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t("verify.hours")}</DataListKey>
          <DataListValue>{t("certificate.pdf.hours", { learning: number(c.hours.learning), practice: number(c.hours.practice) })}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t("verify.trainings")}</DataListKey>
          <DataListValue>{c.trainings.length ? list(c.trainings) : "–"}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t("verify.issuedOn")}</DataListKey>
          <DataListValue>{date(c.issuedOn)}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t("verify.number")}</DataListKey>
          <DataListValue>{c.number}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t("verify.issuer")}</DataListKey>
          <DataListValue>{c.issuer}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t("verify.fingerprint")}</DataListKey>
          <DataListValue>
            <code className="ll-code" data-testid="fingerprint">
              {c.pdfSha256}
            </code>
          </DataListValue>
        </DataListItem>
      </DataList>
      <Heading2>{t("verify.check")}</Heading2>
      <Paragraph>{t("verify.check.intro")}</Paragraph>
      <FingerprintCheck expected={c.pdfSha256} />
      <Paragraph>
        <a href={`/api/verify/${code}`} className="utrecht-link">
          {t("verify.json")}
        </a>
      </Paragraph>
      {credential ? (
        <section aria-labelledby="credential-heading" data-testid="credential">
          <Heading2 id="credential-heading">{t("credential.verify.title")}</Heading2>
          <UnorderedList>
            <UnorderedListItem data-signature={credential.signatureValid ? "ok" : "bad"}>
              {t(credential.signatureValid ? "credential.verify.signature.ok" : "credential.verify.signature.bad")}
            </UnorderedListItem>
            {credential.revoked !== null ? (
              <UnorderedListItem data-status={credential.revoked ? "revoked" : "ok"}>
                {t(credential.revoked ? "credential.verify.status.revoked" : "credential.verify.status.ok")}
              </UnorderedListItem>
            ) : null}
          </UnorderedList>
          <Paragraph>
            <a href={`/verify/${code}/credential.json`} className="utrecht-link" download>
              {t("credential.verify.download")}
            </a>
          </Paragraph>
          <Paragraph>
            <Link to="/verify/credential" className="utrecht-link">
              {t("credential.verify.checkOther")}
            </Link>
          </Paragraph>
        </section>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
