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
import { useEffect, useId, useState, type FormEvent, type ReactNode } from "react";
import { useForm, type FieldValues, type UseFormReturn } from "react-hook-form";
import type { z } from "zod";
import { useT } from "../i18n/use-t";
import { Answer } from "./answer";
import { keptList, keptText, useKeptFields, type KeptFields } from "./kept-form";

type FieldErrors = Record<string, string>;
const NO_ERRORS: FieldErrors = {};
const NOTHING_CHANGED: ReadonlySet<string> = new Set();

type FieldProps = Partial<ReturnType<UseFormReturn<FieldValues>["register"]>> & { name: string };

/**
 * react-hook-form's `register` in the browser. On the server only the name: the handlers and the
 * ref that `register` adds do not appear in the HTML, so the markup is the same, and registering
 * costs some 15 µs per field on every server render (100 fields in an attendance grid).
 */
function fieldProps(form: UseFormReturn<FieldValues>, name: string): FieldProps {
  return typeof document === "undefined" ? { name } : form.register(name);
}

interface ZodFormContext {
  form: UseFormReturn<FieldValues>;
  /** The props that connect an input to the form: see `fieldProps`. */
  field: (name: string) => FieldProps;
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
  opts: { serverErrors?: FieldErrors | null; defaultValues?: FieldValues } = {},
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
    void form.handleSubmit(() => {
      submit(submitter instanceof HTMLButtonElement ? submitter : formElement);
    })(event);
  };
  const hasServerErrors = Object.keys(serverErrors).some((name) => !changed.has(name));
  const hasErrors = Object.keys(form.formState.errors).length > 0 || hasServerErrors;
  const kept = useKeptFields(schema);
  return { form, field: (name: string) => fieldProps(form, name), errorFor, onSubmit, hasErrors, hasServerErrors, kept };
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
}: {
  ctx: ZodFormContext & { onSubmit: (event: FormEvent<HTMLFormElement>) => void };
  children: ReactNode;
  method?: "post" | "get";
  action?: string;
  formError?: string | null;
  className?: string;
  id?: string;
  "aria-labelledby"?: string;
}) {
  const { t } = useT();
  return (
    <Form method={method} action={action} noValidate onSubmit={ctx.onSubmit} className={className ?? "ll-form"} id={id} aria-labelledby={labelledBy}>
      {formError ? (
        <Answer type="error">
          <Paragraph>{formError}</Paragraph>
        </Answer>
      ) : ctx.hasServerErrors ? (
        <Answer type="error">
          <Paragraph>{t("form.errorSummary")}</Paragraph>
        </Answer>
      ) : ctx.hasErrors ? (
        <Alert type="error" role="alert">
          <Paragraph>{t("form.errorSummary")}</Paragraph>
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
  const id = useId();
  const error = ctx.errorFor(name);
  const describedBy = [description ? `${id}-d` : null, error ? `${id}-e` : null].filter(Boolean).join(" ");
  return (
    <FormField invalid={Boolean(error)} type="select">
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={id}>{label}</FormLabel>
      </div>
      {description ? (
        <FormFieldDescription id={`${id}-d`} className="utrecht-form-field__description">
          {description}
        </FormFieldDescription>
      ) : null}
      {error ? (
        <FormFieldErrorMessage id={`${id}-e`} className="utrecht-form-field__error-message">
          {error}
        </FormFieldErrorMessage>
      ) : null}
      <div className="utrecht-form-field__input">
        <Select
          id={id}
          {...ctx.field(name)}
          defaultValue={keptText(ctx.kept, name) ?? defaultValue}
          invalid={Boolean(error)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy || undefined}
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
  const id = useId();
  const error = ctx.errorFor(name);
  const checked = keptList(ctx.kept, name) ?? defaultValues;
  return (
    <Fieldset invalid={Boolean(error)} aria-describedby={error ? `${id}-e` : undefined}>
      <FieldsetLegend>{legend}</FieldsetLegend>
      {error ? <FormFieldErrorMessage id={`${id}-e`}>{error}</FormFieldErrorMessage> : null}
      {options.length === 0 && emptyText ? <Paragraph>{emptyText}</Paragraph> : null}
      {options.map((o) => (
        <FormField key={o.value} type="checkbox">
          <div className="utrecht-form-field__input">
            <Checkbox id={`${id}-${o.value}`} value={o.value} defaultChecked={checked.includes(o.value)} {...ctx.field(name)} />
          </div>
          <div className="utrecht-form-field__label utrecht-form-field__label--checkbox">
            <FormLabel htmlFor={`${id}-${o.value}`} type="checkbox">
              {o.label}
            </FormLabel>
          </div>
        </FormField>
      ))}
    </Fieldset>
  );
}

/** True while this page is sending a form: for "Bezig met opslaan…" on buttons. */
export function useIsSubmitting(): boolean {
  return useNavigation().state === "submitting";
}
