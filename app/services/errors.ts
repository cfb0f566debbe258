import type { MessageKey } from "../i18n/nl";

/**
 * A refusal the user can fix, with a dictionary key for the message.
 * `field` names the form field it belongs to, when there is one.
 */
export class UserInputError extends Error {
  constructor(
    public readonly messageKey: MessageKey,
    public readonly field?: string,
  ) {
    super(messageKey);
    this.name = "UserInputError";
  }
}
