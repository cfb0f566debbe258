import { Link } from "@remix-run/react";
import { Heading2, Heading3, Paragraph, UnorderedList, UnorderedListItem } from "@utrecht/component-library-react";
import { useT } from "../i18n/use-t";
import type { MessageKey } from "../i18n/nl";
import type { TodoGroup, TodoItem, TodoKind } from "../services/trainer-todo.server";

/** Loader data arrives serialised: the same shapes, as plain JSON. */
type Group = Pick<TodoGroup, "kind" | "count" | "overdue"> & { items: TodoItem[] };

const HEADING: Record<TodoKind, MessageKey> = {
  pop: "todo.pop.heading",
  gop: "todo.gop.heading",
  practice: "todo.practice.heading",
  assignments: "todo.assignments.heading",
  attendance: "todo.attendance.heading",
  atRisk: "todo.atRisk.heading",
  interview: "todo.interview.heading",
};

/**
 * "Te doen": what waits, per kind a heading with its count and a list of links to the place to act.
 * Lists, not a table, so it fits a phone; empty groups are left out, and with nothing at all a calm
 * sentence says so.
 */
export function TodoList({ groups, overdueDays, plan = false }: { groups: Group[]; overdueDays: number; plan?: boolean }) {
  const { t } = useT();
  const waiting = groups.filter((g) => g.count > 0);
  return (
    <section aria-labelledby="todo-heading" className="ll-section ll-todo" data-testid="todo">
      <Heading2 id="todo-heading">{t("todo.heading")}</Heading2>
      {waiting.length === 0 ? (
        <Paragraph>{t("todo.empty")}</Paragraph>
      ) : (
        waiting.map((g) => (
          <section key={g.kind} aria-labelledby={`todo-${g.kind}`} data-kind={g.kind}>
            <Heading3 id={`todo-${g.kind}`}>{t(HEADING[g.kind], { count: g.count })}</Heading3>
            <UnorderedList>
              {g.items.map((item) => (
                <UnorderedListItem key={item.href}>
                  <TodoLine kind={g.kind} item={item} overdueDays={overdueDays} plan={plan} />
                </UnorderedListItem>
              ))}
            </UnorderedList>
          </section>
        ))
      )}
    </section>
  );
}

function TodoLine({ kind, item, overdueDays, plan }: { kind: TodoKind; item: TodoItem; overdueDays: number; plan: boolean }) {
  const { t, date } = useT();
  const when = item.date ? date(item.date) : "";
  const label = (() => {
    switch (kind) {
      case "gop":
        // The cohort's name follows outside the link: the cohort table below links that name itself.
        return t("todo.gop.item");
      case "practice":
        return t("todo.practice.item", { name: item.name, count: item.count });
      case "assignments":
        return t("todo.assignments.item", { title: item.name, date: when, count: item.count });
      case "attendance":
        return t("todo.attendance.item", { title: item.name, date: when });
      case "interview":
        return plan ? t("todo.interview.plan", { name: item.name }) : item.name;
      default:
        return item.name;
    }
  })();
  const details = [
    item.cohortName,
    (kind === "pop" || kind === "gop") && when ? t("todo.submittedOn", { date: when }) : null,
    kind === "practice" && when ? t("todo.waitingSince", { date: when }) : null,
  ].filter((d): d is string => Boolean(d));
  return (
    <>
      <Link to={item.href} className="utrecht-link">
        {label}
      </Link>
      {details.length > 0 ? <span className="ll-todo__details"> · {details.join(" · ")}</span> : null}
      {item.overdue ? <strong className="ll-flag"> · {t("todo.overdue", { days: overdueDays })}</strong> : null}
    </>
  );
}
