import { formatLogLine, isSensitiveKey, log, redact, redactError, redactText, redactUrl, setLogSink, REDACTED } from "../../app/services/log.server";
import { isRefCode, makeRefCode } from "../../app/rules/ref-code";

const STORY = "Toen ik dakloos was, sliep ik drie maanden in de auto van mijn broer en schaamde ik me diep.";

describe("redactText", () => {
  it("removes e-mail addresses", () => {
    expect(redactText("no user jan.jansen+test@example.nl found")).toBe("no user [e-mail] found");
  });

  it("removes quoted free text but keeps short quoted words", () => {
    const out = redactText(`value "${STORY}" is too long for column 'x'`);
    expect(out).not.toContain("dakloos");
    expect(out).toContain('"[tekst]"');
    expect(out).toContain("'x'");
  });

  it("removes tokens and long numbers but keeps function names", () => {
    const token = "q3Zb8_xYtR1kLmN0pQrS7uVwXyZaBcDe";
    const out = redactText(`bad token ${token} for 06-12345678 in handleSingleFetchRequest createReadableStreamFromReadable`);
    expect(out).not.toContain(token);
    expect(out).not.toContain("12345678");
    expect(out).toContain("handleSingleFetchRequest");
    expect(out).toContain("createReadableStreamFromReadable");
  });

  it("drops query strings of URLs inside text", () => {
    expect(redactText("fetch https://x.test/a/b?email=a%40b.nl&q=geheim failed")).toBe("fetch https://x.test/a/b?[weg] failed");
  });

  it("cuts long text and strips control and bidi characters", () => {
    const out = redactText(`a\u0000b\u202Ec ${"x".repeat(1000)}`);
    expect(out.startsWith("abc ")).toBe(true);
    expect(out.length).toBeLessThan(360);
    expect(out).toMatch(/ingekort, \d+ tekens/);
  });
});

describe("redactUrl", () => {
  it("drops the query string and fragment", () => {
    expect(redactUrl("/login?redirectTo=%2Fdeelnemer&email=a@b.nl#x")).toBe("/login");
    expect(redactUrl("http://127.0.0.1:3000/deelnemer/pop?x=1")).toBe("/deelnemer/pop");
  });

  it("replaces token-like path segments and keeps ids and words", () => {
    expect(redactUrl("/uitnodiging/q3Zb8_xYtR1kLmN0pQrS7uVwXyZaBcDe")).toBe("/uitnodiging/:token");
    expect(redactUrl("/nieuw-wachtwoord/q3Zb8_xYtR1kLmN0pQrS7uVwXyZaBcDeFgHiJkLmNoP")).toBe("/nieuw-wachtwoord/:token");
    expect(redactUrl("/verify/AbCdEfGhIjKlMnOpQrStUvWx")).toBe("/verify/:token");
    expect(redactUrl("/groepen/3/bijeenkomsten/12/aanwezigheid")).toBe("/groepen/3/bijeenkomsten/12/aanwezigheid");
    expect(redactUrl("/deelnemer/pop.pdf")).toBe("/deelnemer/pop.pdf");
    expect(redactUrl("/x/jan%40example.nl")).toBe("/x/:token");
  });

  it("survives malformed escapes", () => {
    expect(redactUrl("/%E0%A4%A")).toBe("/%E0%A4%A");
  });
});

describe("redact", () => {
  it("replaces values of sensitive keys, deeply, and cleans other strings", () => {
    const out = redact({
      email: "a@b.nl",
      name: "Fatima El Amrani",
      password: "leerlijn-demo",
      headers: { Cookie: "leerlijn_session=abc", authorization: "Bearer x" },
      pop: { story: STORY, goals: [{ goal: "Grenzen stellen", reflection: "ging goed" }] },
      intervisie: { learningPoints: "...", note: "n" },
      count: 3,
      ok: true,
      ip: "10.0.0.1",
      hint: "mail to piet@example.org",
    }) as Record<string, unknown>;
    const text = JSON.stringify(out);
    for (const secret of ["a@b.nl", "Fatima", "leerlijn-demo", "abc", "Bearer", "dakloos", "Grenzen", "ging goed", "10.0.0.1", "piet@"]) {
      expect(text).not.toContain(secret);
    }
    expect(out.email).toBe(REDACTED);
    expect(out.count).toBe(3);
    expect(out.ok).toBe(true);
    expect(out.hint).toBe("mail to [e-mail]");
  });

  it("knows which keys are sensitive", () => {
    for (const k of ["email", "e-mail", "userName", "password_hash", "sessionToken", "Set-Cookie", "text", "notes", "ervaringsverhaal_story", "reflectie"]) {
      expect(isSensitiveKey(k)).toBe(true);
    }
    for (const k of ["count", "status", "cohortId", "durationMs", "level"]) expect(isSensitiveKey(k)).toBe(false);
  });
});

describe("redactError and formatLogLine", () => {
  it("keeps the error's name, a cleaned message and the stack frames only", () => {
    const error = new TypeError(`cannot save "${STORY}" for jan@example.nl`);
    const out = redactError(error);
    expect(out.name).toBe("TypeError");
    expect(out.message).toBe('cannot save "[tekst]" for [e-mail]');
    expect(out.stack).toMatch(/^at /);
    expect(out.stack).not.toContain("dakloos");
    expect(out.stack).not.toContain("jan@");
  });

  it("writes one JSON line with the fixed fields and nothing personal", () => {
    const line = formatLogLine(
      {
        level: "error",
        event: "request.failed",
        ref: "LL-7K3Q-9XZD",
        method: "POST",
        route: "/deelnemer/pop?email=jan@example.nl",
        status: 500,
        durationMs: 12.6,
        error: new Error("boom for jan@example.nl"),
        data: { email: "jan@example.nl", cohortId: 4 },
      },
      new Date("2026-03-01T10:00:00Z"),
    );
    expect(line).not.toContain("\n");
    const parsed = JSON.parse(line) as Record<string, unknown>;
    expect(parsed).toMatchObject({
      time: "2026-03-01T10:00:00.000Z",
      level: "error",
      event: "request.failed",
      ref: "LL-7K3Q-9XZD",
      method: "POST",
      route: "/deelnemer/pop",
      status: 500,
      durationMs: 13,
      error: { name: "Error", message: "boom for [e-mail]" },
      data: { email: REDACTED, cohortId: 4 },
    });
    expect(line).not.toContain("jan@example.nl");
  });

  it("sends lines to the sink", () => {
    const lines: string[] = [];
    const restore = setLogSink((l) => lines.push(l));
    try {
      log({ level: "info", event: "test.event", data: { token: "abc" } });
    } finally {
      restore();
    }
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ event: "test.event", data: { token: REDACTED } });
  });
});

describe("reference codes", () => {
  it("look like LL-XXXX-XXXX without confusable letters and differ per call", () => {
    const codes = new Set(Array.from({ length: 200 }, () => makeRefCode()));
    expect(codes.size).toBe(200);
    for (const c of codes) {
      expect(isRefCode(c)).toBe(true);
      expect(c.slice(3)).not.toMatch(/[ILOU]/);
    }
    expect(makeRefCode((b) => b.fill(255))).toBe("LL-ZZZZ-ZZZZ");
    expect(isRefCode("LL-7K3Q-9XZD")).toBe(true);
    expect(isRefCode("LL-7K3Q-9XZI")).toBe(false);
  });
});
