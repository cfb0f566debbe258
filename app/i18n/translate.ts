import { dictionaryFor, someDictionary } from "./dictionaries";
import type { MessageKey } from "./nl";

export const LANGUAGES = ["nl", "en"] as const;
export type Lang = (typeof LANGUAGES)[number];
export const DEFAULT_LANG: Lang = "nl";

export type Params = Record<string, string | number>;

export function isLang(value: unknown): value is Lang {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

export function isMessageKey(value: unknown): value is MessageKey {
  return typeof value === "string" && Object.prototype.hasOwnProperty.call(someDictionary(), value);
}

/**
 * A message key with values for its placeholders, as one string that can travel as data (a zod
 * error, a field error from the server): "form.tooLong?max=2000". `readMessage` takes it apart.
 */
export function messageWith(key: MessageKey, params: Params): string {
  return `${key}?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString()}`;
}

/** The key and values of a message string from `messageWith` (or a plain key). */
export function readMessage(message: string): { key: string; params?: Params } {
  const at = message.indexOf("?");
  if (at < 0) return { key: message };
  return { key: message.slice(0, at), params: Object.fromEntries(new URLSearchParams(message.slice(at + 1))) };
}

// A template split once at its {placeholders}: odd places hold the names.
const splitTemplates = new Map<string, string[]>();

const PLURAL_LOCALES: Record<Lang, string> = { nl: "nl-NL", en: "en-GB" };
const pluralRules = Object.fromEntries(LANGUAGES.map((lang) => [lang, new Intl.PluralRules(PLURAL_LOCALES[lang])])) as Record<Lang, Intl.PluralRules>;
const PLURAL_START = /\{(\w+), plural,/g;

/**
 * Plural forms in ICU MessageFormat's notation, the one translators know:
 * `{count, plural, =0 {geen regels} one {# regel} other {# regels}}`. `#` is the number; the
 * branch is chosen with Intl.PluralRules of the language ("one" and "other" in Dutch and English).
 * Branches may hold ordinary {placeholders}, filled in afterwards (`#` becomes one, so the set of
 * templates stays small enough to keep their split forms).
 */
function choosePlurals(lang: Lang, template: string, params: Params): string {
  if (!template.includes(", plural,")) return template;
  let out = "";
  let from = 0;
  PLURAL_START.lastIndex = 0;
  for (let match = PLURAL_START.exec(template); match; match = PLURAL_START.exec(template)) {
    const branches = new Map<string, string>();
    let i = match.index + match[0].length;
    // Read "selector {text}" pairs until the closing brace of the plural block.
    for (;;) {
      while (template[i] === " ") i++;
      if (template[i] === "}" || i >= template.length) break;
      const open = template.indexOf("{", i);
      if (open < 0) break;
      const selector = template.slice(i, open).trim();
      let depth = 1;
      let j = open + 1;
      while (j < template.length && depth > 0) {
        if (template[j] === "{") depth++;
        else if (template[j] === "}") depth--;
        j++;
      }
      branches.set(selector, template.slice(open + 1, j - 1));
      i = j;
    }
    const value = Number(params[match[1]]);
    const branch = branches.get(`=${value}`) ?? branches.get(Number.isFinite(value) ? pluralRules[lang].select(value) : "other") ?? branches.get("other") ?? "";
    out += template.slice(from, match.index) + branch.replaceAll("#", `{${match[1]}}`);
    from = i + 1;
    PLURAL_START.lastIndex = from;
  }
  return out + template.slice(from);
}

/** Looks a key up in the language's dictionary, chooses plural forms and fills in {placeholders}. */
export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  // Every language has every key (tests/unit/i18n.test.ts), so no fallback to Dutch: in the browser
  // that would put the Dutch dictionary in an English page's JavaScript.
  const stored = dictionaryFor(lang)[key];
  if (!params) return stored;
  const template = choosePlurals(lang, stored, params);
  let parts = splitTemplates.get(template);
  if (parts === undefined) {
    parts = template.split(/\{(\w+)\}/);
    splitTemplates.set(template, parts);
  }
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i];
    out += (name in params ? String(params[name]) : `{${name}}`) + parts[i + 1];
  }
  return out;
}

const LOCALES: Record<Lang, string> = { nl: "nl-NL", en: "en-GB" };

// Intl formatters are costly to build (a large share of a page's render time when built per call),
// so each language keeps one of each.
const formatters = Object.fromEntries(
  LANGUAGES.map((lang) => [
    lang,
    {
      date: new Intl.DateTimeFormat(LOCALES[lang], { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Amsterdam" }),
      time: new Intl.DateTimeFormat(LOCALES[lang], { timeStyle: "short", timeZone: "Europe/Amsterdam" }),
      list: new Intl.ListFormat(LOCALES[lang], { type: "conjunction" }),
      number: new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 2 }),
    },
  ]),
) as Record<Lang, { date: Intl.DateTimeFormat; time: Intl.DateTimeFormat; list: Intl.ListFormat; number: Intl.NumberFormat }>;

/**
 * Formatting with Intl costs microseconds per call, and pages show the same dates and numbers
 * over and over: the answers are kept, at most a few thousand per language and kind.
 */
function remembered<K>(limit: number, make: (lang: Lang, key: K) => string): (lang: Lang, key: K) => string {
  const kept: Record<Lang, Map<K, string>> = { nl: new Map(), en: new Map() };
  return (lang, key) => {
    const map = kept[lang];
    let value = map.get(key);
    if (value === undefined) {
      if (map.size >= limit) map.clear();
      value = make(lang, key);
      map.set(key, value);
    }
    return value;
  };
}

const dayInWords = remembered<string>(5000, (lang, day) => {
  const date = new Date(`${day}T12:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : formatters[lang].date.format(date);
});

/** A date (yyyy-mm-dd or ISO timestamp) in words, e.g. "7 september 2026". */
export function formatDate(lang: Lang, iso: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return dayInWords(lang, iso);
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return formatters[lang].date.format(date);
}

/** A clock time of an ISO timestamp in Amsterdam, e.g. "14:32". */
export function formatTime(lang: Lang, iso: string): string {
  return formatters[lang].time.format(new Date(iso));
}

export function formatList(lang: Lang, items: string[]): string {
  return formatters[lang].list.format(items);
}

const numberInText = remembered<number>(5000, (lang, n) => formatters[lang].number.format(n));

export function formatNumber(lang: Lang, n: number): string {
  return numberInText(lang, n);
}
