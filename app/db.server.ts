import { createDb, type DB } from "../db/connect";
import { config } from "./config.server";

declare global {
  // One connection per process, shared by the server entry and the app bundle.
  var __leerlijnDb: DB | undefined;
}

export function getDb(): DB {
  globalThis.__leerlijnDb ??= createDb(config().databaseUrl);
  return globalThis.__leerlijnDb;
}

/** Lets the server entry and tests hand over the connection they opened. */
export function setDb(db: DB): void {
  globalThis.__leerlijnDb = db;
}
