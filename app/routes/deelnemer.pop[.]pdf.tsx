import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireArea } from "../auth.server";
import { getDb } from "../db.server";
import { getLang } from "../i18n/i18n.server";
import { translate } from "../i18n/translate";
import { audit } from "../services/audit.server";
import { getParticipantForViewer } from "../services/participants.server";
import { popContext, popState } from "../services/pop.server";
import { renderPopPdf } from "../services/pdf/pop-pdf.server";
import { currentTime } from "../clock.server";

/** The participant's own POP as a PDF (resource route). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "participant-schedule", context.clientIp);
  const db = getDb();
  const ctx = await popContext(db, user, user.id);
  if (!ctx) notFound();
  const [state, profile, lang] = await Promise.all([popState(db, user.id), getParticipantForViewer(db, user, user.id), getLang(request)]);
  const pdf = await renderPopPdf({
    participant: user.name,
    cohort: profile?.cohort?.name ?? null,
    status: translate(lang, `pop.status.${state.status}`),
    version: state.version,
    approvedVersion: state.approvedVersion,
    content: state.content,
    competencies: ctx.competencies,
    lang,
    printedAt: currentTime(),
  });
  await audit(db, { actor: { id: user.id, role: user.role }, action: "export.pop.pdf", target: { type: "participant", id: user.id }, ip: context.clientIp });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="pop-${user.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}.pdf"`,
      "Cache-Control": "no-store",
    },
  });
}
