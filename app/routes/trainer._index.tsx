import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Heading1, Paragraph } from "@utrecht/component-library-react";
import { requireArea } from "../auth.server";
import { CohortTable } from "../components/cohort-table";
import { RouteErrorBoundary } from "../components/error-page";
import { getDb } from "../db.server";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { listCohortsForTrainer } from "../services/cohorts.server";

export const meta = titleMeta("trainer.home.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "trainer-home", context.clientIp);
  return { cohorts: await listCohortsForTrainer(getDb(), user.id) };
}

export default function TrainerHome() {
  const { cohorts } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <>
      <Heading1>{t("trainer.home.title")}</Heading1>
      {cohorts.length > 0 ? (
        <>
          <Paragraph>{t("trainer.home.intro")}</Paragraph>
          <CohortTable cohorts={cohorts} linkBase="/trainer/cohorten" caption={t("trainer.home.title")} />
        </>
      ) : (
        <Paragraph>{t("trainer.home.none")}</Paragraph>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
