import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getUser } from "../auth.server";
import { getDb } from "../db.server";
import { langCookie } from "../i18n/i18n.server";
import { isLang } from "../i18n/translate";
import { safeRedirectPath } from "../rules/policy";
import { readForm } from "../forms/parse.server";
import { rememberLang } from "../services/mail-preferences.server";

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const lang = form.get("lang");
  const to = safeRedirectPath(String(form.get("redirectTo") ?? "/"));
  if (!isLang(lang)) return redirect(to);
  // A signed-in person's e-mail follows the language they chose here (issue 28, point 3).
  const user = await getUser(request);
  if (user) await rememberLang(getDb(), user, lang, context.clientIp ?? null);
  return redirect(to, { headers: { "Set-Cookie": await langCookie.serialize(lang) } });
}

export function loader() {
  return redirect("/");
}
