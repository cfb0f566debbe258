import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { isStaffRoute, publicMessageKeys, STAFF_ROUTE_PREFIXES } from "../../scripts/lib/public-words";
import { ACCESS_MATRIX, type Subject } from "../support/access-matrix";
import { nl } from "../../app/i18n/nl";

/**
 * Which words a participant's or visitor's browser gets (issue 26 point 3, scripts/lib/public-words.ts).
 * A word left out that such a page uses would be a hydration error in the browser tests; these
 * tests pin the rules and the list of staff-only routes.
 */
describe("the words of participants' and visitors' pages", () => {
  it("no participant or visitor can open a route counted as staff-only (the access matrix)", () => {
    const outsiders: Subject[] = ["anon", "p", "p2"];
    const staffRoutes = Object.entries(ACCESS_MATRIX).filter(([file]) => isStaffRoute(file));
    expect(new Set(staffRoutes.map(([file]) => file.split(".")[0]))).toEqual(new Set(STAFF_ROUTE_PREFIXES));
    for (const [file, access] of staffRoutes) {
      const reachable = outsiders.filter((s) => access.allow === "everyone" || access.allow.includes(s) || ["ok", "any"].includes(access.except?.[s] ?? ""));
      expect({ file, reachable }).toEqual({ file, reachable: [] });
    }
  });

  it("keeps the words written in, or built by, the modules a public route reaches, and words written nowhere", () => {
    const app = fs.mkdtempSync(path.join(os.tmpdir(), "ll-words-"));
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(app, file)), { recursive: true });
      fs.writeFileSync(path.join(app, file), text);
    };
    write("routes/deelnemer.pop.tsx", 'import { Box } from "../components/box";\nexport const a = t("pop.title");');
    write("components/box.tsx", 'import { reason } from "../services/pop.server";\nexport const b = t(`status.${s}`);');
    write("services/pop.server.ts", 'export const reason = "pop.tooLong";');
    write("routes/groepen.$id.tsx", 'import { Box } from "../components/box";\nexport const c = t("cohort.staffOnly");');
    write("components/staff-table.tsx", 'export const d = t("report.column");');
    write("i18n/nl.ts", 'export const nl = { "cohort.inDictionaryOnly": "x" };');
    const keys = ["pop.title", "pop.tooLong", "status.open", "status.done", "cohort.staffOnly", "report.column", "cohort.inDictionaryOnly", "other.built"];
    try {
      expect([...publicMessageKeys(app, keys)].sort()).toEqual([
        "cohort.inDictionaryOnly",
        "other.built",
        "pop.title",
        "pop.tooLong",
        "status.done",
        "status.open",
      ]);
    } finally {
      fs.rmSync(app, { recursive: true, force: true });
    }
  });

  it("on this app: leaves out words only a staff page uses and keeps the participant's", () => {
    const keys = publicMessageKeys(path.resolve(__dirname, "../../app"), Object.keys(nl));
    expect(keys.has("coordinator.home.intro")).toBe(false);
    expect(keys.has("nav.participantHome")).toBe(true);
    expect(keys.has("pop.title")).toBe(true);
    expect(keys.size).toBeLessThan(Object.keys(nl).length * 0.8);
  });
});
