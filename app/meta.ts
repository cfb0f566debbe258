import type { MetaFunction } from "@remix-run/node";
import type { MessageKey } from "./i18n/nl";
import { DEFAULT_LANG, isLang, translate } from "./i18n/translate";

/** A route's <title> in the user's language: "Page · Leerlijn Buurtteams". */
export function titleMeta(key: MessageKey): MetaFunction {
  return ({ matches }) => {
    const root = matches.find((m) => m.id === "root")?.data as { lang?: unknown } | undefined;
    const lang = isLang(root?.lang) ? root.lang : DEFAULT_LANG;
    return [{ title: `${translate(lang, key)} · ${translate(lang, "app.name")}` }];
  };
}
