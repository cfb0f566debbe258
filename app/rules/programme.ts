/**
 * A meeting's programme of timed blocks, written one per line as "15 min welkom".
 * Pure: parse the text a trainer types, and print it back.
 */
export interface ProgrammeBlock {
  minutes: number;
  title: string;
}

export type ProgrammeParse = { ok: true; blocks: ProgrammeBlock[] } | { ok: false; line: number };

const LINE = /^\s*(\d{1,3})\s*(?:min(?:uten|uut)?\.?|m|')\s+(.+?)\s*$/i;

export function parseProgramme(text: string): ProgrammeParse {
  const blocks: ProgrammeBlock[] = [];
  const lines = text.split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    if (raw.trim() === "") continue;
    const m = LINE.exec(raw);
    if (!m || Number(m[1]) <= 0) return { ok: false, line: i + 1 };
    blocks.push({ minutes: Number(m[1]), title: m[2] });
  }
  return { ok: true, blocks };
}

export function formatProgramme(blocks: ProgrammeBlock[]): string {
  return blocks.map((b) => `${b.minutes} min ${b.title}`).join("\n");
}

/** The blocks with their clock times, one after the other from the meeting's start ("13:30"). */
export function programmeTimes(start: string, blocks: ProgrammeBlock[]): { from: string; to: string; title: string }[] {
  const [h, m] = start.split(":").map(Number);
  let at = (h ?? 0) * 60 + (m ?? 0);
  const clock = (min: number) => `${String(Math.floor(min / 60) % 24).padStart(2, "0")}:${String(min % 60).padStart(2, "0")}`;
  return blocks.map((b) => {
    const from = at;
    at += b.minutes;
    return { from: clock(from), to: clock(at), title: b.title };
  });
}

export function programmeMinutes(blocks: ProgrammeBlock[]): number {
  return blocks.reduce((sum, b) => sum + b.minutes, 0);
}

/** Reads the stored JSON form back; anything malformed is left out rather than shown broken. */
export function parseProgrammeJson(json: string): ProgrammeBlock[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v)
      ? (v as Partial<ProgrammeBlock>[]).filter((b): b is ProgrammeBlock => typeof b?.minutes === "number" && typeof b?.title === "string")
      : [];
  } catch {
    return [];
  }
}
