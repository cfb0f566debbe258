import { StatusBadge } from "@utrecht/component-library-react";
import type { PopStatus } from "../rules/pop";
import { useT } from "../i18n/use-t";

const TONE: Record<PopStatus, string> = { concept: "neutral", ingediend: "neutral", goedgekeurd: "safe", terug: "warning" };

/** The status of a POP or GOP as a badge: text first, colour only as an extra cue. */
export function PlanStatusBadge({ status }: { status: PopStatus }) {
  const { t } = useT();
  return <StatusBadge status={TONE[status]}>{t(`pop.status.${status}`)}</StatusBadge>;
}
