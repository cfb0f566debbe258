import { Button } from "@utrecht/component-library-react";
import { useT } from "../i18n/use-t";
import { TextField, useIsSubmitting, ZodForm, type useZodForm } from "./form";

/**
 * The form to choose a new password, the same wherever a link leads to it (an invitation, a
 * "Wachtwoord vergeten?" link): the address for the browser's password manager, the password with
 * its hint, the confirmation and one button. `ctx` comes from `useZodForm(newPasswordSchema, …)`.
 */
export function ChoosePasswordForm({
  ctx,
  formError,
  labelledBy,
  email,
  submitLabel,
}: {
  ctx: ReturnType<typeof useZodForm>;
  formError: string | null;
  labelledBy: string;
  email: string | undefined;
  submitLabel: string;
}) {
  const { t } = useT();
  const submitting = useIsSubmitting();
  return (
    <ZodForm ctx={ctx} formError={formError} aria-labelledby={labelledBy}>
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <TextField
        ctx={ctx}
        name="password"
        type="password"
        label={t("invite.password")}
        description={t("invite.password.hint")}
        autoComplete="new-password"
        required
      />
      <TextField ctx={ctx} name="confirm" type="password" label={t("invite.confirm")} autoComplete="new-password" required />
      <Button type="submit" appearance="primary-action-button" busy={submitting}>
        {submitLabel}
      </Button>
    </ZodForm>
  );
}
