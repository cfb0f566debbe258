import { Paragraph, UnorderedList, UnorderedListItem } from "@utrecht/component-library-react";
import { useT } from "../i18n/use-t";
import { Answer } from "./answer";

/**
 * A refusal shown where no form field can carry it (the form is not on the page, or the page has no
 * per-field messages): the summary line and each distinct message once.
 */
export function FailureAlert({ fieldErrors, formError }: { fieldErrors?: Record<string, string> | null; formError?: string | null }) {
  const { t, tMessage } = useT();
  const messages = [...new Set([formError, ...Object.values(fieldErrors ?? {})].filter((m): m is string => Boolean(m)).map((m) => tMessage(m) ?? m))];
  if (messages.length === 0) return null;
  return (
    <Answer type="error">
      <Paragraph>{t("form.errorSummary")}</Paragraph>
      <UnorderedList>
        {messages.map((m) => (
          <UnorderedListItem key={m}>{m}</UnorderedListItem>
        ))}
      </UnorderedList>
    </Answer>
  );
}
