import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Heading1, Heading2, Paragraph, UnorderedList, UnorderedListItem } from "@utrecht/component-library-react";
import { requireArea } from "../auth.server";
import { CohortTable } from "../components/cohort-table";
import { RouteErrorBoundary } from "../components/error-page";
import { TodoList } from "../components/todo-list";
import { getDb } from "../db.server";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { facilitatedGroups } from "../services/alumni-intervisie.server";
import { listCohortsForTrainer } from "../services/cohorts.server";
import { OVERDUE_DAYS, trainerTodo } from "../services/trainer-todo.server";
import { currentTime } from "../clock.server";

export const meta = titleMeta("trainer.home.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "trainer-home", context.clientIp);
  const db = getDb();
  // The signed-in trainer's own cohorts only: no id from the request is read.
  const [cohorts, todo, alumniGroups] = await Promise.all([
    listCohortsForTrainer(db, user.id),
    trainerTodo(db, user.id, currentTime()),
    facilitatedGroups(db, user.id),
  ]);
  return { cohorts, todo, overdueDays: OVERDUE_DAYS, alumniGroups };
}

export default function TrainerHome() {
  const { cohorts, todo, overdueDays, alumniGroups } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <>
      <Heading1>{t("trainer.home.title")}</Heading1>
      {cohorts.length > 0 ? (
        <>
          <TodoList groups={todo.groups} overdueDays={overdueDays} />
          <section aria-labelledby="cohorts-heading" className="ll-section">
            <Heading2 id="cohorts-heading">{t("trainer.home.cohorts")}</Heading2>
            <Paragraph>{t("trainer.home.intro")}</Paragraph>
            <CohortTable cohorts={cohorts} linkBase="/trainer/cohorten" caption={t("trainer.home.title")} />
          </section>
        </>
      ) : (
        <Paragraph>{t("trainer.home.none")}</Paragraph>
      )}
      {alumniGroups.length > 0 ? (
        <section aria-labelledby="alumni-groups-heading" className="ll-section">
          <Heading2 id="alumni-groups-heading">{t("alumniIntervisie.trainerHome")}</Heading2>
          <UnorderedList>
            {alumniGroups.map((g) => (
              <UnorderedListItem key={g.id}>
                <Link to={`/trainer/intervisie-alumni/${g.id}`}>{g.name}</Link>
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </section>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
