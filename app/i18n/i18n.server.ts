import { createCookie } from "@remix-run/node";
import { DEFAULT_LANG, isLang, type Lang } from "./translate";

export const langCookie = createCookie("leerlijn_lang", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  maxAge: 365 * 24 * 3600,
});

export async function getLang(request: Request): Promise<Lang> {
  const value: unknown = await langCookie.parse(request.headers.get("Cookie"));
  return isLang(value) ? value : DEFAULT_LANG;
}
