import type { MetaFunction, SerializeFrom } from "@remix-run/node";
import { isRouteErrorResponse } from "@remix-run/react";
import type { MessageKey } from "./i18n/nl";
import { DEFAULT_LANG, formatDate, isLang, type Lang, translate, type Params } from "./i18n/translate";

/** What a title function gets: the translator of the page's language and a date formatter. */
export interface TitleTools {
  t: (key: MessageKey, params?: Params) => string;
  date: (iso: string) => string;
  lang: Lang;
}

/** The title of an error page, by status (the same words as its h1, app/components/error-page.tsx). */
export function errorTitleKey(error: unknown): MessageKey {
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (status === 403) return "error.403.title";
  if (status === 404) return "error.404.title";
  if (status === 413) return "plain.tooLarge.heading";
  if (status >= 500) return "error.500.title";
  return "error.generic.title";
}

function langOf(matches: { id: string; data: unknown }[]): Lang {
  const root = matches.find((m) => m.id === "root")?.data as { lang?: unknown } | undefined;
  return isLang(root?.lang) ? root.lang : DEFAULT_LANG;
}

/**
 * A route's <title> in the user's language: "Page · Leerlijn Buurtteams" (WCAG 2.4.2). A page about
 * one record (a lesson, a participant, an entry) passes `detail`, which builds the title from the
 * loader's data, so two records of one page type never share a title: "Aanwezigheid: Les 3,
 * 12 november 2026 · Leerlijn Buurtteams". An error page is titled by its error ("Pagina niet
 * gevonden"), not by the page that was asked for.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any loader; only used to type `data`
export function titleMeta<Loader extends (...args: any[]) => unknown = () => unknown>(
  key: MessageKey,
  detail?: (data: SerializeFrom<Loader>, tools: TitleTools) => string,
): MetaFunction<Loader> {
  return ({ matches, data, error }) => {
    const lang = langOf(matches);
    const t = (k: MessageKey, params?: Params) => translate(lang, k, params);
    const page = error
      ? t(errorTitleKey(error))
      : detail && data
        ? detail(data as SerializeFrom<Loader>, { t, date: (iso) => formatDate(lang, iso), lang })
        : t(key);
    return [{ title: `${page} · ${t("app.name")}` }];
  };
}
