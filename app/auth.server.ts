import { createCookie, redirect, redirectDocument } from "@remix-run/node";
import type { User } from "../db/schema";
import { config } from "./config.server";
import { REQUEST_ID_HEADER } from "./request-info";
import { getDb } from "./db.server";
import { can, type Area } from "./rules/policy";
import { summariseUserAgent } from "./rules/user-agent";
import { audit } from "./services/audit.server";
import { chosenLang } from "./i18n/i18n.server";
import { wordSetFor } from "./i18n/words";
import { adoptLangAtSignIn } from "./services/mail-preferences.server";
import { CHALLENGE_MINUTES, mustEnrolTotp } from "./services/totp.server";
import { readForm } from "./forms/parse.server";
import { keepableFields, keepForm, keptIntent, KEEP_HOURS, takeKeptForm, type KeptForm } from "./services/kept-forms.server";
import {
  createSession,
  destroySession,
  endedSessionOwner,
  resolveSession,
  sessionClock,
  type SessionClock,
  type SessionLimits,
  type SessionState,
} from "./services/sessions.server";

export function sessionLimits(): SessionLimits {
  return { idleMinutes: config().sessionIdleMinutes, maxHours: config().sessionMaxHours };
}

/** The cookie lives no longer than the session may (the server checks idle time and the end itself). */
export const sessionCookie = createCookie("leerlijn_session", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  secure: config().cookieSecure,
  maxAge: config().sessionMaxHours * 3600,
});

/** Between a right password and the code from the app (five minutes, only the hash stored). */
export const challengeCookie = createCookie("leerlijn_2fa", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  secure: config().cookieSecure,
  maxAge: CHALLENGE_MINUTES * 60,
});

export async function challengeTokenFrom(request: Request): Promise<string | null> {
  const value: unknown = await challengeCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

/**
 * Set when a form that arrived after a time-out was kept: only while it is there do pages look
 * for kept text (one query at the next sign-in, none on other requests). It holds no text and no
 * person: the kept text is offered only to the person it belongs to.
 */
export const keptCookie = createCookie("leerlijn_kept", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  secure: config().cookieSecure,
  maxAge: KEEP_HOURS * 3600,
});

async function tokenFrom(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

const sessionCache = new WeakMap<Request, Promise<SessionState>>();
/**
 * Lookups shared by the loaders of one page request (the root's and the page's), by the id
 * server.ts gives it. Only for reading requests: after an action the loaders look again, as the
 * action may have changed the session or the person.
 */
const sessionByRequestId = new Map<string, Promise<SessionState>>();
const SHARED_FOR_MS = 10_000;

/** The state of the request's session (active with its user, idle, expired or none). Looked up once per request. */
export function getSession(request: Request): Promise<SessionState> {
  const requestId = request.method === "GET" || request.method === "HEAD" ? request.headers.get(REQUEST_ID_HEADER) : null;
  let pending = sessionCache.get(request) ?? (requestId ? sessionByRequestId.get(requestId) : undefined);
  if (!pending) {
    pending = tokenFrom(request).then((token) => (token ? resolveSession(getDb(), token, { limits: sessionLimits() }) : { state: "none" as const }));
    if (requestId) {
      sessionByRequestId.set(requestId, pending);
      setTimeout(() => sessionByRequestId.delete(requestId), SHARED_FOR_MS).unref();
    }
  }
  sessionCache.set(request, pending);
  return pending;
}

/** The signed-in user, or null. */
export async function getUser(request: Request): Promise<User | null> {
  const s = await getSession(request);
  return s.state === "active" ? s.user : null;
}

/** The public id of the session in use (for "this device" on the account page), or null. */
export async function currentSessionId(request: Request): Promise<string | null> {
  const s = await getSession(request);
  return s.state === "active" ? s.publicId : null;
}

/** Why the login page is shown after a session ended by time; the login page explains it calmly. */
export const SIGNED_OUT_REASON = { idle: "inactief", expired: "verlopen" } as const;

/**
 * A form sent on a session that ended by time: its text fields are kept for the person whose
 * session it was, on this page, to be offered after they sign in again (never to anyone else).
 * Returns whether something was kept. Nothing of the text goes into a log or the audit trail.
 */
async function keepTypedForm(request: Request): Promise<boolean> {
  if (request.method !== "POST") return false;
  const token = await tokenFrom(request);
  if (!token) return false;
  const owner = await endedSessionOwner(getDb(), token, { limits: sessionLimits() });
  if (owner === null) return false;
  let formData: FormData;
  try {
    formData = await readForm(request);
  } catch {
    return false; // not a form, or far too many fields: nothing to keep
  }
  const fields = keepableFields(formData);
  return fields ? keepForm(getDb(), owner, new URL(request.url).pathname, fields, undefined, keptIntent(formData)) : false;
}

export async function requireUser(request: Request): Promise<User> {
  const s = await getSession(request);
  if (s.state !== "active") {
    const url = new URL(request.url);
    const params = new URLSearchParams({ redirectTo: url.pathname + url.search });
    if (s.state === "idle" || s.state === "expired") {
      params.set("reden", SIGNED_OUT_REASON[s.state]);
      const headers = new Headers({ "Set-Cookie": await sessionCookie.serialize("", { maxAge: 0 }) });
      if (await keepTypedForm(request)) headers.append("Set-Cookie", await keptCookie.serialize("1"));
      throw redirect(`/login?${params.toString()}`, { headers });
    }
    throw redirect(`/login?${params.toString()}`);
  }
  return s.user;
}

/** What this person typed on this page before a time-out, offered once (see keepTypedForm). */
export async function keptFormFor(request: Request, user: User): Promise<KeptForm | null> {
  if (request.method !== "GET" || !(await keptCookie.parse(request.headers.get("Cookie")))) return null;
  return takeKeptForm(getDb(), user.id, new URL(request.url).pathname);
}

/** The time left on the request's session, for the warning before a time-out; `touch` extends it. */
export async function clockOf(request: Request, touch: boolean): Promise<SessionClock> {
  const token = await tokenFrom(request);
  return token ? sessionClock(getDb(), token, { limits: sessionLimits(), touch }) : { state: "ended" };
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
  // When the coordinator requires a second factor, coordinators and examiners set it up first.
  if (area !== "account" && (await mustEnrolTotp(getDb(), user))) throw redirect("/account?tweestap=verplicht");
  return user;
}

/** Starts a fresh session (a new id at every sign-in) and returns its Set-Cookie header. */
/**
 * The answer to a sign-in: to `to`, as a new document when the person's pages need more words than
 * a visitor's page has in the browser (staff: app/i18n/words.ts), so the whole dictionary loads
 * before anything renders; a participant goes on without a new document.
 */
export function redirectAfterSignIn(to: string, role: string | null | undefined, init: ResponseInit) {
  return wordSetFor(role) === "all" ? redirectDocument(to, init) : redirect(to, init);
}

export async function startSession(request: Request, userId: number, ip: string | null): Promise<string> {
  const old = await tokenFrom(request);
  if (old) await destroySession(getDb(), old);
  const { token } = await createSession(getDb(), userId, {
    limits: sessionLimits(),
    userAgent: summariseUserAgent(request.headers.get("User-Agent")),
    ip,
  });
  await adoptLangAtSignIn(getDb(), userId, await chosenLang(request.headers.get("Cookie")), ip);
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
