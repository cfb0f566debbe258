import type { DB } from "../../db/connect";
import type { Role, User } from "../../db/schema";
import { hashPassword } from "../../app/services/password.server";
import { currentTime, currentTimeMs } from "../../app/clock.server";

let counter = 0;
let sharedHash: Promise<string> | null = null;
export const FACTORY_PASSWORD = "factory-password-123";

/** A user in one line. Active users share one real scrypt hash of FACTORY_PASSWORD (hashing is slow on purpose). */
export async function makeUser(db: DB, overrides: Partial<Pick<User, "email" | "name" | "role" | "status">> & { role?: Role } = {}): Promise<User> {
  counter += 1;
  const status = overrides.status ?? "active";
  sharedHash ??= hashPassword(FACTORY_PASSWORD);
  const now = currentTime().toISOString();
  return db
    .insertInto("users")
    .values({
      email: overrides.email ?? `persoon${counter}-${currentTimeMs()}@voorbeeld.test`,
      name: overrides.name ?? `Test Persoon ${counter}`,
      role: overrides.role ?? "participant",
      status,
      password_hash: status === "invited" ? null : await sharedHash,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function userByEmail(db: DB, email: string): Promise<User> {
  return db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirstOrThrow();
}

export async function cohortByName(db: DB, name: string) {
  return db.selectFrom("cohorts").selectAll().where("name", "=", name).executeTakeFirstOrThrow();
}
