import { Link } from "@remix-run/react";
import { Paragraph, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from "@utrecht/component-library-react";
import type { ReactNode } from "react";
import { useT } from "../i18n/use-t";

export interface Member {
  id: number;
  name: string;
  email: string;
  status: "invited" | "active" | "disabled";
}

/** The members of a cohort; `actions` adds a cell per row (e.g. a remove button). */
export function MemberList({
  members,
  actions,
  extra,
}: {
  members: Member[];
  actions?: (m: Member) => ReactNode;
  /** an extra column, e.g. the POP status in the trainer's view */
  extra?: { header: string; cell: (m: Member) => ReactNode };
}) {
  const { t } = useT();
  if (members.length === 0) return <Paragraph>{t("cohort.members.none")}</Paragraph>;
  return (
    <div className="ll-table-scroll" role="region" aria-label={t("cohort.members")} tabIndex={0}>
      <Table>
        <TableCaption>{t("cohort.memberCount", { count: members.length })}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t("people.name")}</TableHeaderCell>
            <TableHeaderCell scope="col">{t("people.email")}</TableHeaderCell>
            <TableHeaderCell scope="col">{t("people.table.status")}</TableHeaderCell>
            {extra ? <TableHeaderCell scope="col">{extra.header}</TableHeaderCell> : null}
            {actions ? <TableHeaderCell scope="col">{t("people.table.actions")}</TableHeaderCell> : null}
          </TableRow>
        </TableHeader>
        <TableBody>
          {members.map((m) => (
            <TableRow key={m.id}>
              <TableHeaderCell scope="row">
                <Link to={`/deelnemers/${m.id}`} className="utrecht-link">
                  {m.name}
                </Link>
              </TableHeaderCell>
              <TableCell>{m.email}</TableCell>
              <TableCell>{t(`status.${m.status}`)}</TableCell>
              {extra ? <TableCell>{extra.cell(m)}</TableCell> : null}
              {actions ? <TableCell>{actions(m)}</TableCell> : null}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
