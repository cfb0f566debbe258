import { isSameOriginRequest, ONE_CLICK_UNSUBSCRIBE } from "../../app/rules/origin";

const base = { host: "127.0.0.1:4321", origin: null, referer: null };

describe("CSRF origin check", () => {
  it("lets reads through whatever their origin", () => {
    expect(isSameOriginRequest({ ...base, method: "GET", origin: "https://evil.example" })).toBe(true);
    expect(isSameOriginRequest({ ...base, method: "HEAD", origin: "https://evil.example" })).toBe(true);
  });

  it("accepts a POST from the same host and port, on any host and port", () => {
    expect(isSameOriginRequest({ ...base, method: "POST", origin: "http://127.0.0.1:4321" })).toBe(true);
    expect(isSameOriginRequest({ method: "POST", host: "leerlijn.example.nl", origin: "https://leerlijn.example.nl", referer: null })).toBe(true);
  });

  it("refuses a POST from another origin, another port, or an opaque origin", () => {
    expect(isSameOriginRequest({ ...base, method: "POST", origin: "https://evil.example" })).toBe(false);
    expect(isSameOriginRequest({ ...base, method: "POST", origin: "http://127.0.0.1:9999" })).toBe(false);
    expect(isSameOriginRequest({ ...base, method: "POST", origin: "null" })).toBe(false);
    expect(isSameOriginRequest({ ...base, method: "DELETE", origin: "http://evil.example" })).toBe(false);
  });

  it("falls back to the Referer, and to Sec-Fetch-Site", () => {
    expect(isSameOriginRequest({ ...base, method: "POST", referer: "http://127.0.0.1:4321/login" })).toBe(true);
    expect(isSameOriginRequest({ ...base, method: "POST", referer: "https://evil.example/form" })).toBe(false);
    expect(isSameOriginRequest({ ...base, method: "POST", secFetchSite: "cross-site" })).toBe(false);
  });

  it("allows a POST without any browser origin header (not a cross-site browser request)", () => {
    expect(isSameOriginRequest({ ...base, method: "POST" })).toBe(true);
  });

  it("leaves out only the one-click unsubscribe link itself (a mail client posts it from elsewhere)", () => {
    expect(ONE_CLICK_UNSUBSCRIBE.test(`/afmelden/${"aZ09_-".repeat(7)}x`)).toBe(true);
    for (const path of [
      "/afmelden/kort",
      `/afmelden/${"a".repeat(43)}/meer`,
      `/afmelden/${"a".repeat(43)}.data`,
      "/account",
      `/x/afmelden/${"a".repeat(43)}`,
    ]) {
      expect({ path, exempt: ONE_CLICK_UNSUBSCRIBE.test(path) }).toEqual({ path, exempt: false });
    }
  });
});
