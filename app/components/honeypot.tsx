import { useT } from "../i18n/use-t";

/** The name of the trap field. Robots fill in every field; people never see this one. */
export const HONEYPOT_FIELD = "website";

/**
 * A field for robots only: off-screen, hidden from screen readers, out of the tab order and
 * without autofill. Its label asks anyone who still meets it to leave it empty. A form that
 * comes back with it filled in is treated as a failed attempt (see the action).
 */
export function Honeypot() {
  const { t } = useT();
  return (
    <div className="ll-honeypot" aria-hidden="true">
      <label htmlFor="ll-hp-website">{t("honeypot.label")}</label>
      <input id="ll-hp-website" type="text" name={HONEYPOT_FIELD} tabIndex={-1} autoComplete="off" defaultValue="" />
    </div>
  );
}
