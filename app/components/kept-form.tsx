import { useLocation, useRouteLoaderData } from "@remix-run/react";
import { useMemo } from "react";

export type KeptFields = Record<string, string | string[]>;

interface RootWithKept {
  kept?: { path: string; intent: string | null; fields: KeptFields } | null;
}

/** The form kept for this page, if any (see the root loader). */
function useKeptHere(): { intent: string | null; fields: KeptFields } | null {
  const root = useRouteLoaderData<RootWithKept>("root");
  const { pathname } = useLocation();
  return root?.kept && root.kept.path === pathname ? root.kept : null;
}

/** The names a zod schema reads (an object, possibly inside a pipe, transform or refinement), or null. */
function schemaKeys(schema: unknown, depth = 0): string[] | null {
  if (depth > 6 || !schema || typeof schema !== "object") return null;
  const s = schema as { shape?: unknown; def?: { in?: unknown; innerType?: unknown; schema?: unknown } };
  if (s.shape && typeof s.shape === "object") return Object.keys(s.shape);
  return schemaKeys(s.def?.in ?? s.def?.innerType ?? s.def?.schema, depth + 1);
}

/**
 * What the person typed into a form on this page before their session ended by time, kept by the
 * server and offered once after they signed in again (auth.server.ts, keepTypedForm). Only the
 * fields this form's schema reads, so another form on the same page stays as it was. The values
 * only fill the fields: nothing is sent until the person does it.
 */
export function useKeptFields(schema: unknown, intent?: string): KeptFields | null {
  const here = useKeptHere();
  // A form that names its intent takes only what was sent with that intent.
  const kept = here && (intent === undefined || here.intent === intent) ? here.fields : null;
  return useMemo(() => {
    if (!kept) return null;
    const keys = schemaKeys(schema);
    const mine = Object.entries(kept).filter(([name]) => !keys || keys.includes(name));
    return mine.length > 0 ? Object.fromEntries(mine) : null;
  }, [kept, schema]);
}

/**
 * The same for a form without a schema (a plain Remix `<Form>`): the kept values only when they
 * were sent by this very form. `intents` are the intents its buttons send (null: it has none);
 * `match` names its hidden fields and their values here (null: the field is not in this form), so
 * the reply box under one comment does not fill from the reply to another.
 */
export function useKeptFor(intents: string | readonly string[] | null, match: Record<string, string | null> = {}): KeptFields | null {
  return pickKept(useKeptHere(), intents, match);
}

/** useKeptFor without React: the kept form's fields when it came from the form described. */
export function pickKept(
  here: { intent: string | null; fields: KeptFields } | null,
  intents: string | readonly string[] | null,
  match: Record<string, string | null> = {},
): KeptFields | null {
  if (!here) return null;
  const allowed: readonly (string | null)[] = intents === null ? [null] : typeof intents === "string" ? [intents] : intents;
  return allowed.includes(here.intent) ? keptWhere(here.fields, match) : null;
}

/** `kept` when every hidden field in `match` was sent with that value (null: not sent); for one form of a list. */
export function keptWhere(kept: KeptFields | null, match: Record<string, string | null>): KeptFields | null {
  if (!kept) return null;
  for (const [name, value] of Object.entries(match)) {
    const sent = kept[name];
    if (value === null ? sent !== undefined : sent !== value) return null;
  }
  return kept;
}

/** The first non-empty value kept for a field (a radio group sends a hidden "" next to the choice), or undefined. */
export function keptChoice(kept: KeptFields | null, name: string): string | undefined {
  const v = kept?.[name];
  if (v === undefined) return undefined;
  return (Array.isArray(v) ? v : [v]).find((x) => x !== "") ?? "";
}

/** A kept text value for one field, or undefined. */
export function keptText(kept: KeptFields | null, name: string): string | undefined {
  const v = kept?.[name];
  return typeof v === "string" ? v : undefined;
}

/** Kept values of a field that can have several (a group of checkboxes), or undefined. */
export function keptList(kept: KeptFields | null, name: string): string[] | undefined {
  const v = kept?.[name];
  return v === undefined ? undefined : Array.isArray(v) ? v : [v];
}
