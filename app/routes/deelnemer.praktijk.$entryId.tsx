import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button, Heading1, Heading2, Paragraph } from "@utrecht/component-library-react";
import { notFound, requireArea } from "../auth.server";
import { RouteErrorBoundary } from "../components/error-page";
import { EntryStatus, PracticeEntryForm } from "../components/practice";
import { getDb } from "../db.server";
import { intentOf, userErrorToFailure, type ActionFailure } from "../forms/action.server";
import { parseForm, readForm } from "../forms/parse.server";
import { practiceEntrySchema } from "../forms/practice";
import { idParam, todayInAmsterdam } from "../guards.server";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { deleteEntry, getOwnEntry, practiceLog, saveEntry } from "../services/practice.server";

export const meta = titleMeta<typeof loader>("practice.editTitle", ({ entry }, { t, date }) =>
  t("practice.editPageTitle", { date: date(entry.date), activity: entry.activity }),
);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "participant-schedule", context.clientIp);
  const db = getDb();
  // Only the participant's own entry: another's id is a 404, like an unknown one.
  const entry = await getOwnEntry(db, user, idParam(params, "entryId"));
  if (!entry) notFound();
  const log = await practiceLog(db, user.id);
  return { entry, activities: log.activities, maxHoursPerDay: log.maxHoursPerDay, today: todayInAmsterdam() };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireArea(request, "participant-schedule", context.clientIp);
  const entryId = idParam(params, "entryId");
  const db = getDb();
  // Another participant's entry is a 404 before anything is read from the form, like an unknown one.
  if (!(await getOwnEntry(db, user, entryId))) notFound();
  const formData = await readForm(request);
  try {
    if (intentOf(formData) === "delete") {
      await deleteEntry(db, user, entryId);
      return redirect("/deelnemer/praktijk");
    }
    const parsed = parseForm(practiceEntrySchema, formData);
    if (!parsed.ok) return data({ ok: false, fieldErrors: parsed.fieldErrors, values: parsed.values } satisfies ActionFailure, { status: 400 });
    await saveEntry(db, user, { ...parsed.data, entryId }, todayInAmsterdam());
    return redirect("/deelnemer/praktijk");
  } catch (error) {
    const values = Object.fromEntries([...formData.entries()].filter((e): e is [string, string] => typeof e[1] === "string"));
    return data(userErrorToFailure(error, values), { status: 400 });
  }
}

export default function EditEntry() {
  const { entry, activities, maxHoursPerDay, today } = useLoaderData<typeof loader>();
  const failed = useActionData<ActionFailure>();
  const { t } = useT();
  const locked = entry.status === "bevestigd";
  return (
    <>
      <Paragraph>
        <Link to="/deelnemer/praktijk" className="utrecht-link">
          {t("practice.back")}
        </Link>
      </Paragraph>
      <Heading1 id="entry-heading">{t("practice.editTitle")}</Heading1>
      <Paragraph>
        <EntryStatus entry={entry} />
      </Paragraph>
      {locked ? (
        <Paragraph>{t("practice.locked")}</Paragraph>
      ) : (
        <>
          {entry.status === "afgewezen" ? <Paragraph>{t("practice.editRejected")}</Paragraph> : null}
          <PracticeEntryForm
            entry={entry}
            activities={activities}
            maxHoursPerDay={maxHoursPerDay}
            today={today}
            serverErrors={failed?.fieldErrors}
            formError={failed?.formError ? t(failed.formError.key) : null}
            values={failed?.values}
            submitLabel={t("practice.saveChanges")}
          />
          <section aria-labelledby="delete-heading" className="ll-section">
            <Heading2 id="delete-heading">{t("practice.delete")}</Heading2>
            <Form method="post" className="ll-inline-form">
              <Button type="submit" name="intent" value="delete" appearance="secondary-action-button">
                {t("practice.deleteButton")}
              </Button>
            </Form>
          </section>
        </>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
