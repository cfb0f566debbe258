import { contentSecurityPolicy } from "../../app/rules/csp";

describe("contentSecurityPolicy", () => {
  it("in production allows scripts only from this site or with the nonce, and styles only from this site or with the nonce (no style attributes)", () => {
    const policy = contentSecurityPolicy("caDW1l7TDTkbd02efYoLHg==");
    const directives = Object.fromEntries(policy.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1).join(" ")]));
    expect(directives).toEqual({
      "default-src": "'self'",
      "script-src": "'self' 'nonce-caDW1l7TDTkbd02efYoLHg=='",
      "style-src": "'self' 'nonce-caDW1l7TDTkbd02efYoLHg=='",
      "img-src": "'self' data:",
      "font-src": "'self'",
      "connect-src": "'self'",
      "frame-ancestors": "'none'",
      "base-uri": "'self'",
      "form-action": "'self'",
      "object-src": "'none'",
    });
    expect(policy).not.toMatch(/unsafe-(inline|eval)/);
  });

  it("in development keeps the framing and form rules only", () => {
    expect(contentSecurityPolicy(undefined)).toBe("frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'");
  });

  it("refuses a nonce that could break out of the header", () => {
    expect(() => contentSecurityPolicy("abc'; script-src *")).toThrow();
  });
});
