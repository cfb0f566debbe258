import { useActionData, useNavigation } from "@remix-run/react";
import { Alert, Paragraph } from "@utrecht/component-library-react";
import { useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import type { MessageKey } from "../i18n/nl";
import type { Params } from "../i18n/translate";
import { useT } from "../i18n/use-t";

/*
 * The page's one status region (WCAG 4.1.3): always in the page (AppShell renders `StatusRegion`),
 * visually hidden, filled with "Gelukt" when a "saved" answer appears and emptied again when that
 * answer is no longer true (the next attempt was refused in the browser, another page). Screen
 * readers announce changes of a region that was already there; a status element that is inserted
 * together with its text is often not announced. The answer's own words are read where it stands,
 * because it takes focus: the region does not repeat them (no sentence read twice, and the text is
 * on the page once).
 */
let statusText = "";
const statusListeners = new Set<() => void>();
function setStatus(text: string) {
  if (text === statusText) return;
  statusText = text;
  for (const listener of statusListeners) listener();
}
let statusTimer: ReturnType<typeof setTimeout> | undefined;
let lastAnnounced = "";
/** Puts a text in the region: emptied first, so the same "saved" after a second save is announced again. */
function announce(text: string) {
  clearTimeout(statusTimer);
  lastAnnounced = text;
  setStatus("");
  if (text) statusTimer = setTimeout(() => setStatus(text), 50);
}
function subscribeStatus(listener: () => void) {
  statusListeners.add(listener);
  return () => statusListeners.delete(listener);
}

/** Sent by a form whose post the browser refused (react-hook-form found errors): an earlier "saved" no longer answers it. */
export const FORM_REFUSED_EVENT = "ll:form-refused";

/** Tells the page that the person's last attempt to send a form was refused before it was sent. */
export function announceFormRefused() {
  window.dispatchEvent(new Event(FORM_REFUSED_EVENT));
}

export function StatusRegion() {
  const { t } = useT();
  const done =
    useSyncExternalStore(
      subscribeStatus,
      () => statusText,
      () => "",
    ) !== "";
  const navigation = useNavigation();
  const wasSubmitting = useRef(false);
  useEffect(() => {
    if (navigation.state === "submitting") wasSubmitting.current = true;
    if (navigation.state !== "idle" || !wasSubmitting.current) return;
    wasSubmitting.current = false;
    // After a post the page is answered; focus never stays on the body (a button that was removed
    // or re-rendered). The answer on the page takes it, else the page's main region.
    if (document.activeElement && document.activeElement !== document.body) return;
    const target = document.querySelector<HTMLElement>("[data-answer]") ?? document.getElementById("inhoud");
    target?.focus();
  }, [navigation.state]);
  return (
    <div id="ll-status" role="status" aria-live="polite" aria-atomic="true" className="ll-visually-hidden" data-testid="status-region">
      {done ? t("form.done") : ""}
    </div>
  );
}

/**
 * The app's one way to show the answer to a form: "saved", "refused, because …". Every page
 * renders the answer of its forms with this component (directly, through `ZodForm`'s summary or
 * through `FailureAlert`), so after each post the answer is in view and has focus, wherever the
 * button was:
 *
 * - With JavaScript: when the route's action answers (a new `useActionData` object), the first
 *   answer on the page is scrolled into view and focused. A form on a long page therefore never
 *   answers out of sight.
 * - Without JavaScript: the answer carries `autofocus`, so the browser focuses it and scrolls it
 *   into view when the answered page loads.
 *
 * A "saved" answer (type ok) also fills the page's status region (`StatusRegion`), which was there
 * before the answer, so screen readers announce it. When the person then tries again and the
 * browser refuses the form (`announceFormRefused`), the old "saved" disappears.
 *
 * Client-side errors do not use this: react-hook-form focuses the first wrong field itself.
 */
export function Answer({ type, children, id, className }: { type: "ok" | "error" | "warning"; children: ReactNode; id?: string; className?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const announced = useRef("");
  const answer = useActionData();
  const [stale, setStale] = useState(false);
  const [answered, setAnswered] = useState(answer);
  if (answered !== answer) {
    setAnswered(answer);
    setStale(false);
  }
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (type === "ok") {
      announced.current = el.textContent?.trim() ?? "";
      announce(announced.current);
    }
    // Several answers (a summary and a list): the first on the page takes focus.
    if (document.querySelector("[data-answer]") !== el) return;
    el.scrollIntoView({ block: el.offsetHeight > window.innerHeight / 2 ? "start" : "center" });
    el.focus({ preventScroll: true });
  }, [answer, type]);
  useEffect(() => {
    if (type !== "ok") return;
    const refused = () => {
      setStale(true);
      announce("");
    };
    window.addEventListener(FORM_REFUSED_EVENT, refused);
    return () => {
      window.removeEventListener(FORM_REFUSED_EVENT, refused);
      // The answer left the page (another page, another answer): it no longer speaks for the page.
      if (announced.current && lastAnnounced === announced.current) announce("");
    };
  }, [type]);
  if (stale) return null;
  return (
    <Alert
      ref={ref}
      id={id}
      type={type}
      role={type === "ok" ? "status" : "alert"}
      tabIndex={-1}
      data-answer=""
      // The answer to the person's own post: focus belongs there (see above), also without JavaScript.
      // eslint-disable-next-line jsx-a11y/no-autofocus
      autoFocus
      className={className ? `ll-answer ${className}` : "ll-answer"}
    >
      {children}
    </Alert>
  );
}

/**
 * A notice that is part of the page, not an answer (a privacy reminder, "your next step"): the look
 * of an alert without a live role, so it is read where it stands and never announced again.
 */
export function Notice({ type, children, className }: { type: "info" | "warning" | "ok" | "error"; children: ReactNode; className?: string }) {
  return (
    <Alert type={type} role="none" className={className}>
      {children}
    </Alert>
  );
}

/** What a form's post answered, for the common case: its message when it went well, its refusal when not. */
export type PostResult = { ok: true; message: MessageKey; params?: Params } | { ok: false; formError?: { key: MessageKey; params?: Params } };

/** The answer to a post (`PostResult`) where the person looks; nothing when there was no post, or only field errors. */
export function PostAnswer({ result }: { result: PostResult | undefined }) {
  const { t } = useT();
  if (result?.ok)
    return (
      <Answer type="ok">
        <Paragraph>{t(result.message, result.params)}</Paragraph>
      </Answer>
    );
  if (result?.formError)
    return (
      <Answer type="error">
        <Paragraph>{t(result.formError.key, result.formError.params)}</Paragraph>
      </Answer>
    );
  return null;
}
