import { Paragraph, UnorderedList, UnorderedListItem } from "@utrecht/component-library-react";
import type { ShownProfile } from "../forms/pool";
import type { MessageKey } from "../i18n/nl";
import { isMessageKey } from "../i18n/translate";
import { useT } from "../i18n/use-t";

/*
 * The pieces a request to the pool is shown with (issue 31, point 3): on the buurtteam's pages and
 * on the member's own page. Codes (theme, language, stadsdeel) get their words from the dictionary.
 */

type T = ReturnType<typeof useT>;

/** The word for a code of the pool's fixed lists, or the code itself when the dictionary has none. */
export function poolWord(t: T["t"], kind: "theme" | "language" | "stadsdeel", code: string): string {
  const key = `pool.${kind}.${code}`;
  return isMessageKey(key) ? t(key) : code;
}

export interface RequestFactsData {
  theme: string;
  stadsdeel: string;
  language: string | null;
  periodFrom: string;
  periodUntil: string;
  hoursPerWeek: number;
}

/** What a request asks for, one line per fact. */
export function RequestFacts({ request }: { request: RequestFactsData }) {
  const { t, date } = useT();
  return (
    <UnorderedList>
      <UnorderedListItem>
        {t("poolRequest.field.theme")}: {poolWord(t, "theme", request.theme)}
      </UnorderedListItem>
      <UnorderedListItem>
        {t("poolRequest.field.stadsdeel")}: {poolWord(t, "stadsdeel", request.stadsdeel)}
      </UnorderedListItem>
      <UnorderedListItem>
        {t("poolRequest.field.language")}: {request.language ? poolWord(t, "language", request.language) : t("poolRequest.language.any")}
      </UnorderedListItem>
      <UnorderedListItem>
        {t("poolRequest.field.period")}: {t("poolRequest.period", { from: date(request.periodFrom), until: date(request.periodUntil) })}
      </UnorderedListItem>
      <UnorderedListItem>
        {t("poolRequest.field.hours")}: {t("poolRequest.hoursValue", { hours: request.hoursPerWeek })}
      </UnorderedListItem>
    </UnorderedList>
  );
}

/** What a pool member chose to show: never a name or contact. */
export function ShownProfileFacts({ profile }: { profile: ShownProfile }) {
  const { t, date, list } = useT();
  const words = (kind: "theme" | "language" | "stadsdeel", codes: string[]) =>
    codes.length === 0 ? t("poolRequest.member.none") : list(codes.map((c) => poolWord(t, kind, c)));
  const available =
    profile.availableFrom && profile.availableUntil
      ? t("poolRequest.period", { from: date(profile.availableFrom), until: date(profile.availableUntil) })
      : profile.availableFrom
        ? t("poolRequest.member.availableFrom", { from: date(profile.availableFrom) })
        : profile.availableUntil
          ? t("poolRequest.member.availableUntil", { until: date(profile.availableUntil) })
          : t("poolRequest.member.availableOpen");
  return (
    <>
      <Paragraph>
        <strong>{t("poolRequest.member.experience")}:</strong>
      </Paragraph>
      <Paragraph className="ll-prewrap">{profile.experience}</Paragraph>
      <UnorderedList>
        <UnorderedListItem>
          {t("poolRequest.member.themes")}: {words("theme", profile.themes)}
        </UnorderedListItem>
        <UnorderedListItem>
          {t("poolRequest.member.languages")}: {words("language", profile.languages)}
        </UnorderedListItem>
        <UnorderedListItem>
          {t("poolRequest.member.stadsdelen")}: {words("stadsdeel", profile.stadsdelen)}
        </UnorderedListItem>
        <UnorderedListItem>
          {t("poolRequest.member.hours")}: {t("poolRequest.hoursValue", { hours: profile.hoursPerWeek })}
        </UnorderedListItem>
        <UnorderedListItem>
          {t("poolRequest.member.available")}: {available}
        </UnorderedListItem>
      </UnorderedList>
    </>
  );
}

export type WhyData =
  | { criterion: "stadsdeel"; matched: boolean; stadsdeel: string }
  | { criterion: "language"; matched: boolean; language: string | null }
  | { criterion: "period"; matched: boolean }
  | { criterion: "hours"; matched: boolean; hours: number; asked: number }
  | { criterion: "theme"; matched: boolean; theme: string };

/** One line of why a member is suggested, in plain words ("Spreekt Turks", "Thema niet gekozen"). */
export function whyText(t: T["t"], why: WhyData): string {
  switch (why.criterion) {
    case "stadsdeel":
      return t("poolRequest.why.stadsdeel", { stadsdeel: poolWord(t, "stadsdeel", why.stadsdeel) });
    case "language":
      return why.language ? t("poolRequest.why.language", { language: poolWord(t, "language", why.language) }) : t("poolRequest.why.languageAny");
    case "period":
      return t(why.matched ? "poolRequest.why.period" : "poolRequest.why.periodPart");
    case "hours":
      return t("poolRequest.why.hours", { hours: why.hours, asked: why.asked });
    case "theme":
      return why.matched ? t("poolRequest.why.theme", { theme: poolWord(t, "theme", why.theme) }) : t("poolRequest.why.themeNot");
  }
}

/** Why this member: each criterion with a mark, and the mark in words for screen readers. */
export function WhyList({ why, labelledBy }: { why: WhyData[]; labelledBy?: string }) {
  const { t } = useT();
  const said: Record<"yes" | "no", MessageKey> = { yes: "poolRequest.why.matched", no: "poolRequest.why.notMatched" };
  return (
    <UnorderedList aria-labelledby={labelledBy} className="ll-why">
      {why.map((w) => (
        <UnorderedListItem key={w.criterion} data-criterion={w.criterion} data-matched={w.matched ? "ja" : "nee"}>
          <span aria-hidden="true">{w.matched ? "✓ " : "✗ "}</span>
          <span className="ll-visually-hidden">{t(said[w.matched ? "yes" : "no"])} </span>
          {whyText(t, w)}
        </UnorderedListItem>
      ))}
    </UnorderedList>
  );
}
