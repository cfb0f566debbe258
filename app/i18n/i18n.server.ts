import { createCookie } from "@remix-run/node";
import { DEFAULT_LANG, isLang, type Lang } from "./translate";

export const langCookie = createCookie("leerlijn_lang", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  maxAge: 365 * 24 * 3600,
});

export async function getLang(request: Request): Promise<Lang> {
  return langFromCookies(request.headers.get("Cookie"));
}

/** The language chosen in a Cookie header (also for the plain pages outside Remix), else Dutch. */
export async function langFromCookies(cookieHeader: string | null): Promise<Lang> {
  const value: unknown = await langCookie.parse(cookieHeader);
  return isLang(value) ? value : DEFAULT_LANG;
}

/** The language explicitly chosen on this device (the language cookie), or null when none was chosen. */
export async function chosenLang(cookieHeader: string | null): Promise<Lang | null> {
  const value: unknown = await langCookie.parse(cookieHeader);
  return isLang(value) ? value : null;
}
