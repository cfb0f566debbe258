import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ChildProcess } from "node:child_process";
import { startServer, stopServer } from "../../scripts/lib/app-server";
import { baseUrl } from "./support";

/**
 * Response headers every page carries (issue 24, point 8): COOP and CORP always; HSTS only where
 * the app runs behind HTTPS (COOKIE_SECURE=1), since over plain HTTP it would lock people out.
 */
describe("security headers", () => {
  it("the shared test server (plain HTTP) sends COOP and CORP, and no HSTS", async () => {
    for (const pathname of ["/login", "/verify", "/healthz"]) {
      const res = await fetch(`${baseUrl()}${pathname}`, { redirect: "manual" });
      expect({
        pathname,
        coop: res.headers.get("cross-origin-opener-policy"),
        corp: res.headers.get("cross-origin-resource-policy"),
        hsts: res.headers.get("strict-transport-security"),
      }).toEqual({
        pathname,
        coop: "same-origin",
        corp: "same-origin",
        hsts: null,
      });
    }
  });

  describe("behind HTTPS (COOKIE_SECURE=1)", () => {
    let dir = "";
    let child: ChildProcess | null = null;
    let url = "";
    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "leerlijn-hsts-"));
      ({ url, child } = await startServer(path.join(dir, "leerlijn.sqlite"), path.join(dir, "server.log"), { COOKIE_SECURE: "1", DEMO: "0" }));
    }, 200_000);
    afterAll(async () => {
      if (child) await stopServer(child);
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it("sends Strict-Transport-Security for a year on pages and errors, with COOP and CORP", async () => {
      for (const pathname of ["/login", "/bestaat-niet"]) {
        const res = await fetch(`${url}${pathname}`, { redirect: "manual" });
        expect({ pathname, hsts: res.headers.get("strict-transport-security"), coop: res.headers.get("cross-origin-opener-policy") }).toEqual({
          pathname,
          hsts: "max-age=31536000; includeSubDomains",
          coop: "same-origin",
        });
      }
    });
  });
});
