import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** Where the e2e global setup tells the tests which server to use. */
export const SERVER_INFO_FILE = path.join(os.tmpdir(), "leerlijn-e2e-server.json");

export interface ServerInfo {
  url: string;
  pid: number;
  dbFile: string;
  logFile: string;
}

export function readServerInfo(): ServerInfo {
  return JSON.parse(fs.readFileSync(SERVER_INFO_FILE, "utf8")) as ServerInfo;
}
