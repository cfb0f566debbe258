import { Form } from "@remix-run/react";
import {
  Button,
  FormField,
  FormLabel,
  Paragraph,
  RadioButton,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
  Fieldset,
  FieldsetLegend,
  FormFieldTextarea,
} from "@utrecht/component-library-react";
import type { ReactNode } from "react";
import { placementSchema, practiceEntrySchema } from "../forms/practice";
import type { FieldErrors } from "../forms/parse.server";
import { useT } from "../i18n/use-t";
import type { Placement, PracticeEntry, SupervisorLinkInfo } from "../services/practice.server";
import { ErrorSummary, SelectField, TextareaField, TextField, useIsSubmitting, useZodForm, ZodForm, type ErrorLink } from "./form";
import { keptText, useKeptFor } from "./kept-form";
import { Notice } from "./answer";

/** Minutes as hours in the reader's language: 90 → "1,5". */
export function useHours(): (minutes: number) => string {
  const { number } = useT();
  return (minutes: number) => number(minutes / 60);
}

export function PracticeEntryForm({
  entry,
  activities,
  maxHoursPerDay,
  today,
  serverErrors,
  formError,
  values,
  submitLabel,
  children,
}: {
  entry?: PracticeEntry;
  activities: { code: string; name: string }[];
  maxHoursPerDay: number;
  today: string;
  serverErrors?: FieldErrors;
  formError?: string | null;
  values?: Record<string, string | string[]>;
  submitLabel: string;
  children?: ReactNode;
}) {
  const { t, number } = useT();
  const submitting = useIsSubmitting();
  const ctx = useZodForm(practiceEntrySchema, { serverErrors });
  const v = (name: string, fallback: string) => {
    const x = values?.[name];
    return typeof x === "string" ? x : fallback;
  };
  return (
    <ZodForm ctx={ctx} formError={formError} aria-labelledby="entry-heading">
      {children}
      {/* Part of the form, always there: not announced as an alert after every save. */}
      <Notice type="warning">
        <Paragraph>{t("practice.privacy")}</Paragraph>
      </Notice>
      <TextField ctx={ctx} name="date" type="date" label={t("practice.date")} defaultValue={v("date", entry?.date ?? today)} required />
      <TextField
        ctx={ctx}
        name="hours"
        label={t("practice.hours")}
        description={t("practice.hours.help", { max: number(maxHoursPerDay) })}
        defaultValue={v("hours", entry ? number(entry.minutes / 60) : "")}
        required
      />
      <SelectField
        ctx={ctx}
        name="activity"
        label={t("practice.activity")}
        placeholder={t("form.choose")}
        options={activities.map((a) => ({ value: a.code, label: a.name }))}
        defaultValue={v("activity", entry?.activity ?? "")}
      />
      <TextareaField
        ctx={ctx}
        name="description"
        label={t("practice.description")}
        description={t("practice.description.help")}
        defaultValue={v("description", entry?.description ?? "")}
        rows={3}
        required
      />
      <TextareaField
        ctx={ctx}
        name="reflection"
        label={t("practice.reflection")}
        description={t("practice.reflection.help")}
        defaultValue={v("reflection", entry?.reflection ?? "")}
        rows={5}
        required
      />
      <Button type="submit" appearance="primary-action-button" busy={submitting}>
        {submitLabel}
      </Button>
    </ZodForm>
  );
}

export function PlacementForm({
  placement,
  serverErrors,
  values,
  formError,
}: {
  placement: Placement | null;
  serverErrors?: FieldErrors;
  values?: Record<string, string | string[]>;
  formError?: string | null;
}) {
  const { t } = useT();
  const submitting = useIsSubmitting();
  const ctx = useZodForm(placementSchema, { serverErrors });
  const v = (name: string, fallback: string | null | undefined) => {
    const x = values?.[name];
    return typeof x === "string" ? x : (fallback ?? "");
  };
  return (
    <ZodForm ctx={ctx} formError={formError} aria-labelledby="placement-heading">
      <input type="hidden" name="intent" value="placement" />
      <TextField
        ctx={ctx}
        name="organisation"
        label={t("placement.organisation")}
        description={t("placement.organisation.help")}
        defaultValue={v("organisation", placement?.organisation)}
        autoComplete="organization"
        required
      />
      <TextField ctx={ctx} name="team" label={t("placement.team")} defaultValue={v("team", placement?.team)} />
      <TextField
        ctx={ctx}
        name="supervisorName"
        label={t("placement.supervisorName")}
        defaultValue={v("supervisorName", placement?.supervisor_name)}
        required
      />
      <TextField
        ctx={ctx}
        name="supervisorEmail"
        type="email"
        label={t("placement.supervisorEmail")}
        defaultValue={v("supervisorEmail", placement?.supervisor_email)}
        required
      />
      <TextField
        ctx={ctx}
        name="supervisorPhone"
        type="tel"
        label={t("placement.supervisorPhone")}
        defaultValue={v("supervisorPhone", placement?.supervisor_phone)}
      />
      <Button type="submit" appearance="primary-action-button" busy={submitting}>
        {t("placement.save")}
      </Button>
    </ZodForm>
  );
}

