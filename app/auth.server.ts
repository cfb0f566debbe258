import { createCookie, redirect } from "@remix-run/node";
import type { User } from "../db/schema";
import { config } from "./config.server";
import { getDb } from "./db.server";
import { can, type Area } from "./rules/policy";
import { audit } from "./services/audit.server";
import { createSession, destroySession, userForSession } from "./services/sessions.server";

export const sessionCookie = createCookie("leerlijn_session", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  secure: config().cookieSecure,
  maxAge: config().sessionDays * 24 * 3600,
});

async function tokenFrom(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

const userCache = new WeakMap<Request, Promise<User | null>>();

/** The signed-in user, or null. Looked up once per request. */
export function getUser(request: Request): Promise<User | null> {
  let pending = userCache.get(request);
  if (!pending) {
    pending = tokenFrom(request).then((token) =>
      token ? userForSession(getDb(), token, { days: config().sessionDays }) : null,
    );
    userCache.set(request, pending);
  }
  return pending;
}

export async function requireUser(request: Request): Promise<User> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    const params = new URLSearchParams({ redirectTo: url.pathname + url.search });
    throw redirect(`/login?${params.toString()}`);
  }
  return user;
}

/** Signed in and allowed into the area, or a redirect to /login or a 403. */
export async function requireArea(request: Request, area: Area, ip?: string | null): Promise<User> {
  const user = await requireUser(request);
  if (!can(user, `enter:${area}`)) {
    await audit(getDb(), {
      actor: { id: user.id, role: user.role },
      action: "access.denied",
      target: { type: "area", id: area },
      outcome: "denied",
      ip: ip ?? null,
      details: { path: new URL(request.url).pathname },
    });
    throw new Response("Forbidden", { status: 403 });
  }
  return user;
}

/** Starts a fresh session (a new id at every sign-in) and returns its Set-Cookie header. */
export async function startSession(request: Request, userId: number): Promise<string> {
  const old = await tokenFrom(request);
  if (old) await destroySession(getDb(), old);
  const token = await createSession(getDb(), userId, { days: config().sessionDays });
  return sessionCookie.serialize(token);
}

export async function endSession(request: Request): Promise<string> {
  const token = await tokenFrom(request);
  if (token) await destroySession(getDb(), token);
  return sessionCookie.serialize("", { maxAge: 0 });
}

/** Throws a 404 response: for records that do not exist or are not yours. */
export function notFound(): never {
  throw new Response("Not Found", { status: 404 });
}
