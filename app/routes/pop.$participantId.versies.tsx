import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import {
  Button,
  FormLabel,
  Heading1,
  Heading2,
  Heading3,
  Paragraph,
  Select,
  SelectOption,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import { diffWords } from "diff";
import { notFound, requireArea } from "../auth.server";
import { RouteErrorBoundary } from "../components/error-page";
import { getDb } from "../db.server";
import { parseForm, readForm } from "../forms/parse.server";
import { popRestoreSchema } from "../forms/pop";
import { idParam } from "../guards.server";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { compareVersions } from "../rules/pop";
import { popContext, popState, popVersionContent, restorePopVersion } from "../services/pop.server";

export const meta = titleMeta<typeof loader>("pop.versions.title", ({ ctx }, { t }) => t("pop.versions.heading", { name: ctx.participant.name }));

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "participant-profile", context.clientIp);
  const participantId = idParam(params, "participantId");
  const db = getDb();
  const ctx = await popContext(db, user, participantId);
  if (!ctx) notFound();
  const state = await popState(db, participantId);
  const url = new URL(request.url);
  const newest = state.version;
  const b = Number(url.searchParams.get("b") ?? newest);
  const a = Number(url.searchParams.get("a") ?? Math.max(1, b - 1));
  let comparison = null;
  if (newest > 0 && Number.isInteger(a) && Number.isInteger(b)) {
    const [older, newer] = await Promise.all([popVersionContent(db, participantId, a), popVersionContent(db, participantId, b)]);
    if (older && newer) {
      const competencyTitle = (code: string) => ctx.competencies.find((c) => c.code === code)?.title ?? code;
      const parts = (before: string, after: string) => diffWords(before, after).map((p) => ({ value: p.value, added: !!p.added, removed: !!p.removed }));
      comparison = {
        a,
        b,
        sections: compareVersions(older, newer, competencyTitle).map((s) => ({
          code: s.code,
          change: s.change,
          parts: parts(s.before, s.after),
          // A leerdoel shows each changed field under the form's label (rendered below), not as one text.
          fields: s.fields.map((f) => ({ field: f.field, change: f.change, parts: parts(f.before, f.after) })),
        })),
      };
    }
  }
  return { ctx, versions: state.versions, events: state.events, comparison };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireArea(request, "participant-schedule", context.clientIp);
  const participantId = idParam(params, "participantId");
  if (participantId !== user.id) notFound();
  const parsed = parseForm(popRestoreSchema, await readForm(request));
  if (!parsed.ok) return data({ ok: false }, { status: 400 });
  await restorePopVersion(getDb(), user, parsed.data.version);
  return redirect("/deelnemer/pop");
}

function DiffText({ parts }: { parts: { value: string; added: boolean; removed: boolean }[] }) {
  return (
    // The person's own words, in Dutch also inside the English interface (WCAG 3.1.2).
    <p className="ll-diff ll-prewrap" lang="nl">
      {parts.map((p, i) => (p.added ? <ins key={i}>{p.value}</ins> : p.removed ? <del key={i}>{p.value}</del> : <span key={i}>{p.value}</span>))}
    </p>
  );
}

export default function PopVersions() {
  const { ctx, versions, events, comparison } = useLoaderData<typeof loader>();
  const { t, date } = useT();
  const sectionTitle = (code: string) =>
    code.startsWith("leerdoel-")
      ? t("pop.leerdoel", { number: Number(code.slice(9)) })
      : t(code === "wie-ben-ik" ? "pop.wieBenIk" : code === "sterke-kanten" ? "pop.sterkeKanten" : "pop.ontwikkelpunten");
  return (
    <>
      <Paragraph>
        <Link to={ctx.viewerIs === "owner" ? "/deelnemer/pop" : `/pop/${ctx.participant.id}`} className="utrecht-link">
          {t("pop.versions.back")}
        </Link>
      </Paragraph>
      <Heading1>{t("pop.versions.heading", { name: ctx.participant.name })}</Heading1>
      {versions.length === 0 ? (
        <Paragraph>{t("pop.notStarted")}</Paragraph>
      ) : (
        <div className="ll-table-scroll" role="region" aria-label={t("pop.versions.title")} tabIndex={0}>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t("pop.versions.number")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("pop.versions.when")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("pop.versions.status")}</TableHeaderCell>
                {ctx.viewerIs === "owner" ? <TableHeaderCell scope="col">{t("people.table.actions")}</TableHeaderCell> : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {versions.map((v) => (
                <TableRow key={v.number}>
                  <TableHeaderCell scope="row">
                    {t("pop.version", { number: v.number })}
                    {v.restored_from ? ` (${t("pop.versions.restoredFrom", { number: v.restored_from })})` : ""}
                  </TableHeaderCell>
                  <TableCell>{date(v.created_at)}</TableCell>
                  <TableCell>
                    {events
                      .filter((e) => e.version_number === v.number)
                      .map((e) => t(`pop.event.${e.action}`, { name: e.actor ?? "", number: v.number }))
                      .join(" · ")}
                  </TableCell>
                  {ctx.viewerIs === "owner" ? (
                    <TableCell>
                      <Form method="post">
                        <input type="hidden" name="version" value={v.number} />
                        <Button type="submit" appearance="subtle-button" aria-label={t("pop.versions.restoreLabel", { number: v.number })}>
                          {t("pop.versions.restore")}
                        </Button>
                      </Form>
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {versions.length > 1 ? (
        <section aria-labelledby="compare" className="ll-section">
          <Heading2 id="compare">{t("pop.versions.compare")}</Heading2>
          <Form method="get" className="ll-inline-form">
            <FormLabel htmlFor="a">{t("pop.versions.from")}</FormLabel>
            <Select id="a" name="a" defaultValue={String(comparison?.a ?? "")}>
              {versions.map((v) => (
                <SelectOption key={v.number} value={String(v.number)}>
                  {v.number}
                </SelectOption>
              ))}
            </Select>
            <FormLabel htmlFor="b">{t("pop.versions.to")}</FormLabel>
            <Select id="b" name="b" defaultValue={String(comparison?.b ?? "")}>
              {versions.map((v) => (
                <SelectOption key={v.number} value={String(v.number)}>
                  {v.number}
                </SelectOption>
              ))}
            </Select>
            <Button type="submit" appearance="secondary-action-button">
              {t("pop.versions.show")}
            </Button>
          </Form>
          {comparison
            ? comparison.sections
                .filter((s) => s.change !== "same")
                .map((s) => (
                  <article key={s.code} className="ll-card">
                    <Heading2 className="ll-card__title">
                      {sectionTitle(s.code)} · {t(`pop.change.${s.change}`)}
                    </Heading2>
                    {s.code.startsWith("leerdoel-") ? (
                      s.fields.map((f) => (
                        <div key={f.field}>
                          <Heading3>
                            {t(`pop.field.${f.field}`)} · {t(`pop.change.${f.change}`)}
                          </Heading3>
                          <DiffText parts={f.parts} />
                        </div>
                      ))
                    ) : (
                      <DiffText parts={s.parts} />
                    )}
                  </article>
                ))
            : null}
          {comparison && comparison.sections.every((s) => s.change === "same") ? <Paragraph>{t("pop.versions.same")}</Paragraph> : null}
        </section>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
