import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import {
  Button,
  FormLabel,
  Heading1,
  Heading2,
  Heading3,
  OrderedList,
  OrderedListItem,
  Paragraph,
  Select,
  SelectOption,
  UnorderedList,
  UnorderedListItem,
} from "@utrecht/component-library-react";
import { notFound, requireArea } from "../auth.server";
import { RouteErrorBoundary } from "../components/error-page";
import { getDb } from "../db.server";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { getVersion, latestVersionId, listVersions } from "../services/curriculum.server";

export const meta = titleMeta("curriculum.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireArea(request, "curriculum", context.clientIp);
  const db = getDb();
  const requested = new URL(request.url).searchParams.get("versie");
  const id = requested ? Number(requested) : await latestVersionId(db);
  if (id === undefined) return { version: null, versions: [] };
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const version = await getVersion(db, id);
  if (!version) notFound();
  return { version, versions: await listVersions(db) };
}

export default function Curriculum() {
  const { version, versions } = useLoaderData<typeof loader>();
  const { t, date, list } = useT();
  if (!version) {
    return (
      <>
        <Heading1>{t("curriculum.title")}</Heading1>
        <Paragraph>{t("curriculum.none")}</Paragraph>
      </>
    );
  }
  const d = version.definition;
  return (
    <>
      <Heading1>{version.name}</Heading1>
      <Paragraph lead>{t("curriculum.version", { version: version.version, date: date(version.valid_from) })}</Paragraph>
      <Paragraph>{t("curriculum.issuer", { issuer: d.issuer, partners: list(d.partners) })}</Paragraph>

      {versions.length > 1 ? (
        <Form method="get" className="ll-inline-form">
          <FormLabel htmlFor="versie">{t("curriculum.versions.label")}</FormLabel>
          <Select id="versie" name="versie" defaultValue={String(version.id)}>
            {versions.map((v) => (
              <SelectOption key={v.id} value={String(v.id)}>
                {t("cohort.leerlijn", { name: v.name, version: v.version })}
              </SelectOption>
            ))}
          </Select>
          <Button type="submit" appearance="secondary-action-button">
            {t("curriculum.versions.submit")}
          </Button>
        </Form>
      ) : null}

      <section aria-labelledby="hours" className="ll-section">
        <Heading2 id="hours">{t("curriculum.hours.heading")}</Heading2>
        <UnorderedList>
          <UnorderedListItem>{t("curriculum.hours.learning", { hours: d.rules.learningHoursTarget })}</UnorderedListItem>
          <UnorderedListItem>{t("curriculum.hours.practice", { hours: d.rules.practiceHoursTarget })}</UnorderedListItem>
        </UnorderedList>
      </section>

      <section aria-labelledby="rules" className="ll-section">
        <Heading2 id="rules">{t("curriculum.rules.heading")}</Heading2>
        <UnorderedList>
          <UnorderedListItem>{t("curriculum.rules.attendance", { percent: Math.round(d.rules.minAttendanceRate * 100) })}</UnorderedListItem>
          <UnorderedListItem>{t("curriculum.rules.intervisie", { count: d.rules.minIntervisieMeetings })}</UnorderedListItem>
          <UnorderedListItem>{t("curriculum.rules.electives", { hours: d.rules.electiveHoursMax })}</UnorderedListItem>
          <UnorderedListItem>{t("curriculum.rules.objection", { days: d.rules.objectionDays })}</UnorderedListItem>
        </UnorderedList>
      </section>

      <section aria-labelledby="types" className="ll-section">
        <Heading2 id="types">{t("curriculum.sessionTypes.heading")}</Heading2>
        <UnorderedList>
          {d.sessionTypes.map((s) => (
            <UnorderedListItem key={s.code}>
              <span lang="nl">
                <strong>{s.name}</strong>: {s.description}
              </span>
            </UnorderedListItem>
          ))}
        </UnorderedList>
      </section>

      <section aria-labelledby="trainings" className="ll-section">
        <Heading2 id="trainings">{t("curriculum.trainings.heading")}</Heading2>
        {version.trainings.map((tr) => (
          <article key={tr.id} className="ll-card">
            <Heading3>
              <span lang="nl">{tr.title}</span>
            </Heading3>
            <Paragraph>
              <span lang="nl">{tr.description}</span>
            </Paragraph>
            <Paragraph small>
              {tr.capacity
                ? t("curriculum.training.meta", { hours: tr.hours, capacity: tr.capacity })
                : t("curriculum.training.metaNoCapacity", { hours: tr.hours })}
            </Paragraph>
          </article>
        ))}
      </section>

      <section aria-labelledby="competenties" className="ll-section">
        <Heading2 id="competenties">{t("curriculum.competencies.heading")}</Heading2>
        <Paragraph>{t("curriculum.competencies.intro")}</Paragraph>
        {version.competencies.map((c, i) => (
          <article key={c.id} className="ll-card">
            <Heading3>
              {i + 1}. <span lang="nl">{c.title}</span>
            </Heading3>
            <Paragraph>
              <span lang="nl">{c.description}</span>
            </Paragraph>
            <OrderedList>
              {c.criteria.map((cr) => (
                <OrderedListItem key={cr.id}>
                  <span lang="nl">{cr.text}</span>
                </OrderedListItem>
              ))}
            </OrderedList>
          </article>
        ))}
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
