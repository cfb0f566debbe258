import { Paragraph } from "@utrecht/component-library-react";
import { useT } from "../i18n/use-t";

/** The course's own words, each with a short plain explanation ("Wat is een POP?"). */
export const TERMS = ["pop", "gop", "intervisie", "werkbegeleider", "leerplek", "keuzeUren", "competentie", "ontwikkelpunten", "eindgesprek"] as const;
export type Term = (typeof TERMS)[number];

/**
 * A "Wat is dit?" toggle for one word of the course, where a participant meets it: a native
 * <details>/<summary>, so it works without JavaScript, is reached and opened with the keyboard,
 * and a screen reader says whether it is open. Closed by default, to keep the page calm; the
 * question names the word, so several on one page are told apart.
 */
export function Explain({ term }: { term: Term }) {
  const { t } = useT();
  return (
    <details className="ll-explain" data-term={term}>
      <summary className="ll-explain__question">{t(`term.${term}.question`)}</summary>
      <Paragraph className="ll-explain__text">{t(`term.${term}.text`)}</Paragraph>
    </details>
  );
}
