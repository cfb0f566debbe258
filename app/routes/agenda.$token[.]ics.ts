import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "../db.server";
import { calendarFeed } from "../services/calendar.server";
import { publicBaseUrl } from "../config.server";
import { calendarResponse } from "../services/calendar-response.server";

/*
 * The personal calendar feed (issue 28, point 4): calendar apps fetch it without a session, so
 * the secret token in the address is the only key. An unknown or renewed token, or the feed of a
 * blocked or anonymised person, is a plain 404 by the same path: it says nothing more.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const feed = await calendarFeed(getDb(), params.token ?? "", publicBaseUrl(request));
  if (feed === null) return new Response("Not Found", { status: 404, headers: { "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex" } });
  return calendarResponse(feed, "leerlijn.ics", "inline");
}
