import { migrationChecksums, recordedChecksums } from "../../scripts/lib/migration-checksums";
import { migrations } from "../../db/migrations";

/**
 * Installations already run the landed migrations: changing one would leave their databases
 * different from new ones. A change goes in a new migration (issue 25, point 7).
 */
describe("migrations", () => {
  it("that landed are unchanged (db/migrations/checksums.json)", () => {
    const now = migrationChecksums();
    for (const [file, sum] of Object.entries(recordedChecksums())) {
      expect({ file, sum: now[file] ?? "verwijderd" }).toEqual({ file, sum });
    }
  });

  it("are all recorded and all registered, in order", () => {
    const files = Object.keys(migrationChecksums());
    expect(Object.keys(recordedChecksums())).toEqual(files);
    expect(Object.keys(migrations).map((name) => `${name}.ts`)).toEqual(files);
  });
});
