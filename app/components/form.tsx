import { zodResolver } from "@hookform/resolvers/zod";
import { Form, useNavigation, useSubmit } from "@remix-run/react";
import {
  Alert,
  Checkbox,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormFieldTextarea,
  FormFieldTextbox,
  FormLabel,
  Paragraph,
  Select,
  SelectOption,
} from "@utrecht/component-library-react";
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { useForm, type FieldValues, type UseFormReturn } from "react-hook-form";
import type { z } from "zod";
import { useT } from "../i18n/use-t";
import { Answer, announceFormRefused } from "./answer";
import { keptList, keptText, useKeptFields, type KeptFields } from "./kept-form";
import { nlds, unorderedListProps } from "./nlds";

type FieldErrors = Record<string, string>;
const NO_ERRORS: FieldErrors = {};
const NOTHING_CHANGED: ReadonlySet<string> = new Set();

type FieldProps = Partial<ReturnType<UseFormReturn<FieldValues>["register"]>> & { name: string };

/**
 * react-hook-form's `register` in the browser. On the server only the name: the handlers and the
 * ref that `register` adds do not appear in the HTML, so the markup is the same, and registering
 * costs some 15 µs per field on every server render (100 fields in an attendance grid).
 *
 * A field is checked when the person leaves it after typing in it (not when they only pass it with
 * Tab), and again on each change while it shows an error: a field nobody touched is never marked.
 */
function fieldProps(form: UseFormReturn<FieldValues>, name: string, edited: Set<string>): FieldProps {
  if (typeof document === "undefined") return { name };
  const registered = form.register(name);
  return {
    ...registered,
    onChange: async (event) => {
      await registered.onChange(event);
      edited.add(name);
      if (form.getFieldState(name).error) await form.trigger(name);
    },
    onBlur: async (event) => {
      await registered.onBlur(event);
      // Leaving for the form's own submit button: the submit checks everything in a moment. Checking
      // now would put the message in between and move the button away from under the pointer.
      const next = (event as unknown as FocusEvent).relatedTarget;
      const target = event.target as HTMLElement;
      if (next instanceof HTMLButtonElement && next.type === "submit" && next.form === target.closest("form")) return;
      if (edited.has(name)) await form.trigger(name);
    },
  };
}

/*
 * The one way a field and its error message are tied together (WCAG 1.3.1, 3.3.1), in every form:
 * the message has an id, the field has aria-invalid="true" and aria-describedby naming that id
 * (and its description, if any), and the red look follows aria-invalid only (the browser's own
 * :invalid is not styled, scripts/lib/nlds-css.ts), so a field nobody touched is never red.
 * The components below do this; a grid of plain inputs uses `invalidFieldProps` and
 * `FieldErrorMessage` directly.
 */

/** The id of the message that explains the error of the field with this id. */
export function errorIdFor(fieldId: string): string {
  return `${fieldId}-error`;
}

/** aria-invalid and aria-describedby for a field: its description and, when it is wrong, its error message. */
export function invalidFieldProps(fieldId: string, error: string | null | undefined, descriptionId?: string) {
  const describedBy = [descriptionId, error ? errorIdFor(fieldId) : undefined].filter(Boolean).join(" ");
  return { "aria-invalid": error ? (true as const) : undefined, "aria-describedby": describedBy || undefined };
}

/** The error message of the field with this id (nothing when there is no error). */
export function FieldErrorMessage({ fieldId, error }: { fieldId: string; error: string | null | undefined }) {
  if (!error) return null;
  return (
    <FormFieldErrorMessage id={errorIdFor(fieldId)} className="utrecht-form-field__error-message">
      {error}
    </FormFieldErrorMessage>
  );
}

interface ZodFormContext {
  form: UseFormReturn<FieldValues>;
  /** The props that connect an input to the form: see `fieldProps`. */
  field: (name: string) => FieldProps;
  /** The id of the input for this field: the same on the server and in the browser, unique on the page. */
  idFor: (name: string) => string;
  errorFor: (name: string) => string | undefined;
  hasErrors: boolean;
  /** The server refused the last post and at least one of its field errors still stands. */
  hasServerErrors: boolean;
  /** Text typed into this form before a time-out, offered again after signing in (kept-form.tsx). */
  kept: KeptFields | null;
}

