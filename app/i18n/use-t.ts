import { useRouteLoaderData } from "@remix-run/react";
import { useCallback } from "react";
import type { MessageKey } from "./nl";
import { DEFAULT_LANG, formatDate, formatList, formatNumber, formatTime, isLang, isMessageKey, translate, type Lang, type Params } from "./translate";

export function useLang(): Lang {
  const data = useRouteLoaderData<{ lang?: unknown }>("root");
  return isLang(data?.lang) ? data.lang : DEFAULT_LANG;
}

/** The translator for the current language, plus formatters (dates, times, numbers, lists) and error keys. */
export function useT() {
  const lang = useLang();
  const t = useCallback((key: MessageKey, params?: Params) => translate(lang, key, params), [lang]);
  /** For messages that arrive as data (zod errors, service errors): unknown keys get a generic text. */
  const tMessage = useCallback(
    (key: string | undefined | null): string | undefined =>
      key ? translate(lang, isMessageKey(key) ? key : "form.invalid") : undefined,
    [lang],
  );
  const date = useCallback((iso: string) => formatDate(lang, iso), [lang]);
  const time = useCallback((iso: string) => formatTime(lang, iso), [lang]);
  const number = useCallback((n: number) => formatNumber(lang, n), [lang]);
  const list = useCallback((items: string[]) => formatList(lang, items), [lang]);
  return { t, tMessage, date, time, number, list, lang };
}
