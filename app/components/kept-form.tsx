import { useLocation, useRouteLoaderData } from "@remix-run/react";
import { useMemo } from "react";

export type KeptFields = Record<string, string | string[]>;

interface RootWithKept {
  kept?: { path: string; fields: KeptFields } | null;
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
export function useKeptFields(schema: unknown): KeptFields | null {
  const root = useRouteLoaderData<RootWithKept>("root");
  const { pathname } = useLocation();
  const kept = root?.kept && root.kept.path === pathname ? root.kept.fields : null;
  return useMemo(() => {
    if (!kept) return null;
    const keys = schemaKeys(schema);
    const mine = Object.entries(kept).filter(([name]) => !keys || keys.includes(name));
    return mine.length > 0 ? Object.fromEntries(mine) : null;
  }, [kept, schema]);
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
