import { Link } from "@remix-run/react";
import { Heading2, Paragraph, UnorderedList, UnorderedListItem } from "@utrecht/component-library-react";
import { useT } from "../i18n/use-t";
import type { AssignmentState } from "../rules/assignments";

export interface OpenAssignmentItem {
  meetingId: number;
  title: string;
  date: string;
  deadline: string | null;
  state: AssignmentState;
}

/** When an oefenopdracht is due, in words: the date, "te laat" after it, or the next meeting. */
export function useDeadlineText() {
  const { t, date } = useT();
  return (a: { deadline: string | null; state: AssignmentState }) =>
    a.deadline === null
      ? t("assignments.deadline.none")
      : a.state === "late"
        ? t("assignments.deadline.late", { date: date(a.deadline) })
        : t("assignments.deadline.on", { date: date(a.deadline) });
}

/** The participant's oefenopdrachten still to hand in, for the home page. */
export function OpenAssignments({ items }: { items: OpenAssignmentItem[] }) {
  const { t, date } = useT();
  const deadlineText = useDeadlineText();
  return (
    <section aria-labelledby="assignments-heading" className="ll-section">
      <Heading2 id="assignments-heading">{t("assignments.home.title")}</Heading2>
      {items.length === 0 ? (
        <Paragraph>{t("assignments.home.none")}</Paragraph>
      ) : (
        <>
          <Paragraph>{t("assignments.home.intro", { count: items.length })}</Paragraph>
          <UnorderedList>
            {items.map((a) => (
              <UnorderedListItem key={a.meetingId}>
                <Link to={`/deelnemer/opdrachten/${a.meetingId}`} className="utrecht-link">
                  {t("assignments.home.item", { title: a.title, date: date(a.date) })}
                </Link>
                {` · ${deadlineText(a)}`}
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </>
      )}
      <Paragraph>
        <Link to="/deelnemer/opdrachten" className="utrecht-link">
          {t("assignments.home.all")}
        </Link>
      </Paragraph>
    </section>
  );
}
