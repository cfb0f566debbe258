import { useActionData } from "@remix-run/react";
import { Alert } from "@utrecht/component-library-react";
import { useEffect, useRef, type ReactNode } from "react";

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
 * Client-side errors do not use this: react-hook-form focuses the first wrong field itself.
 */
export function Answer({ type, children, id, className }: { type: "ok" | "error" | "warning"; children: ReactNode; id?: string; className?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const answer = useActionData();
  useEffect(() => {
    const el = ref.current;
    // Several answers (a summary and a list): the first on the page takes focus.
    if (!el || document.querySelector("[data-answer]") !== el) return;
    el.scrollIntoView({ block: el.offsetHeight > window.innerHeight / 2 ? "start" : "center" });
    el.focus({ preventScroll: true });
  }, [answer]);
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
