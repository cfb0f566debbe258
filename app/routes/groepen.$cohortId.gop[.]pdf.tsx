import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireArea } from "../auth.server";
import { getDb } from "../db.server";
import { idParam } from "../guards.server";
import { getLang } from "../i18n/i18n.server";
import { translate } from "../i18n/translate";
import { audit } from "../services/audit.server";
import { gopContext, gopState } from "../services/gop.server";
import { renderGopPdf } from "../services/pdf/pop-pdf.server";
import { currentTime } from "../clock.server";

/** The cohort's GOP as a PDF, for its members and trainers (resource route). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "participant-profile", context.clientIp);
  const ctx = await gopContext(getDb(), user, idParam(params, "cohortId"));
  if (!ctx) notFound();
  const [state, lang] = await Promise.all([gopState(getDb(), ctx.cohortId), getLang(request)]);
  const pdf = await renderGopPdf({
    cohort: ctx.cohortName,
    status: translate(lang, `pop.status.${state.status}`),
    version: state.version,
    content: state.content,
    lang,
    printedAt: currentTime(),
  });
  await audit(getDb(), {
    actor: { id: user.id, role: user.role },
    action: "export.gop.pdf",
    target: { type: "cohort", id: ctx.cohortId },
    ip: context.clientIp,
  });
  return new Response(new Uint8Array(pdf), {
    headers: { "Content-Type": "application/pdf", "Content-Disposition": `attachment; filename="gop-${ctx.cohortId}.pdf"`, "Cache-Control": "no-store" },
  });
}
