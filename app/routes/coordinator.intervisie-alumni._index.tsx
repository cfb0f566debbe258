import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button, Heading1, Heading2, Paragraph, UnorderedList, UnorderedListItem } from "@utrecht/component-library-react";
import { requireArea } from "../auth.server";
import { RouteErrorBoundary } from "../components/error-page";
import { SelectField, TextField, useIsSubmitting, useZodForm, ZodForm } from "../components/form";
import { getDb } from "../db.server";
import { userErrorToFailure, type ActionFailure } from "../forms/action.server";
import { ALUMNI_GROUP_MAX, alumniGroupSchema } from "../forms/alumni-intervisie";
import { parseForm, readForm } from "../forms/parse.server";
import { STADSDELEN } from "../forms/pool";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { createAlumniGroup, listAlumniGroups } from "../services/alumni-intervisie.server";
import { withIp } from "../services/audit.server";
import { listTrainers } from "../services/cohorts.server";

export const meta = titleMeta("alumniIntervisie.title");

/** The coordinator's city-wide intervisie groups for alumni (issue 31 point 4, decision 025). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireArea(request, "cohorts-manage", context.clientIp);
  const db = getDb();
  const [groups, trainers] = await Promise.all([listAlumniGroups(db), listTrainers(db)]);
  return { groups, trainers: trainers.map((x) => ({ id: x.id, name: x.name })) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireArea(request, "cohorts-manage", context.clientIp);
  const parsed = parseForm(alumniGroupSchema, await readForm(request));
  if (!parsed.ok) return data({ ok: false, fieldErrors: parsed.fieldErrors, values: parsed.values } satisfies ActionFailure, { status: 400 });
  try {
    const id = await createAlumniGroup(getDb(), parsed.data, withIp(user, context.clientIp));
    return redirect(`/coordinator/intervisie-alumni/${id}?nieuw=1`);
  } catch (error) {
    return data(userErrorToFailure(error), { status: 400 });
  }
}

const asText = (v: string | string[] | undefined) => (typeof v === "string" ? v : "");

export default function AlumniGroups() {
  const { groups, trainers } = useLoaderData<typeof loader>();
  const failed = useActionData<ActionFailure>();
  const { t, date } = useT();
  const submitting = useIsSubmitting();
  const ctx = useZodForm(alumniGroupSchema, { serverErrors: failed?.fieldErrors });
  const values = failed?.values ?? {};
  return (
    <>
      <Heading1>{t("alumniIntervisie.title")}</Heading1>
      <Paragraph lead>{t("alumniIntervisie.coord.intro")}</Paragraph>
      <section aria-labelledby="groups-heading" className="ll-section">
        <Heading2 id="groups-heading">{t("alumniIntervisie.groups.heading")}</Heading2>
        {groups.length === 0 ? (
          <Paragraph>{t("alumniIntervisie.none")}</Paragraph>
        ) : (
          <UnorderedList>
            {groups.map((g) => (
              <UnorderedListItem key={g.id}>
                <Link to={`/coordinator/intervisie-alumni/${g.id}`}>{g.name}</Link> · {g.place} · {t(`pool.stadsdeel.${g.stadsdeel}`)} ·{" "}
                {t("alumniIntervisie.facilitator")}: {g.facilitator?.name ?? "–"} · {t("alumniIntervisie.table.members")}:{" "}
                {t("alumniIntervisie.membersCount", { count: g.members, max: g.maxMembers })} · {t("alumniIntervisie.table.requests")}: {g.openRequests}
                {g.next ? ` · ${t("alumniIntervisie.next", { date: date(g.next.date) })}` : ""}
              </UnorderedListItem>
            ))}
          </UnorderedList>
        )}
      </section>
      <section aria-labelledby="new-group" className="ll-section">
        <Heading2 id="new-group">{t("alumniIntervisie.create.heading")}</Heading2>
        <ZodForm ctx={ctx} aria-labelledby="new-group" formError={failed?.formError ? t(failed.formError.key) : null}>
          <TextField ctx={ctx} name="name" label={t("alumniIntervisie.create.name")} defaultValue={asText(values.name)} required />
          <SelectField
            ctx={ctx}
            name="facilitatorId"
            label={t("alumniIntervisie.facilitator")}
            options={trainers.map((x) => ({ value: String(x.id), label: x.name }))}
            defaultValue={asText(values.facilitatorId)}
            placeholder="–"
          />
          <TextField ctx={ctx} name="place" label={t("alumniIntervisie.create.place")} defaultValue={asText(values.place)} required />
          <SelectField
            ctx={ctx}
            name="stadsdeel"
            label={t("alumniIntervisie.stadsdeel")}
            options={STADSDELEN.map((v) => ({ value: v, label: t(`pool.stadsdeel.${v}`) }))}
            defaultValue={asText(values.stadsdeel)}
            placeholder="–"
          />
          <TextField
            ctx={ctx}
            name="maxMembers"
            type="number"
            label={t("alumniIntervisie.create.max")}
            defaultValue={asText(values.maxMembers) || String(ALUMNI_GROUP_MAX)}
            required
          />
          <Button type="submit" appearance="primary-action-button" busy={submitting}>
            {t("alumniIntervisie.create.submit")}
          </Button>
        </ZodForm>
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
