import { useBeforeUnload, useBlocker } from "@remix-run/react";
import { Alert, Button, Paragraph } from "@utrecht/component-library-react";
import { useCallback } from "react";
import { useT } from "../i18n/use-t";

/**
 * Asks before unsaved changes are lost (with JavaScript): closing or reloading the tab gives the
 * browser's own question, a link inside the app shows this warning with "stay" and "leave". The
 * same behaviour as the POP page. Render the returned element near the top of the page.
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
  if (blocker.state !== "blocked") return null;
  return (
    // The NL Design System's Alert puts a role on its inner message, not on the element that gets
    // the other attributes: the dialog (with its name) is this wrapper.
    <div role="alertdialog" aria-labelledby="unsaved-warning">
      <Alert type="warning" role="presentation">
        <Paragraph id="unsaved-warning">{t("form.unsaved.warning")}</Paragraph>
        <div className="ll-button-row">
          <Button type="button" appearance="primary-action-button" onClick={() => blocker.reset()}>
            {t("form.unsaved.stay")}
          </Button>
          <Button type="button" appearance="secondary-action-button" onClick={() => blocker.proceed()}>
            {t("form.unsaved.go")}
          </Button>
        </div>
      </Alert>
    </div>
  );
}
