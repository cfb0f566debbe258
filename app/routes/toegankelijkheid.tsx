import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Heading1, Heading2, Link, Paragraph, UnorderedList, UnorderedListItem } from "@utrecht/component-library-react";
import { config } from "../config.server";
import { RouteErrorBoundary } from "../components/error-page";
import type { MessageKey } from "../i18n/nl";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";

export const meta = titleMeta("statement.title");

/**
 * The accessibility statement (issue 27, point 8), public, after the model of the Dutch government
 * (toegankelijkheidsverklaring.nl): the standard and the status, how it is tested, what is not right
 * yet, how to report a problem, and the date. Update STATEMENT_DATE and the list of open points
 * together with the tests that show them (tests/e2e/page-titles.test.ts, phone-width.test.ts).
 */
const STATEMENT_DATE = "2026-12-06";

const TESTED: MessageKey[] = ["statement.tested.axe", "statement.tested.keyboard", "statement.tested.reflow", "statement.tested.audit"];

/** What is still open (issue 27 and the browsers the menu needs), honestly. */
const OPEN: MessageKey[] = ["statement.open.pdf", "statement.open.menu"];

export function loader(_: LoaderFunctionArgs) {
  return { contactEmail: config().contactEmail };
}

export default function AccessibilityStatement() {
  const { contactEmail } = useLoaderData<typeof loader>();
  const { t, date } = useT();
  return (
    <article className="ll-narrow">
      <Heading1>{t("statement.title")}</Heading1>
      <Paragraph lead>{t("statement.intro", { provider: t("app.provider") })}</Paragraph>

      <section aria-labelledby="statement-scope" className="ll-section">
        <Heading2 id="statement-scope">{t("statement.scope.heading")}</Heading2>
        <Paragraph>{t("statement.scope.body", { app: t("app.name") })}</Paragraph>
        <Paragraph>{t("statement.standard")}</Paragraph>
      </section>

      <section aria-labelledby="statement-status" className="ll-section">
        <Heading2 id="statement-status">{t("statement.status.heading")}</Heading2>
        <Paragraph>{t("statement.status.body")}</Paragraph>
      </section>

      <section aria-labelledby="statement-tested" className="ll-section">
        <Heading2 id="statement-tested">{t("statement.tested.heading")}</Heading2>
        <UnorderedList>
          {TESTED.map((key) => (
            <UnorderedListItem key={key}>{t(key)}</UnorderedListItem>
          ))}
        </UnorderedList>
      </section>

      <section aria-labelledby="statement-open" className="ll-section">
        <Heading2 id="statement-open">{t("statement.open.heading")}</Heading2>
        <Paragraph>{t("statement.open.intro")}</Paragraph>
        <UnorderedList>
          {OPEN.map((key) => (
            <UnorderedListItem key={key}>{t(key)}</UnorderedListItem>
          ))}
        </UnorderedList>
      </section>

      <section aria-labelledby="statement-report" className="ll-section">
        <Heading2 id="statement-report">{t("statement.report.heading")}</Heading2>
        <Paragraph>{t("statement.report.body")}</Paragraph>
        <Paragraph>
          {contactEmail ? (
            <>
              {t("statement.report.email")} <Link href={`mailto:${contactEmail}`}>{contactEmail}</Link>
            </>
          ) : (
            t("statement.report.provider", { provider: t("app.provider") })
          )}
        </Paragraph>
        <Paragraph>{t("statement.report.answer")}</Paragraph>
      </section>

      <section aria-labelledby="statement-about" className="ll-section">
        <Heading2 id="statement-about">{t("statement.about.heading")}</Heading2>
        <Paragraph>{t("statement.about.body", { date: date(STATEMENT_DATE) })}</Paragraph>
      </section>
    </article>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
