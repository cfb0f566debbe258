import { chromium, type Browser } from "playwright-core";

/**
 * Debian's Chromium (scripts/install-browser.sh installs it), headless, without the background
 * traffic (updates, sync, QUIC) that would disturb a test or a measurement. Used by the browser
 * tests and by `npm run bench:web`. CHROMIUM_PATH points elsewhere.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}
