import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireArea } from "../auth.server";
import { getDb } from "../db.server";
import { todayInAmsterdam } from "../guards.server";
import { getLang } from "../i18n/i18n.server";
import { buildParticipantExport } from "../services/data-export.server";

/** The participant's own data as a ZIP (resource route). Only ever the signed-in participant's own data. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "participant-home", context.clientIp);
  const { zip } = await buildParticipantExport(getDb(), user, await getLang(request), { ip: context.clientIp });
  return new Response(new Uint8Array(zip), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="mijn-gegevens-${todayInAmsterdam()}.zip"`,
      "Content-Length": String(zip.byteLength),
      "Cache-Control": "no-store",
    },
  });
}
