import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { Heading1, Paragraph } from "@utrecht/component-library-react";
import { requireArea } from "../auth.server";
import { RouteErrorBoundary } from "../components/error-page";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";

export const meta = titleMeta("examiner.home.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireArea(request, "examiner-home", context.clientIp);
  return null;
}

export default function ExaminerHome() {
  const { t } = useT();
  return (
    <>
      <Heading1>{t("examiner.home.title")}</Heading1>
      <Paragraph>{t("examiner.home.intro")}</Paragraph>
      <Paragraph>
        <Link to="/leerlijn#competenties" className="utrecht-link">
          {t("examiner.home.criteria")}
        </Link>
      </Paragraph>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