/**
 * One zod schema, used twice: react-hook-form checks it in the browser before sending,
 * the action checks it again on the server. Without JavaScript the form posts as usual
 * and the server's errors come back through `serverErrors`.
 */
export function useZodForm(
  schema: z.ZodType<unknown, FieldValues>,
  opts: {
    serverErrors?: FieldErrors | null;
    defaultValues?: FieldValues;
    /** The intent this form sends, when the page has several forms: text kept after a time-out fills only the form it came from. */
    intent?: string;
  } = {},
): ZodFormContext & { onSubmit: (event: FormEvent<HTMLFormElement>) => void } {
  const form = useForm<FieldValues>({
    resolver: zodResolver(schema) as never,
    defaultValues: opts.defaultValues,
    mode: "onSubmit",
    reValidateMode: "onChange",
    shouldFocusError: true,
  });
  const submit = useSubmit();
  const { tMessage } = useT();
  const idPrefix = `f${useId().replace(/[^A-Za-z0-9]/g, "")}-`;
  const edited = useRef(new Set<string>()).current;
  const serverErrors = opts.serverErrors ?? NO_ERRORS;
  // A server error stays at its field until the person changes that field. The set of changed
  // fields starts empty with every new answer from the server (reset during render, so the new
  // errors show in the same render).
  const [changed, setChanged] = useState<ReadonlySet<string>>(NOTHING_CHANGED);
  const [answer, setAnswer] = useState(opts.serverErrors);
  if (answer !== opts.serverErrors) {
    setAnswer(opts.serverErrors);
    setChanged(NOTHING_CHANGED);
  }
  useEffect(() => {
    const subscription = form.watch((_values, { name }) => {
      if (name) setChanged((before) => (before.has(name) ? before : new Set(before).add(name)));
    });
    return () => subscription.unsubscribe();
  }, [form]);
  const errorFor = (name: string) => {
    const client = form.formState.errors[name]?.message;
    if (typeof client === "string") return tMessage(client);
    if (changed.has(name)) return undefined;
    return tMessage(serverErrors[name]);
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const formElement = event.currentTarget;
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    void form.handleSubmit(
      () => {
        submit(submitter instanceof HTMLButtonElement ? submitter : formElement);
      },
      // Not sent: an earlier "saved" no longer stands, and focus goes to the first wrong field (in the
      // order of the page, once its aria-invalid is rendered; react-hook-form's own focus misses
      // fields it registered through a spread, as in the attendance grid).
      () => {
        announceFormRefused();
        refusedForm.current = formElement;
      },
    )(event);
  };
  // After a refusal in the browser, once the errors are rendered: focus to the first wrong field.
  const refusedForm = useRef<HTMLFormElement | null>(null);
  useEffect(() => {
    const formElement = refusedForm.current;
    if (!formElement) return;
    const first = formElement.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (!first) return;
    refusedForm.current = null;
    if (document.activeElement !== first) first.focus();
  });
  const hasServerErrors = Object.keys(serverErrors).some((name) => !changed.has(name));
  const hasErrors = Object.keys(form.formState.errors).length > 0 || hasServerErrors;
  const kept = useKeptFields(schema, opts.intent);
  return {
    form,
    field: (name: string) => fieldProps(form, name, edited),
    idFor: (name: string) => idPrefix + name.replace(/[^A-Za-z0-9_-]/g, "_"),
    errorFor,
    onSubmit,
    hasErrors,
    hasServerErrors,
    kept,
  };
}

/**
 * A Remix form wired to a zod schema, with a summary of errors at the top. A refusal from the
 * server is the form's answer (`Answer`): in view and focused after the post.
 */
