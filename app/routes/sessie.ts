import type { ActionFunctionArgs } from "@remix-run/node";
import { clockOf } from "../auth.server";

/*
 * The session's clock, for the warning before a time-out (components/session-timeout.tsx).
 * GET: the time left, without counting as activity (the browser asks before it warns, and asking
 * must not keep a session alive). POST: "Ik ben er nog": extends a live session. A session that
 * already ended says so and is never revived. Cross-site posts are refused by the server's Origin
 * check, like every post. Only the requester's own session, by its cookie; nothing else is said.
 */
const NO_STORE = { "Cache-Control": "no-store" };

export async function loader({ request }: { request: Request }) {
  return Response.json(await clockOf(request, false), { headers: NO_STORE });
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
  return Response.json(await clockOf(request, true), { headers: NO_STORE });
}
