import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import {
  Button,
  Heading1,
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
import { getDb } from "../db.server";
import { auditFilterSchema } from "../forms/privacy";
import type { MessageKey } from "../i18n/nl";
import { isMessageKey } from "../i18n/translate";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { auditLogPage } from "../services/privacy.server";

export const meta = titleMeta("audit.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "privacy", context.clientIp);
  const url = new URL(request.url);
  const params = new URLSearchParams(url.search);
  const raw: Record<string, string> = {};
  for (const [k, v] of params) raw[k] = v;
  const filter = auditFilterSchema.parse(raw);
  // Searching the trail is itself a read of personal data: it is logged too.
  const { rows, hasMore, people } = await auditLogPage(getDb(), user, filter, { logSearch: Boolean(url.search), ip: context.clientIp ?? null });
  return { filter, rows, hasMore, people };
}

const OUTCOMES = ["success", "failure", "denied"] as const;

export default function AuditLog() {
  const { filter, rows, hasMore, people } = useLoaderData<typeof loader>();
  const { t, date, time } = useT();
  // Roles and subjects in words from the dictionary; a kind it does not know is shown as stored.
  const roleLabel = (role: string | null) => (role && isMessageKey(`role.${role}`) ? t(`role.${role}` as MessageKey) : (role ?? ""));
  const targetLabel = (type: string, id: string | null) => {
    const key = `audit.target.${type}`;
    return isMessageKey(key) ? t(key, { id: id ?? "" }).trim() : `${type} ${id ?? ""}`.trim();
  };
  const pageLink = (page: number) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(filter)) if (v !== undefined && k !== "page") p.set(k, String(v));
    p.set("page", String(page));
    return `?${p.toString()}`;
  };
  return (
    <>
      <Heading1>{t("audit.title")}</Heading1>
      <Paragraph lead>{t("audit.intro")}</Paragraph>
      <Form method="get" className="ll-form ll-filter-form" aria-label={t("audit.filter.label")}>
        <div className="ll-filter-grid">
          <label>
            {t("audit.filter.action")}
            <input className="utrecht-textbox" name="action" defaultValue={filter.action ?? ""} placeholder="pop." />
          </label>
          <label>
            {t("audit.filter.actor")}
            <select className="utrecht-select" name="actor" defaultValue={filter.actor ? String(filter.actor) : ""}>
              <option value="">{t("audit.filter.anyone")}</option>
              {people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("audit.filter.targetType")}
            <input className="utrecht-textbox" name="targetType" defaultValue={filter.targetType ?? ""} placeholder="participant" />
          </label>
          <label>
            {t("audit.filter.targetId")}
            <input className="utrecht-textbox" name="targetId" defaultValue={filter.targetId ?? ""} />
          </label>
          <label>
            {t("audit.filter.outcome")}
            <select className="utrecht-select" name="outcome" defaultValue={filter.outcome ?? ""}>
              <option value="">{t("audit.filter.anyOutcome")}</option>
              {OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {t(`audit.outcome.${o}` as MessageKey)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("audit.filter.from")}
            <input className="utrecht-textbox" type="date" name="from" defaultValue={filter.from ?? ""} />
          </label>
          <label>
            {t("audit.filter.to")}
            <input className="utrecht-textbox" type="date" name="to" defaultValue={filter.to ?? ""} />
          </label>
        </div>
        <Button type="submit" appearance="primary-action-button">
          {t("audit.filter.submit")}
        </Button>
      </Form>

      {rows.length === 0 ? (
        <Paragraph>{t("audit.none")}</Paragraph>
      ) : (
        <div className="ll-table-scroll" role="region" aria-labelledby="audit-caption" tabIndex={0}>
          <Table>
            <TableCaption id="audit-caption">{t("audit.caption", { page: filter.page })}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t("audit.col.at")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("audit.col.actor")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("audit.col.action")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("audit.col.target")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("audit.col.outcome")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("audit.col.ip")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((r) => (
                <TableRow key={r.id}>
                  <TableCell>
                    {date(r.at)} {time(r.at)}
                  </TableCell>
                  <TableCell>{r.actor_name ? `${r.actor_name} (${roleLabel(r.actor_role)})` : t("audit.system")}</TableCell>
                  <TableCell>
                    <code>{r.action}</code>
                  </TableCell>
                  <TableCell>
                    {r.target_type ? targetLabel(r.target_type, r.target_id) : r.typed_email ? t("audit.typedEmail", { email: r.typed_email }) : ""}
                  </TableCell>
                  <TableCell>{t(`audit.outcome.${r.outcome}` as MessageKey)}</TableCell>
                  <TableCell>{r.ip ?? ""}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      <nav aria-label={t("audit.pages")} className="ll-pager">
        {filter.page > 1 ? (
          <Link to={pageLink(filter.page - 1)} className="utrecht-link">
            {t("audit.newer")}
          </Link>
        ) : null}{" "}
        {hasMore ? (
          <Link to={pageLink(filter.page + 1)} className="utrecht-link">
            {t("audit.older")}
          </Link>
        ) : null}
      </nav>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
