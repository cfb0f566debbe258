import { FormLabel, Paragraph, Textbox } from "@utrecht/component-library-react";
import type { MessageKey } from "../i18n/nl";
import type { Params } from "../i18n/translate";
import { useT } from "../i18n/use-t";
import { Answer } from "./answer";

/**
 * The answer after a form that made an invitation (/coordinator/mensen, /coordinator/buurtteams):
 * the message, whether a mail went out, and the one-time link to copy.
 */
export function InviteAnswer({
  message,
  invite,
}: {
  message: { key: MessageKey; params?: Params };
  invite?: { link: string; email: string; mailed: boolean };
}) {
  const { t } = useT();
  return (
    <Answer type="ok">
      <Paragraph>{t(message.key, message.params)}</Paragraph>
      {invite?.mailed ? <Paragraph>{t("people.invite.mailed", { email: invite.email })}</Paragraph> : null}
      {invite ? (
        <div className="ll-invite-link">
          <FormLabel htmlFor="invite-link">{t("people.invite.linkLabel")}</FormLabel>
          <Textbox id="invite-link" readOnly value={invite.link} data-testid="invite-link" />
        </div>
      ) : null}
    </Answer>
  );
}