export function ZodForm({
  ctx,
  children,
  method = "post",
  action,
  formError,
  className,
  id,
  "aria-labelledby": labelledBy,
  errorLinks,
  encType,
}: {
  ctx: ZodFormContext & { onSubmit: (event: FormEvent<HTMLFormElement>) => void };
  children: ReactNode;
  method?: "post" | "get";
  action?: string;
  /** "multipart/form-data" for a form with a file field. */
  encType?: "multipart/form-data";
  formError?: string | null;
  className?: string;
  id?: string;
  "aria-labelledby"?: string;
  /** For a form with many similar fields (a grid): the summary names each wrong field and links to it. */
  errorLinks?: ErrorLink[];
}) {
  const { t } = useT();
  return (
    <Form
      method={method}
      action={action}
      encType={encType}
      noValidate
      onSubmit={ctx.onSubmit}
      className={className ?? "ll-form"}
      id={id}
      aria-labelledby={labelledBy}
    >
      {formError ? (
        <Answer type="error">
          <Paragraph>{formError}</Paragraph>
        </Answer>
      ) : ctx.hasServerErrors ? (
        <ErrorSummary links={errorLinks} />
      ) : ctx.hasErrors ? (
        <Alert type="error" role="alert">
          <Paragraph>{t("form.errorSummary")}</Paragraph>
          <ErrorLinks links={errorLinks} />
        </Alert>
      ) : null}
      {ctx.kept ? (
        <Answer type="ok">
          <Paragraph>{t("form.kept")}</Paragraph>
        </Answer>
      ) : null}
      {children}
    </Form>
  );
}

export interface ErrorLink {
  /** The id of the wrong field. */
  fieldId: string;
  /** What is wrong, with the field's name ("Minuten gemist, Sara Jansen: …"). */
  text: string;
}

/**
 * The answer to a refused form: "Er klopt iets niet" and, when given, a link to each wrong field,
 * so a field far down a long form (a grid, a list of entries) is one step away. In view and focused
 * after the post (`Answer`), with and without JavaScript.
 */
export function ErrorSummary({ message, links, children }: { message?: string | null; links?: ErrorLink[]; children?: ReactNode }) {
  const { t } = useT();
  return (
    <Answer type="error">
      <Paragraph>{message ?? t("form.errorSummary")}</Paragraph>
      <ErrorLinks links={links} />
      {children}
    </Answer>
  );
}

function ErrorLinks({ links }: { links?: ErrorLink[] }) {
  if (!links || links.length === 0) return null;
  return (
    <ul {...unorderedListProps}>
      {links.map((l) => (
        <li key={l.fieldId} className={nlds.unorderedListItem}>
          <a
            href={`#${l.fieldId}`}
            className="utrecht-link"
            onClick={(event) => {
              // Following the link also puts the cursor in the field (without JavaScript it scrolls there).
              const field = document.getElementById(l.fieldId);
              if (!field) return;
              event.preventDefault();
              field.scrollIntoView({ block: "center" });
              field.focus({ preventScroll: true });
            }}
          >
            {l.text}
          </a>
        </li>
      ))}
    </ul>
  );
}

export function TextField({
  ctx,
  name,
  label,
  description,
  type = "text",
  autoComplete,
  defaultValue,
  required,
  list,
}: {
  ctx: ZodFormContext;
  name: string;
  label: string;
  description?: string;
  type?: string;
  autoComplete?: string;
  defaultValue?: string;
  required?: boolean;
  list?: string;
}) {
  const error = ctx.errorFor(name);
  const { ref, ...reg } = ctx.field(name);
  return (
    <FormFieldTextbox
      {...reg}
      inputRef={ref}
      inputId={ctx.idFor(name)}
      label={label}
      description={description}
      type={type}
      autoComplete={autoComplete}
      defaultValue={keptText(ctx.kept, name) ?? defaultValue}
      invalid={Boolean(error)}
      errorMessage={error}
      inputRequired={required}
      list={list}
    />
  );
}

export function TextareaField({
  ctx,
  name,
  label,
  description,
  defaultValue,
  rows = 4,
  required,
}: {
  ctx: ZodFormContext;
  name: string;
  label: string;
  description?: string;
  defaultValue?: string;
  rows?: number;
  required?: boolean;
}) {
  const error = ctx.errorFor(name);
  const { ref, ...reg } = ctx.field(name);
  return (
    <FormFieldTextarea
      {...reg}
      inputRef={ref}
      inputId={ctx.idFor(name)}
      label={label}
      description={description}
      defaultValue={keptText(ctx.kept, name) ?? defaultValue}
      rows={rows}
      invalid={Boolean(error)}
      errorMessage={error}
      inputRequired={required}
    />
  );
}

