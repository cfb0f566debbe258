import type { DB } from "../../db/connect";
import type { Role, User } from "../../db/schema";
import { normaliseEmail } from "../rules/login-throttle";
import { audit } from "./audit.server";
import { UserInputError } from "./errors";
import { destroyUserSessions } from "./sessions.server";
import { personNameField } from "../forms/fields";
import type { MessageKey } from "../i18n/nl";
import { unprintableCharacters } from "./pdf/fonts.server";
import { currentTime } from "../clock.server";
import { currentEnrolmentId } from "./enrolment.server";

export type Actor = Pick<User, "id" | "role">;

export interface PersonRow {
  id: number;
  name: string;
  email: string;
  role: Role;
  status: User["status"];
  cohort_name: string | null;
}

export async function listPeople(db: DB, filter: { role?: Role } = {}): Promise<PersonRow[]> {
  let q = db
    .selectFrom("users as u")
    // one row per person: their current enrolment (a returning participant has more than one)
    .leftJoin("enrolments as e", (j) => j.onRef("e.participant_id", "=", "u.id").on("e.id", "=", currentEnrolmentId("u.id")))
    .leftJoin("cohorts as c", "c.id", "e.cohort_id")
    .select(["u.id", "u.name", "u.email", "u.role", "u.status", "c.name as cohort_name"])
    .orderBy("u.name");
  if (filter.role) q = q.where("u.role", "=", filter.role);
  return q.execute();
}

export async function getPerson(db: DB, id: number): Promise<User | undefined> {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function findUserByEmail(db: DB, email: string): Promise<User | undefined> {
  return db.selectFrom("users").selectAll().where("email", "=", normaliseEmail(email)).executeTakeFirst();
}

/** Adds a person who still has to set a password through an invitation. */
/**
 * A person's name as the app stores it: normalised, without hidden characters, and printable on
 * the certificate (the forms check the same; this also holds for scripts and direct calls).
 */
export function checkedPersonName(raw: string): string {
  const parsed = personNameField.safeParse(raw);
  if (!parsed.success) throw new UserInputError((parsed.error.issues[0]?.message ?? "form.name.required") as MessageKey, "name");
  if (unprintableCharacters(parsed.data).length > 0) throw new UserInputError("form.name.script", "name");
  return parsed.data;
}

export async function createInvitedUser(db: DB, input: { name: string; email: string; role: Role }, actor: Actor | null, now = currentTime()): Promise<User> {
  const email = normaliseEmail(input.email);
  const name = checkedPersonName(input.name);
  if (await findUserByEmail(db, email)) throw new UserInputError("people.emailTaken", "email");
  const user = await db
    .insertInto("users")
    .values({
      email,
      name,
      role: input.role,
      status: "invited",
      password_hash: null,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(db, {
    actor,
    action: "user.create",
    target: { type: "user", id: user.id },
    details: { role: user.role },
    at: now,
  });
  return user;
}

export async function changeRole(db: DB, actor: Actor, userId: number, role: Role): Promise<void> {
  if (actor.id === userId) throw new UserInputError("people.ownRole", "role");
  const user = await getPerson(db, userId);
  if (!user) throw new UserInputError("people.notFound");
  if (user.role === role) return;
  // A buurtteam-coördinator is tied to a team: that role is given on /coordinator/buurtteams.
  if (role === "team_coordinator") throw new UserInputError("people.roleTeam", "role");
  const enrolled = await db.selectFrom("enrolments").select("id").where("participant_id", "=", userId).executeTakeFirst();
  if (enrolled) throw new UserInputError("people.roleEnrolled", "role");
  const teaches = await db.selectFrom("cohort_trainers").select("cohort_id").where("user_id", "=", userId).executeTakeFirst();
  if (teaches) throw new UserInputError("people.roleTeaches", "role");
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("users").set({ role, updated_at: currentTime().toISOString() }).where("id", "=", userId).execute();
    // No longer a buurtteam-coördinator: no longer tied to a team (its requests stay with the team).
    if (user.role === "team_coordinator") await trx.deleteFrom("team_coordinators").where("user_id", "=", userId).execute();
    // A new role means new rights: sign the person out everywhere.
    await destroyUserSessions(trx, userId);
    await audit(trx, {
      actor,
      action: "user.role.change",
      target: { type: "user", id: userId },
      details: { from: user.role, to: role },
    });
  });
}

export async function setActive(db: DB, actor: Actor, userId: number, active: boolean): Promise<void> {
  if (actor.id === userId) throw new UserInputError("people.ownStatus");
  const user = await getPerson(db, userId);
  if (!user) throw new UserInputError("people.notFound");
  const status = active ? (user.password_hash ? "active" : "invited") : "disabled";
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("users").set({ status, updated_at: currentTime().toISOString() }).where("id", "=", userId).execute();
    if (!active) await destroyUserSessions(trx, userId);
    await audit(trx, {
      actor,
      action: active ? "user.enable" : "user.disable",
      target: { type: "user", id: userId },
    });
  });
}
