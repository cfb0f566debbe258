import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ButtonLink, Heading1, Heading2, Paragraph, UnorderedList, UnorderedListItem } from "@utrecht/component-library-react";
import { requireArea } from "../auth.server";
import { RouteErrorBoundary } from "../components/error-page";
import { getDb } from "../db.server";
import { useT } from "../i18n/use-t";
import { hasCertificate } from "../services/certificates.server";
import { titleMeta } from "../meta";
import type { MessageKey } from "../i18n/nl";

/** What the download holds, one item a line (a list reads easier than one long sentence). */
const CONTENTS: MessageKey[] = [
  "myData.contents.account",
  "myData.contents.attendance",
  "myData.contents.pop",
  "myData.contents.gop",
  "myData.contents.intervisie",
  "myData.contents.practice",
  "myData.contents.trainings",
  "myData.contents.interview",
  "myData.contents.log",
];

export const meta = titleMeta("myData.title");

/** "Download my data": what the ZIP holds, in plain Dutch, and the download link (works without JavaScript). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "participant-home", context.clientIp);
  return { hasCertificate: await hasCertificate(getDb(), user.id) };
}

export default function MyData() {
  const { hasCertificate } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <>
      <Heading1>{t("myData.title")}</Heading1>
      <Paragraph lead>{t("myData.intro")}</Paragraph>

      <section aria-labelledby="what-heading" className="ll-section">
        <Heading2 id="what-heading">{t("myData.whatHeading")}</Heading2>
        <UnorderedList>
          <UnorderedListItem>{t("myData.what.pdf")}</UnorderedListItem>
          <UnorderedListItem>{t("myData.what.json")}</UnorderedListItem>
          {hasCertificate ? <UnorderedListItem>{t("myData.what.certificate")}</UnorderedListItem> : null}
        </UnorderedList>
      </section>

      <section aria-labelledby="contents-heading" className="ll-section">
        <Heading2 id="contents-heading">{t("myData.contentsHeading")}</Heading2>
        <Paragraph>{t("myData.contents")}</Paragraph>
        <UnorderedList>
          {CONTENTS.map((key) => (
            <UnorderedListItem key={key}>{t(key)}</UnorderedListItem>
          ))}
        </UnorderedList>
        <Paragraph>{t("myData.notIncluded")}</Paragraph>
      </section>

      <section aria-labelledby="care-heading" className="ll-section">
        <Heading2 id="care-heading">{t("myData.careHeading")}</Heading2>
        <Paragraph>{t("myData.care")}</Paragraph>
      </section>

      <Paragraph>
        <ButtonLink href="/deelnemer/mijn-gegevens.zip" appearance="primary-action-button" download>
          {t("myData.download")}
        </ButtonLink>
      </Paragraph>
      <Paragraph>
        <Link to="/deelnemer/privacy" className="utrecht-link">
          {t("privacy.mine.link")}
        </Link>
      </Paragraph>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
