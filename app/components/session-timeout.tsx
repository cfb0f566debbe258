import { useFetchers, useLocation, useNavigation } from "@remix-run/react";
import { Button, Heading2, Paragraph } from "@utrecht/component-library-react";
import { useCallback, useEffect, useRef, useState, type SyntheticEvent } from "react";
import { useT } from "../i18n/use-t";

const MINUTE = 60_000;
/** Another tab of the same browser did something with the (shared) session: look again. */
const ACTIVITY_KEY = "leerlijn-session-activity";

/** How long before the end the warning comes: 2 minutes, or half the idle time when that is shorter. */
export function warningLeadMs(idleMs: number): number {
  return Math.min(2 * MINUTE, idleMs / 2);
}

/** The server writes the last request at most this often (services/sessions.server.ts, lastSeenResolutionMs). */
function resolutionMs(idleMs: number): number {
  return Math.min(MINUTE, idleMs / 10);
}

type Clock = { state: "active"; endsInMs: number } | { state: "ended" };
type Phase = { kind: "quiet" } | { kind: "warning"; endsAt: number } | { kind: "ended" } | { kind: "dismissed" };

/** Asks the server how long the session has left (GET, not activity) or extends it (POST). Null when it cannot be reached. */
async function askClock(extend: boolean): Promise<Clock | null> {
  try {
    const res = await fetch("/sessie", {
      method: extend ? "POST" : "GET",
      credentials: "same-origin",
      cache: "no-store",
      headers: { Accept: "application/json" },
    });
    if (!res.ok) return null;
    const body = (await res.json()) as Clock;
    return body.state === "active" || body.state === "ended" ? body : null;
  } catch {
    return null;
  }
}

function tellOtherTabs(): void {
  try {
    localStorage.setItem(ACTIVITY_KEY, String(Date.now()));
  } catch {
    // storage may be off: the other tabs then learn it from the server when they would warn
  }
}

/**
 * Warns before the session ends by inactivity (WCAG 2.2.1), with JavaScript. A timer starts at
 * every answer from the server (pages, posts and fetchers); shortly before the warning would be
 * due it asks the server for the exact time left (several tabs share one session, and the server
 * writes the last request only once a minute). About 2 minutes before the end (half the idle time
 * when that is shorter) a modal dialog opens with "Ik ben er nog", which extends the session.
 * Without an answer, at the end it asks the server once more (another tab may have extended it)
 * and then says calmly that the person was signed out, and that what they typed is kept when
 * they send the form. Escape counts as "Ik ben er nog"; focus goes back where it was.
 */
export function SessionTimeout({ idleMinutes }: { idleMinutes: number }) {
  const { t, time } = useT();
  const idleMs = idleMinutes * MINUTE;
  const lead = warningLeadMs(idleMs);
  const [phase, setPhase] = useState<Phase>({ kind: "quiet" });
  const phaseRef = useRef<Phase>(phase);
  phaseRef.current = phase;
  const dialogRef = useRef<HTMLDialogElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const schedule = useCallback((delayMs: number, fn: () => void) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(fn, Math.max(0, delayMs));
  }, []);

  const apply = useCallback(
    (clock: Clock | null, check: () => void) => {
      if (phaseRef.current.kind === "dismissed") return;
      if (!clock) return schedule(15_000, check); // the server could not be reached: try again soon
      if (clock.state === "ended") {
        clearTimeout(timer.current);
        return setPhase({ kind: "ended" });
      }
      if (clock.endsInMs > lead + 1_000) {
        setPhase({ kind: "quiet" });
        return schedule(clock.endsInMs - lead, check);
      }
      setPhase({ kind: "warning", endsAt: Date.now() + clock.endsInMs });
      // At the end, ask again before saying it is over: another tab may have extended the session.
      schedule(clock.endsInMs + 500, check);
    },
    [lead, schedule],
  );

  const check = useCallback(() => {
    void askClock(false).then((clock) => apply(clock, check));
  }, [apply]);

  /** Something reached the server (here or in another tab): the session was extended. */
  const onActivity = useCallback(() => {
    const now = phaseRef.current.kind;
    if (now === "dismissed" || now === "ended") return;
    if (now === "warning") return check();
    schedule(idleMs - lead - resolutionMs(idleMs), check);
  }, [check, idleMs, lead, schedule]);

  const stillHere = useCallback(() => {
    void askClock(true).then((clock) => {
      if (clock?.state === "active") tellOtherTabs();
      apply(clock, check);
    });
  }, [apply, check]);

  // Every answer from the server counts: a page, a post, a fetcher (the POP's autosave).
  const navigation = useNavigation();
  const fetchers = useFetchers();
  const location = useLocation();
  const busy = navigation.state !== "idle" || fetchers.some((f) => f.state !== "idle");
  useEffect(() => {
    if (busy) return;
    onActivity();
    tellOtherTabs();
  }, [busy, location.key, onActivity]);

  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === ACTIVITY_KEY) onActivity();
    };
    const onVisible = () => {
      if (document.visibilityState === "visible" && phaseRef.current.kind === "warning") check();
    };
    window.addEventListener("storage", onStorage);
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      window.removeEventListener("storage", onStorage);
      document.removeEventListener("visibilitychange", onVisible);
      clearTimeout(timer.current);
    };
  }, [check, onActivity]);

  // Open the dialog (modal: the rest of the page is inert) and put focus in it; give focus back after.
  const open = phase.kind === "warning" || phase.kind === "ended";
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open) {
      if (!dialog.open) {
        returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
        dialog.showModal();
      }
      buttonRef.current?.focus();
    } else if (dialog.open) {
      dialog.close();
      returnFocus.current?.focus();
      returnFocus.current = null;
    }
  }, [open, phase.kind]);

  const onCancel = (event: SyntheticEvent<HTMLDialogElement>) => {
    event.preventDefault();
    if (phaseRef.current.kind === "warning") stillHere();
    else setPhase({ kind: "dismissed" });
  };

  return (
    <dialog ref={dialogRef} className="ll-dialog" aria-labelledby="ll-timeout-title" aria-describedby="ll-timeout-text" onCancel={onCancel}>
      {phase.kind === "ended" ? (
        <>
          {/* Announced when it replaces the warning: the dialog stays open and keeps focus. */}
          <div role="alert">
            <Heading2 id="ll-timeout-title">{t("session.ended.title")}</Heading2>
            <Paragraph id="ll-timeout-text">{t("session.ended.text")}</Paragraph>
            <Paragraph>{t("session.ended.kept")}</Paragraph>
          </div>
          <div className="ll-button-row">
            <Button ref={buttonRef} type="button" appearance="primary-action-button" onClick={() => setPhase({ kind: "dismissed" })}>
              {t("session.ended.close")}
            </Button>
          </div>
        </>
      ) : (
        <>
          <Heading2 id="ll-timeout-title">{t("session.warning.title")}</Heading2>
          <Paragraph id="ll-timeout-text">
            {t("session.warning.text", { time: phase.kind === "warning" ? time(new Date(phase.endsAt).toISOString()) : "" })}
          </Paragraph>
          <div className="ll-button-row">
            <Button ref={buttonRef} type="button" appearance="primary-action-button" onClick={stillHere}>
              {t("session.warning.stay")}
            </Button>
          </div>
        </>
      )}
    </dialog>
  );
}
