import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DataList, DataListItem, DataListKey, DataListValue, Heading1, Paragraph } from "@utrecht/component-library-react";
import { requireArea } from "../auth.server";
import { RouteErrorBoundary } from "../components/error-page";
import { getDb } from "../db.server";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { coordinatorStats } from "../services/stats.server";
import { openNotices } from "../services/notices.server";
import { CoordinatorNotices } from "../components/coordinator-notices";
import { TodoList } from "../components/todo-list";
import { coordinatorTodo, OVERDUE_DAYS } from "../services/trainer-todo.server";
import { currentTime } from "../clock.server";

export const meta = titleMeta("coordinator.home.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireArea(request, "coordinator-home", context.clientIp);
  const db = getDb();
  return {
    stats: await coordinatorStats(db),
    notices: await openNotices(db),
    // The coordinator's "Te doen": who is ready for the final interview without a planned one.
    todo: [await coordinatorTodo(db, currentTime())],
    overdueDays: OVERDUE_DAYS,
  };
}

export default function CoordinatorHome() {
  const { stats, notices, todo, overdueDays } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <>
      <Heading1>{t("coordinator.home.title")}</Heading1>
      <Paragraph lead>{t("coordinator.home.intro")}</Paragraph>
      <CoordinatorNotices notices={notices} />
      <TodoList groups={todo} overdueDays={overdueDays} plan />
      <DataList className="ll-stats">
        <DataListItem>
          <DataListKey>
            <Link to="/coordinator/mensen" className="utrecht-link">
              {t("coordinator.stat.participants")}
            </Link>
          </DataListKey>
          <DataListValue>{stats.participants}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t("coordinator.stat.trainers")}</DataListKey>
          <DataListValue>{stats.trainers}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>
            <Link to="/coordinator/cohorten" className="utrecht-link">
              {t("coordinator.stat.cohorts")}
            </Link>
          </DataListKey>
          <DataListValue>{stats.cohorts}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t("coordinator.stat.invited")}</DataListKey>
          <DataListValue>{stats.invited}</DataListValue>
        </DataListItem>
      </DataList>
      <Paragraph>
        <Link to="/coordinator/privacy" className="utrecht-link">
          {t("coordinator.home.privacy")}
        </Link>
        {" · "}
        <Link to="/coordinator/auditlog" className="utrecht-link">
          {t("coordinator.home.audit")}
        </Link>
      </Paragraph>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
