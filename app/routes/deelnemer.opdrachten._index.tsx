import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import {
  Heading1,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import { requireArea } from "../auth.server";
import { RouteErrorBoundary } from "../components/error-page";
import { useDeadlineText } from "../components/open-assignments";
import { getDb } from "../db.server";
import { todayInAmsterdam } from "../guards.server";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { isOpen } from "../rules/assignments";
import { participantAssignments, type ParticipantAssignment } from "../services/assignments.server";

export const meta = titleMeta("assignments.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "participant-schedule", context.clientIp);
  const list = await participantAssignments(getDb(), user, todayInAmsterdam());
  // The list needs no answer texts; the page of each assignment shows them.
  return {
    items: list.map(({ answer, assignment: _a, ...rest }) => ({
      ...rest,
      hasFeedback: Boolean(answer?.feedback),
      submittedAt: answer?.submittedAt ?? null,
      late: answer?.late ?? false,
      doneAt: answer?.doneAt ?? null,
    })),
  };
}

type Item = Omit<ParticipantAssignment, "answer" | "assignment"> & { hasFeedback: boolean; submittedAt: string | null; late: boolean; doneAt: string | null };

function AssignmentTable({ id, caption, items, column }: { id: string; caption: string; items: Item[]; column: "deadline" | "submitted" | "done" }) {
  const { t, date } = useT();
  const deadlineText = useDeadlineText();
  const header = column === "deadline" ? t("assignments.deadline") : column === "submitted" ? t("assignments.submitted") : t("assignments.doneOn");
  return (
    <div className="ll-table-scroll" role="region" aria-labelledby={id} tabIndex={0}>
      <Table className="ll-stack" role="table">
        <TableCaption className="ll-visually-hidden">{caption}</TableCaption>
        <TableHeader role="rowgroup">
          <TableRow role="row">
            <TableHeaderCell scope="col" role="columnheader">
              {t("assignments.session")}
            </TableHeaderCell>
            <TableHeaderCell scope="col" role="columnheader">
              {header}
            </TableHeaderCell>
            <TableHeaderCell scope="col" role="columnheader">
              {t("assignments.state")}
            </TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody role="rowgroup">
          {items.map((a) => (
            <TableRow role="row" key={a.meetingId}>
              <TableCell role="cell" data-label={t("assignments.session")}>
                <Link to={`/deelnemer/opdrachten/${a.meetingId}`} className="utrecht-link">
                  {t("assignments.home.item", { title: a.title, date: date(a.date) })}
                </Link>
              </TableCell>
              <TableCell role="cell" data-label={header}>
                {column === "deadline" ? deadlineText(a) : column === "submitted" && a.submittedAt ? date(a.submittedAt) : a.doneAt ? date(a.doneAt) : ""}
              </TableCell>
              <TableCell role="cell" data-label={t("assignments.state")}>
                {t(`assignments.state.${a.state}`)}
                {a.late && a.state !== "late" ? ` ${t("assignments.handedInLate")}` : ""}
                {a.hasFeedback ? ` · ${t("assignments.hasFeedback")}` : ""}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

export default function MyAssignments() {
  const { items } = useLoaderData<typeof loader>();
  const { t } = useT();
  const open = items.filter((a) => isOpen(a.state));
  const waiting = items.filter((a) => a.state === "handed_in");
  const done = items.filter((a) => a.state === "done");
  return (
    <>
      <Heading1>{t("assignments.title")}</Heading1>
      <Paragraph lead>{t("assignments.intro")}</Paragraph>
      <section className="ll-section">
        <Heading2 id="open-heading">{t("assignments.open.title")}</Heading2>
        {open.length === 0 ? (
          <Paragraph>{t("assignments.open.none")}</Paragraph>
        ) : (
          <AssignmentTable id="open-heading" caption={t("assignments.open.title")} items={open} column="deadline" />
        )}
      </section>
      {waiting.length > 0 ? (
        <section className="ll-section">
          <Heading2 id="waiting-heading">{t("assignments.waiting.title")}</Heading2>
          <Paragraph>{t("assignments.waiting.intro")}</Paragraph>
          <AssignmentTable id="waiting-heading" caption={t("assignments.waiting.title")} items={waiting} column="submitted" />
        </section>
      ) : null}
      <section className="ll-section">
        <Heading2 id="done-heading">{t("assignments.done.title")}</Heading2>
        {done.length === 0 ? (
          <Paragraph>{t("assignments.done.none")}</Paragraph>
        ) : (
          <AssignmentTable id="done-heading" caption={t("assignments.done.title")} items={done} column="done" />
        )}
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
