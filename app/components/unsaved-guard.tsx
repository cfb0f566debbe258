import { useBeforeUnload, useBlocker } from "@remix-run/react";
import { Alert, Button, Paragraph } from "@utrecht/component-library-react";
import { useCallback, useEffect, useRef } from "react";
import { useT } from "../i18n/use-t";

/** The element inside a form that had focus last: where "stay" puts the person back. */
function useLastFormFocus() {
  const last = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const remember = (event: FocusEvent) => {
      const target = event.target;
      if (target instanceof HTMLElement && target.closest("form") && !target.closest("[data-unsaved-warning]")) last.current = target;
    };
    document.addEventListener("focusin", remember);
    return () => document.removeEventListener("focusin", remember);
  }, []);
  return last;
}

/**
 * Asks before unsaved changes are lost (with JavaScript): closing or reloading the tab gives the
 * browser's own question, a link inside the app shows this warning with "stay" and "leave". The
 * same behaviour as the POP page. Render the returned element near the top of the page.
 *
 * The warning takes focus when it appears: its "stay" button, the safe choice, as in any alert
 * dialog, so the question is in view and read at once (WCAG 2.4.3). "Stay" gives focus back to the
 * form: the field the person was in last, else the page's first form field.
 */
export function UnsavedGuard({ dirty }: { dirty: boolean }) {
  const { t } = useT();
  useBeforeUnload(
    useCallback(
      (event) => {
        if (dirty) event.preventDefault();
      },
      [dirty],
    ),
  );
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);
  const lastField = useLastFormFocus();
  const stayButton = useRef<HTMLButtonElement>(null);
  const blocked = blocker.state === "blocked";
  useEffect(() => {
    const button = stayButton.current;
    if (!blocked || !button) return;
    button.scrollIntoView({ block: "center" });
    button.focus({ preventScroll: true });
  }, [blocked]);
  const stay = () => {
    blocker.reset?.();
    const back =
      lastField.current?.isConnected === true
        ? lastField.current
        : document.querySelector<HTMLElement>("main form input:not([type=hidden]), main form textarea, main form select");
    back?.focus();
  };
  if (!blocked) return null;
  return (
    // The NL Design System's Alert puts a role on its inner message, not on the element that gets
    // the other attributes: the dialog (with its name) is this wrapper.
    <div role="alertdialog" aria-labelledby="unsaved-warning" data-unsaved-warning="">
      <Alert type="warning" role="presentation">
        <Paragraph id="unsaved-warning">{t("form.unsaved.warning")}</Paragraph>
        <div className="ll-button-row">
          <Button type="button" appearance="primary-action-button" onClick={stay} ref={stayButton}>
            {t("form.unsaved.stay")}
          </Button>
          <Button type="button" appearance="secondary-action-button" onClick={() => blocker.proceed?.()}>
            {t("form.unsaved.go")}
          </Button>
        </div>
      </Alert>
    </div>
  );
}
