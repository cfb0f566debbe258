import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { langCookie } from "../i18n/i18n.server";
import { isLang } from "../i18n/translate";
import { safeRedirectPath } from "../rules/policy";
import { readForm } from "../forms/parse.server";

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const lang = form.get("lang");
  const to = safeRedirectPath(String(form.get("redirectTo") ?? "/"));
  if (!isLang(lang)) return redirect(to);
  return redirect(to, { headers: { "Set-Cookie": await langCookie.serialize(lang) } });
}

export function loader() {
  return redirect("/");
}
