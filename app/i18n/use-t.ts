import { useRouteLoaderData } from "@remix-run/react";
import type { MessageKey } from "./nl";
import {
  DEFAULT_LANG,
  formatDate,
  formatList,
  formatNumber,
  formatTime,
  isLang,
  isMessageKey,
  LANGUAGES,
  readMessage,
  translate,
  type Lang,
  type Params,
} from "./translate";

export function useLang(): Lang {
  const data = useRouteLoaderData<{ lang?: unknown }>("root");
  return isLang(data?.lang) ? data.lang : DEFAULT_LANG;
}

/** The translator for one language, plus formatters (dates, times, numbers, lists) and error keys. */
function translatorFor(lang: Lang) {
  return {
    t: (key: MessageKey, params?: Params) => translate(lang, key, params),
    /**
     * For messages that arrive as data (zod errors, service errors), with values for their
     * placeholders when made with `messageWith`: unknown keys get a generic text.
     */
    tMessage: (message: string | undefined | null): string | undefined => {
      if (!message) return undefined;
      const { key, params } = readMessage(message);
      return isMessageKey(key) ? translate(lang, key, params) : translate(lang, "form.invalid");
    },
    date: (iso: string) => formatDate(lang, iso),
    time: (iso: string) => formatTime(lang, iso),
    number: (n: number) => formatNumber(lang, n),
    list: (items: string[]) => formatList(lang, items),
    lang,
  };
}

/**
 * Built once per language: the functions keep their identity between renders (safe in effect
 * dependencies), and a table with a translated cell per row costs no hooks per cell.
 */
const TRANSLATORS = Object.fromEntries(LANGUAGES.map((lang) => [lang, Object.freeze(translatorFor(lang))])) as Record<
  Lang,
  Readonly<ReturnType<typeof translatorFor>>
>;

/** The translator for the current language, plus formatters (dates, times, numbers, lists) and error keys. */
export function useT() {
  return TRANSLATORS[useLang()];
}
