import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

/**
 * One word per concept (issue 25 point 4): a course meeting (bijeenkomst) is a "meeting" in the
 * code, a "session" is only a sign-in session. This test reads every identifier in the code (not
 * strings or comments) and refuses a name with "session" in it unless it is a sign-in name listed
 * here. Snake_case names are database names (`course_sessions`, `session_id`) and stay.
 */
const ROOT = path.resolve(__dirname, "../..");
const DIRS = ["app", "db", "scripts", "tests", "demo"];

const ANYWHERE = "anywhere";
/** Sign-in session names (and two stored keys), with where they may appear. */
const ALLOWED: Record<string, typeof ANYWHERE | string[]> = {
  // app/services/sessions.server.ts, app/auth.server.ts, app/config.server.ts: sign-in sessions
  AuthSessionsTable: ANYWHERE,
  DEFAULT_SESSION_LIMITS: ANYWHERE,
  NewSession: ANYWHERE,
  SESSION_DAYS: ANYWHERE,
  SESSION_IDLE_MINUTES: ANYWHERE,
  SESSION_MAX_HOURS: ANYWHERE,
  SessionContext: ANYWHERE,
  SessionLimits: ANYWHERE,
  SessionListItem: ANYWHERE,
  SessionState: ANYWHERE,
  createSession: ANYWHERE,
  currentSessionId: ANYWHERE,
  destroySession: ANYWHERE,
  destroyUserSessions: ANYWHERE,
  endOtherSessions: ANYWHERE,
  endOwnSession: ANYWHERE,
  endSession: ANYWHERE,
  endedSessions: ANYWHERE,
  expiredSessions: ANYWHERE,
  getSession: ANYWHERE,
  listUserSessions: ANYWHERE,
  purgeExpiredSessions: ANYWHERE,
  resolveSession: ANYWHERE,
  sessionByRequestId: ANYWHERE,
  sessionCache: ANYWHERE,
  sessionCookie: ANYWHERE,
  sessionIdSchema: ANYWHERE,
  sessionIdleMinutes: ANYWHERE,
  sessionLimits: ANYWHERE,
  sessionMaxHours: ANYWHERE,
  sessionSetCookie: ANYWHERE,
  startSession: ANYWHERE,
  userForSession: ANYWHERE,
  // the time left on a sign-in session and the warning before its time-out (issue 27 point 1)
  ENDED_SESSION_GRACE_HOURS: ANYWHERE,
  SessionClock: ANYWHERE,
  sessionClock: ANYWHERE,
  endedSessionOwner: ANYWHERE,
  findSession: ["app/services/sessions.server.ts"],
  // an SMTP conversation (the smtp-server package's name for it), in the tests' mail server
  session: ["tests/support/smtp.ts"],
  SessionTimeout: ANYWHERE,
  sessionError: ["app/routes/account.tsx"],
  // the sign-in session's state, asked of /sessie
  sessionState: ["tests/e2e/session-timeout.test.ts"],
  // the account page's form field; and the stored key of assignment audit details
  sessionId: ["app/forms/auth.ts", "app/routes/account.tsx", "app/services/assignments.server.ts", "tests/integration/assignments.test.ts"],
  // the sign-in sessions on the account page and in the personal data export
  sessions: ["app/routes/account.tsx", "app/services/data-export.server.ts", "app/services/pdf/data-export-pdf.server.ts"],
  // a key of the stored leerlijn template (templates/*.json, leerlijn_versions.definition)
  sessionTypes: ANYWHERE,
  // Playwright's Chrome DevTools Protocol connection (browser benchmark and tests)
  CDPSession: ANYWHERE,
  newCDPSession: ANYWHERE,
};

function codeFiles(dir: string): string[] {
  const full = path.join(ROOT, dir);
  if (!fs.existsSync(full)) return [];
  return fs
    .readdirSync(full, { recursive: true, encoding: "utf8" })
    .map((f) => path.join(dir, f).split(path.sep).join("/"))
    .filter((f) => /\.tsx?$/.test(f) && !f.startsWith("db/migrations/") && !f.includes("node_modules/") && f !== "tests/unit/meeting-naming.test.ts");
}

function sessionNames(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), "utf8");
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node) && /session/i.test(node.text) && !/[a-z]_|_[a-z]/.test(node.text)) found.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

describe("meeting, not session (issue 25 point 4)", () => {
  const files = DIRS.flatMap(codeFiles);

  it("finds the code it checks, with the sign-in names in it", () => {
    expect(files).toContain("app/services/schedule.server.ts");
    expect(sessionNames("app/services/sessions.server.ts")).toContain("createSession");
  });

  it("uses session only for sign-in sessions", () => {
    const wrong = files.flatMap((file) =>
      sessionNames(file)
        .filter((name) => {
          const allowed = ALLOWED[name];
          return !(allowed === ANYWHERE || allowed?.includes(file));
        })
        .map((name) => `${file}: ${name}`),
    );
    expect([...new Set(wrong)]).toEqual([]);
  });

  it("names route parameters of a meeting meetingId", () => {
    expect(fs.readdirSync(path.join(ROOT, "app/routes")).filter((f) => /\$sessionId\b/.test(f))).toEqual([]);
  });
});
