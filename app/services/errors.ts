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

/**
 * Several refusals at once, one per form field (e.g. planning an interview: the participant and
 * the assessors). The first field's message is the error's own `messageKey` and `field`.
 */
export class UserInputErrors extends UserInputError {
  constructor(public readonly fieldErrors: Partial<Record<string, MessageKey>>) {
    const [first] = Object.entries(fieldErrors);
    super(first?.[1] ?? "form.invalid", first?.[0]);
    this.name = "UserInputErrors";
  }
}