export function SelectField({
  ctx,
  name,
  label,
  description,
  options,
  defaultValue,
  placeholder,
}: {
  ctx: ZodFormContext;
  name: string;
  label: string;
  description?: string;
  options: { value: string; label: string }[];
  defaultValue?: string;
  placeholder?: string;
}) {
  const id = ctx.idFor(name);
  const error = ctx.errorFor(name);
  return (
    <FormField invalid={Boolean(error)} type="select">
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={id}>{label}</FormLabel>
      </div>
      {description ? (
        <FormFieldDescription id={`${id}-description`} className="utrecht-form-field__description">
          {description}
        </FormFieldDescription>
      ) : null}
      <FieldErrorMessage fieldId={id} error={error} />
      <div className="utrecht-form-field__input">
        <Select
          id={id}
          {...ctx.field(name)}
          defaultValue={keptText(ctx.kept, name) ?? defaultValue}
          invalid={Boolean(error)}
          {...invalidFieldProps(id, error, description ? `${id}-description` : undefined)}
        >
          {placeholder !== undefined ? <SelectOption value="">{placeholder}</SelectOption> : null}
          {options.map((o) => (
            <SelectOption key={o.value} value={o.value}>
              {o.label}
            </SelectOption>
          ))}
        </Select>
      </div>
    </FormField>
  );
}

export function CheckboxGroup({
  ctx,
  name,
  legend,
  options,
  defaultValues = [],
  emptyText,
}: {
  ctx: ZodFormContext;
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  defaultValues?: string[];
  emptyText?: string;
}) {
  const id = ctx.idFor(name);
  const error = ctx.errorFor(name);
  const checked = keptList(ctx.kept, name) ?? defaultValues;
  return (
    <Fieldset invalid={Boolean(error)} aria-describedby={error ? errorIdFor(id) : undefined}>
      <FieldsetLegend>{legend}</FieldsetLegend>
      <FieldErrorMessage fieldId={id} error={error} />
      {options.length === 0 && emptyText ? <Paragraph>{emptyText}</Paragraph> : null}
      {options.map((o, i) => (
        <FormField key={o.value} type="checkbox">
          <div className="utrecht-form-field__input">
            <Checkbox
              // The first box carries the field's id: the summary's link and the focus after a refusal land there.
              id={i === 0 ? id : `${id}-${o.value}`}
              value={o.value}
              defaultChecked={checked.includes(o.value)}
              {...ctx.field(name)}
              invalid={Boolean(error)}
              {...invalidFieldProps(id, error)}
            />
          </div>
          <div className="utrecht-form-field__label utrecht-form-field__label--checkbox">
            <FormLabel htmlFor={i === 0 ? id : `${id}-${o.value}`} type="checkbox">
              {o.label}
            </FormLabel>
          </div>
        </FormField>
      ))}
    </Fieldset>
  );
}

/**
 * One checkbox that must be ticked in some cases (consent, "yes, I am sure"): the message sits right
 * above the box, the box is marked invalid and points at the message.
 */
export function CheckboxField({
  ctx,
  name,
  label,
  value = "on",
  defaultChecked,
}: {
  ctx: ZodFormContext;
  name: string;
  label: ReactNode;
  value?: string;
  defaultChecked?: boolean;
}) {
  const id = ctx.idFor(name);
  const error = ctx.errorFor(name);
  // A kept form (after a time-out) holds the box as it was sent: not sent means not ticked.
  const checked = ctx.kept ? (keptList(ctx.kept, name)?.includes(value) ?? false) : defaultChecked;
  return (
    <FormField type="checkbox" invalid={Boolean(error)}>
      <FieldErrorMessage fieldId={id} error={error} />
      <div className="utrecht-form-field__input">
        <Checkbox id={id} value={value} defaultChecked={checked} {...ctx.field(name)} invalid={Boolean(error)} {...invalidFieldProps(id, error)} />
      </div>
      <div className="utrecht-form-field__label utrecht-form-field__label--checkbox">
        <FormLabel htmlFor={id} type="checkbox">
          {label}
        </FormLabel>
      </div>
    </FormField>
  );
}

/** True while this page is sending a form: for "Bezig met opslaan…" on buttons. */
export function useIsSubmitting(): boolean {
  return useNavigation().state === "submitting";
}
