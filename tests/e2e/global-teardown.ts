import fs from "node:fs";
import { readServerInfo, SERVER_INFO_FILE } from "./server-info";

export default async function globalTeardown(): Promise<void> {
  if (!fs.existsSync(SERVER_INFO_FILE)) return;
  const info = readServerInfo();
  try {
    process.kill(-info.pid, "SIGTERM");
  } catch {
    try {
      process.kill(info.pid, "SIGTERM");
    } catch {
      /* already gone */
    }
  }
  fs.rmSync(SERVER_INFO_FILE, { force: true });
}