export function EntryStatus({ entry }: { entry: PracticeEntry }) {
  const { t, date } = useT();
  if (entry.status === "open") return <>{t("practice.status.open")}</>;
  return (
    <>
      <strong>{t(`practice.status.${entry.status}`)}</strong>{" "}
      {t("practice.decidedBy", {
        name: entry.decided_by_name ?? "",
        how: entry.decided_how === "werkbegeleider" ? t("practice.how.werkbegeleider") : t("practice.how.trainer"),
        date: date(entry.decided_at ?? ""),
      })}
      {entry.decision_comment ? (
        <>
          <br />
          {t("practice.comment")}: <span lang="nl">{entry.decision_comment}</span>
        </>
      ) : null}
    </>
  );
}

/**
 * Confirm, reject or leave for later, per open entry, in one form. Used by the trainer and by
 * the werkbegeleider's link page; works without JavaScript. Each entry carries the revision shown
 * (hidden), so a decision on an entry that changed since is refused; `changed` names those
 * entries after such a refusal: the answer lists their new hours, and each is marked.
 * Give the form a `key` from `decisionFormKey`, so a changed entry's choice starts afresh.
 */
export function DecisionForm({
  entries,
  activities,
  errors,
  formError,
  submitLabel,
  caption,
  values: sentValues,
  changed,
  participantName,
}: {
  entries: PracticeEntry[];
  /** whose hours these are: the labels speak about them ("Wat Sanne deed"), to trainer and werkbegeleider alike */
  participantName: string;
  activities: { code: string; name: string }[];
  /** what was sent last time, so a refused form keeps every choice and comment */
  values?: Record<string, string | string[]>;
  errors?: FieldErrors;
  formError?: string | null;
  submitLabel: string;
  caption: string;
  /** entries that changed after the page was opened (a refused decision) */
  changed?: number[];
}) {
  const { t, tMessage, date } = useT();
  const hours = useHours();
  const submitting = useIsSubmitting();
  // What was chosen and typed before a time-out, offered once after signing in again; with the
  // revisions it was chosen on, so a decision on an entry that changed since is refused as usual.
  const kept = useKeptFor("decide");
  const values = sentValues ?? kept ?? undefined;
  const activityName = (code: string) => activities.find((a) => a.code === code)?.name ?? code;
  const anyError = formError || (errors && Object.keys(errors).length > 0);
  const changedEntries = entries.filter((e) => changed?.includes(e.id));
  const entryName = (e: PracticeEntry) => `${date(e.date)} · ${t("practice.hoursValue", { hours: hours(e.minutes) })} · ${activityName(e.activity)}`;
  // A comment that is missing (rejecting needs one) or too long: linked from the summary, tied to its field.
  const errorLinks: ErrorLink[] = entries.flatMap((e) => {
    const error = tMessage(errors?.[`comment-${e.id}`]);
    return error ? [{ fieldId: `comment-${e.id}`, text: `${entryName(e)}: ${error}` }] : [];
  });
  return (
    <Form method="post" className="ll-form ll-form--wide" aria-label={caption}>
      <input type="hidden" name="intent" value="decide" />
      <input type="hidden" name="entryIds" value={entries.map((e) => e.id).join(",")} />
      {anyError ? (
        <ErrorSummary message={formError} links={errorLinks}>
          {changedEntries.length > 0 ? (
            <UnorderedList>
              {changedEntries.map((e) => (
                <UnorderedListItem key={e.id}>
                  {t("practice.changedEntry", { date: date(e.date), hours: hours(e.minutes), activity: activityName(e.activity) })}
                </UnorderedListItem>
              ))}
            </UnorderedList>
          ) : null}
        </ErrorSummary>
      ) : null}
      {entries.map((e) => {
        const commentError = tMessage(errors?.[`comment-${e.id}`]);
        return (
          <Fieldset key={e.id} className="ll-card">
            <FieldsetLegend>
              {date(e.date)} · {t("practice.hoursValue", { hours: hours(e.minutes) })} · <span lang="nl">{activityName(e.activity)}</span>
            </FieldsetLegend>
            <input type="hidden" name={`revision-${e.id}`} value={keptText(kept, `revision-${e.id}`) ?? e.revision} />
            {changed?.includes(e.id) ? (
              <Paragraph>
                <strong>{t("practice.changedMark")}</strong>
              </Paragraph>
            ) : null}
            <Paragraph>
              <strong>{t("practice.entry.description", { name: participantName })}:</strong> <span lang="nl">{e.description}</span>
            </Paragraph>
            <Paragraph>
              <strong>{t("practice.entry.reflection", { name: participantName })}:</strong> <span lang="nl">{e.reflection}</span>
            </Paragraph>
            <div className="ll-radio-row">
              {(["bevestigd", "afgewezen", "later"] as const).map((d) => (
                <FormField key={d} type="radio">
                  <div className="utrecht-form-field__input">
                    <RadioButton
                      id={`decision-${e.id}-${d}`}
                      name={`decision-${e.id}`}
                      value={d}
                      defaultChecked={(typeof values?.[`decision-${e.id}`] === "string" ? values[`decision-${e.id}`] : "later") === d}
                    />
                  </div>
                  <div className="utrecht-form-field__label utrecht-form-field__label--radio">
                    <FormLabel htmlFor={`decision-${e.id}-${d}`} type="radio">
                      {t(`practice.decision.${d}`)}
                    </FormLabel>
                  </div>
                </FormField>
              ))}
            </div>
            <FormFieldTextarea
              inputId={`comment-${e.id}`}
              name={`comment-${e.id}`}
              label={t("practice.decisionComment")}
              description={t("practice.decisionComment.help")}
              rows={2}
              maxLength={1000}
              defaultValue={typeof values?.[`comment-${e.id}`] === "string" ? (values[`comment-${e.id}`] as string) : undefined}
              invalid={Boolean(commentError)}
              errorMessage={commentError}
            />
          </Fieldset>
        );
      })}
      <Button type="submit" appearance="primary-action-button" busy={submitting}>
        {submitLabel}
      </Button>
    </Form>
  );
}

