/**
 * The GOP (groepsontwikkelingsplan), pure: its sections, and the per-section merge rule that
 * keeps two people who edit at once from silently overwriting each other.
 */
export interface GopGoal {
  doel: string;
  actie: string;
  wie: string;
  wanneer: string;
}

export interface GopContent {
  goals: GopGoal[];
  agreements: string;
  evaluation: string;
}

export const GOP_SECTIONS = ["goals", "agreements", "evaluation"] as const;
export type GopSection = (typeof GOP_SECTIONS)[number];

export function emptyGop(): GopContent {
  return { goals: [], agreements: "", evaluation: "" };
}

export function normaliseGop(c: GopContent): GopContent {
  return {
    goals: c.goals
      .map((g) => ({ doel: g.doel.trim(), actie: g.actie.trim(), wie: g.wie.trim(), wanneer: g.wanneer.trim() }))
      .filter((g) => g.doel || g.actie || g.wie || g.wanneer),
    agreements: c.agreements.trim(),
    evaluation: c.evaluation.trim(),
  };
}

export function sectionText(c: GopContent, s: GopSection): string {
  const n = normaliseGop(c);
  if (s === "goals") return n.goals.map((g) => `${g.doel} · ${g.actie} · ${g.wie} · ${g.wanneer}`).join("\n");
  return n[s];
}

export type MergeResult =
  { ok: true; content: GopContent; changed: GopSection[] } | { ok: false; conflicts: { section: GopSection; mine: string; theirs: string }[] };

/**
 * Three-way merge per section. `base` is the version the editor loaded, `current` the newest
 * stored one, `mine` what the editor sends. Sections only the editor changed are taken, sections
 * only others changed are kept; a section both changed differently is a conflict, and then
 * nothing is written: the editor sees both texts and chooses.
 */
export function mergeGop(base: GopContent, current: GopContent, mine: GopContent): MergeResult {
  const text = (c: GopContent, s: GopSection) => sectionText(c, s);
  const mineChanged = GOP_SECTIONS.filter((s) => text(mine, s) !== text(base, s));
  const conflicts = mineChanged
    .filter((s) => text(current, s) !== text(base, s) && text(current, s) !== text(mine, s))
    .map((s) => ({ section: s, mine: text(mine, s), theirs: text(current, s) }));
  if (conflicts.length > 0) return { ok: false, conflicts };
  const m = normaliseGop(mine);
  const content = normaliseGop(current);
  const changed = mineChanged.filter((s) => text(current, s) !== text(mine, s));
  for (const s of changed) {
    if (s === "goals") content.goals = m.goals;
    else content[s] = m[s];
  }
  return { ok: true, content, changed };
}
