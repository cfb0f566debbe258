import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { Button, Heading1, Heading2, Paragraph, UnorderedList, UnorderedListItem } from "@utrecht/component-library-react";
import { RouteErrorBoundary } from "../components/error-page";
import { CheckboxGroup, TextField, useIsSubmitting, useZodForm, ZodForm } from "../components/form";
import { getDb } from "../db.server";
import { userErrorToFailure, type ActionFailure } from "../forms/action.server";
import { parseForm, readForm } from "../forms/parse.server";
import { groupSchema } from "../forms/meetings";
import { requireCohortStaffWithPeople } from "../guards.server";
import { FailureAlert } from "../components/failure-alert";
import { messageWith } from "../i18n/translate";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { intervisieSettings, listGroups, saveGroup, type GroupWithMembers } from "../services/intervisie.server";
import { Answer } from "../components/answer";

export const meta = titleMeta<typeof loader>("intervisie.groups.title", ({ cohort }, { t }) => t("intervisie.groups.heading", { name: cohort.name }));

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { cohort } = await requireCohortStaffWithPeople(request, params, context.clientIp);
  const db = getDb();
  const [groups, settings] = await Promise.all([listGroups(db, cohort.id), intervisieSettings(db, cohort.id)]);
  return {
    cohort: { id: cohort.id, name: cohort.name },
    members: cohort.members.map(({ id, name }) => ({ id, name })),
    groups,
    size: { min: settings.groupSizeMin, max: settings.groupSizeMax },
  };
}

type Result = (ActionFailure & { groupKey: string }) | { ok: true; groupKey: string };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, cohort } = await requireCohortStaffWithPeople(request, params, context.clientIp);
  const formData = await readForm(request);
  const groupKey = String(formData.get("groupId") || "new");
  const parsed = parseForm(groupSchema, formData);
  if (!parsed.ok) return data({ ok: false, groupKey, fieldErrors: parsed.fieldErrors, values: parsed.values } satisfies Result, { status: 400 });
  try {
    await saveGroup(getDb(), cohort.id, { groupId: parsed.data.groupId ?? undefined, name: parsed.data.name, memberIds: parsed.data.memberIds }, user);
    return { ok: true, groupKey } satisfies Result;
  } catch (error) {
    return data({ ...userErrorToFailure(error, parsed.data ? undefined : undefined), groupKey } satisfies Result, { status: 400 });
  }
}

function GroupForm({
  group,
  members,
  takenElsewhere,
  result,
  size,
}: {
  group: GroupWithMembers | null;
  members: { id: number; name: string }[];
  takenElsewhere: Map<number, string>;
  result?: Result;
  size: { min: number; max: number };
}) {
  const { t } = useT();
  const submitting = useIsSubmitting();
  const key = group ? String(group.id) : "new";
  const failed = result && !result.ok && result.groupKey === key ? result : undefined;
  // The server names the rule only ("intervisie.groupSize"); the message at the boxes names the numbers.
  const serverErrors = useMemo(() => {
    const errors = failed?.fieldErrors;
    return errors?.memberIds === "intervisie.groupSize" ? { ...errors, memberIds: messageWith("intervisie.groupSize", size) } : errors;
  }, [failed, size]);
  const ctx = useZodForm(groupSchema, { serverErrors });
  const legend = t("intervisie.groups.members", { min: size.min, max: size.max });
  const errorLinks = (["name", "memberIds"] as const).flatMap((name) => {
    const error = ctx.hasServerErrors ? ctx.errorFor(name) : undefined;
    return error ? [{ fieldId: ctx.idFor(name), text: `${name === "name" ? t("intervisie.groups.name") : legend}: ${error}` }] : [];
  });
  const headingId = `group-${key}`;
  return (
    <section aria-labelledby={headingId} className="ll-card">
      <Heading2 id={headingId}>{group ? group.name : t("intervisie.groups.new")}</Heading2>
      {result?.ok && result.groupKey === key ? (
        <Answer type="ok">
          <Paragraph>{t("intervisie.groups.saved")}</Paragraph>
        </Answer>
      ) : null}
      <ZodForm
        ctx={ctx}
        formError={failed?.formError ? t(failed.formError.key, { min: size.min, max: size.max }) : null}
        aria-labelledby={headingId}
        errorLinks={errorLinks}
      >
        {group ? <input type="hidden" name="groupId" value={group.id} /> : null}
        <TextField ctx={ctx} name="name" label={t("intervisie.groups.name")} defaultValue={group?.name ?? ""} required />
        <CheckboxGroup
          ctx={ctx}
          name="memberIds"
          legend={legend}
          defaultValues={group ? group.members.map((m) => String(m.id)) : []}
          options={members.map((m) => ({
            value: String(m.id),
            label: takenElsewhere.has(m.id) && takenElsewhere.get(m.id) !== group?.name ? `${m.name} (${takenElsewhere.get(m.id)})` : m.name,
          }))}
        />
        <Button type="submit" appearance={group ? "secondary-action-button" : "primary-action-button"} busy={submitting}>
          {group ? t("cohort.form.save") : t("intervisie.groups.create")}
        </Button>
      </ZodForm>
    </section>
  );
}

export default function IntervisieGroups() {
  const { cohort, members, groups, size } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const { t } = useT();
  const takenElsewhere = new Map<number, string>(groups.flatMap((g) => g.members.map((m) => [m.id, g.name] as [number, string])));
  // A refusal for a group that is not on the page (a stale or forged group id) has no form to show it in;
  // every other refusal is shown in its group's form, at the fields.
  const orphan = result && !result.ok && result.groupKey !== "new" && !groups.some((g) => String(g.id) === result.groupKey) ? result : undefined;
  return (
    <>
      <Paragraph>
        <Link to={`/groepen/${cohort.id}/rooster`} className="utrecht-link">
          {t("schedule.back", { name: cohort.name })}
        </Link>
      </Paragraph>
      <Heading1>{t("intervisie.groups.heading", { name: cohort.name })}</Heading1>
      <Paragraph>{t("intervisie.groups.intro", { min: size.min, max: size.max })}</Paragraph>
      <FailureAlert fieldErrors={orphan?.fieldErrors} formError={orphan?.formError?.key} />
      {groups.length > 0 ? (
        <UnorderedList>
          {groups.map((g) => (
            <UnorderedListItem key={g.id}>
              {g.name}: {g.members.map((m) => m.name).join(", ")}
            </UnorderedListItem>
          ))}
        </UnorderedList>
      ) : null}
      {groups.map((g) => (
        <GroupForm key={g.id} group={g} members={members} takenElsewhere={takenElsewhere} result={result} size={size} />
      ))}
      <GroupForm group={null} members={members} takenElsewhere={takenElsewhere} result={result} size={size} />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
