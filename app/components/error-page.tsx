import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { Heading1, Paragraph } from "@utrecht/component-library-react";
import type { MessageKey } from "../i18n/nl";
import { useT } from "../i18n/use-t";
import { REF_ATTRIBUTE, useErrorRef } from "../request-info";

const TEXT: Record<number, { title: MessageKey; body: MessageKey }> = {
  403: { title: "error.403.title", body: "error.403.body" },
  404: { title: "error.404.title", body: "error.404.body" },
  413: { title: "plain.tooLarge.heading", body: "plain.tooManyFields.body" },
  500: { title: "error.500.title", body: "error.500.body" },
};

/** The Dutch (or English) page for an error status; never a stack trace. A 5xx shows the request's reference code. */
export function ErrorPage({ status }: { status: number }) {
  const { t } = useT();
  const ref = useErrorRef();
  const text = TEXT[status] ?? (status >= 500 ? TEXT[500] : { title: "error.generic.title" as const, body: "error.500.body" as const });
  return (
    <section className="ll-error" aria-labelledby="ll-error-title">
      <Heading1 id="ll-error-title">{t(text.title)}</Heading1>
      <Paragraph>{t(text.body)}</Paragraph>
      {status >= 500 && ref ? (
        <Paragraph>
          {t("error.ref.label")}{" "}
          <strong {...{ [REF_ATTRIBUTE]: ref }} className="ll-ref">
            {ref}
          </strong>
          <br />
          {t("error.ref.help")}
        </Paragraph>
      ) : null}
      <Paragraph>
        <Link to="/" className="utrecht-link">
          {t("error.backHome")}
        </Link>
      </Paragraph>
    </section>
  );
}

/** An ErrorBoundary for any route: picks the status and shows the shared page. */
export function RouteErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return <ErrorPage status={status} />;
}
