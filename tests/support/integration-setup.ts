import { prepareTemplates } from "./db";

/** Jest global setup for the integration tests: seed the shared template databases once. */
export default async function globalSetup(): Promise<void> {
  await prepareTemplates();
}
