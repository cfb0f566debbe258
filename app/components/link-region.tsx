import { useNavigate } from "@remix-run/react";
import type { HTMLAttributes, MouseEvent } from "react";

/**
 * Client-side navigation for the plain `<a href>` links inside a large table. A `<Link>` per
 * cell costs several hooks each on every server render (a 25-person overview has 250 of them);
 * one click handler on the region gives the same behaviour: a normal left click on a link to
 * this site is handled by the router, everything else (new tab, modifier keys, downloads,
 * other sites) is left to the browser. Without JavaScript the links are ordinary links.
 */
export function LinkRegion({ children, ...rest }: HTMLAttributes<HTMLDivElement>) {
  const navigate = useNavigate();
  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (!(link instanceof HTMLAnchorElement) || !event.currentTarget.contains(link)) return;
    if ((link.target && link.target !== "_self") || link.hasAttribute("download")) return;
    const url = new URL(link.href, window.location.href);
    if (url.origin !== window.location.origin) return;
    event.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  };
  return (
    // The handler only catches clicks that bubble up from the links inside; keyboard users press Enter on a link, which the browser turns into that same click.
    // eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-static-element-interactions
    <div {...rest} onClick={onClick}>
      {children}
    </div>
  );
}