/** A key for DecisionForm: a new one when the list or an entry's version changes, so its choices start from `values` again. */
export function decisionFormKey(entries: Pick<PracticeEntry, "id" | "revision">[]): string {
  return entries.map((e) => `${e.id}.${e.revision}`).join(",");
}

export function EntryTable({
  entries,
  activities,
  caption,
  actions,
}: {
  entries: PracticeEntry[];
  activities: { code: string; name: string }[];
  caption: string;
  actions?: (entry: PracticeEntry) => ReactNode;
}) {
  const { t, date } = useT();
  const hours = useHours();
  const activityName = (code: string) => activities.find((a) => a.code === code)?.name ?? code;
  return (
    <div className="ll-table-scroll" tabIndex={0} role="region" aria-label={caption}>
      {/* Cards on a small screen (.ll-stack in app.css); the roles keep it a table for screen readers. */}
      <Table className="ll-stack" role="table">
        <TableCaption>{caption}</TableCaption>
        <TableHeader role="rowgroup">
          <TableRow role="row">
            <TableHeaderCell scope="col" role="columnheader">
              {t("practice.date")}
            </TableHeaderCell>
            <TableHeaderCell scope="col" role="columnheader">
              {t("practice.hoursShort")}
            </TableHeaderCell>
            <TableHeaderCell scope="col" role="columnheader">
              {t("practice.activity")}
            </TableHeaderCell>
            <TableHeaderCell scope="col" role="columnheader">
              {t("practice.description")}
            </TableHeaderCell>
            <TableHeaderCell scope="col" role="columnheader">
              {t("practice.status")}
            </TableHeaderCell>
            {actions ? (
              <TableHeaderCell scope="col" role="columnheader">
                {t("trainings.staff.actions")}
              </TableHeaderCell>
            ) : null}
          </TableRow>
        </TableHeader>
        <TableBody role="rowgroup">
          {entries.map((e) => (
            <TableRow key={e.id} role="row">
              <TableCell role="cell" data-label={t("practice.date")}>
                {date(e.date)}
              </TableCell>
              <TableCell role="cell" data-label={t("practice.hoursShort")}>
                {hours(e.minutes)}
              </TableCell>
              <TableCell role="cell" data-label={t("practice.activity")}>
                <span lang="nl">{activityName(e.activity)}</span>
              </TableCell>
              <TableCell role="cell" data-label={t("practice.description")}>
                <span lang="nl">{e.description}</span>
              </TableCell>
              <TableCell role="cell" data-label={t("practice.status")}>
                <EntryStatus entry={e} />
              </TableCell>
              {actions ? (
                <TableCell role="cell" data-label={t("trainings.staff.actions")}>
                  {actions(e)}
                </TableCell>
              ) : null}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

/** The werkbegeleider links that still work, each with a button to revoke it (posts intent=revoke). */
export function ActiveLinks({ links }: { links: SupervisorLinkInfo[] }) {
  const { t, date } = useT();
  const active = links.filter((l) => l.state === "valid");
  if (active.length === 0) return null;
  return (
    <>
      <Paragraph>{t("practice.links.active")}</Paragraph>
      <UnorderedList>
        {active.map((l) => (
          <UnorderedListItem key={l.id}>
            {t("practice.links.item", { name: l.supervisor_name, created: date(l.created_at), expires: date(l.expires_at), count: l.entryCount })}{" "}
            <Form method="post" className="ll-inline-form">
              <input type="hidden" name="linkId" value={l.id} />
              <Button type="submit" name="intent" value="revoke" appearance="subtle-button">
                {t("practice.links.revoke")}
              </Button>
            </Form>
          </UnorderedListItem>
        ))}
      </UnorderedList>
    </>
  );
}
