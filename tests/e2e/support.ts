import AxeBuilder from "@axe-core/playwright";
import { type Browser, type BrowserContext, type Locator, type Page } from "playwright-core";
import { launchChromium } from "../../scripts/lib/chromium";
import { readServerInfo } from "./server-info";

export const DEMO_PASSWORD = "leerlijn-demo";

export function baseUrl(): string {
  return readServerInfo().url;
}

/** The Set-Cookie header of a new session in an answer, if it starts one (not the one that clears it). */
export function sessionSetCookie(res: Response): string | undefined {
  return res.headers.getSetCookie().find((c) => c.startsWith("leerlijn_session=") && !c.startsWith("leerlijn_session=;"));
}

/** Signs in over plain HTTP (a form POST from this site) and returns the value for a Cookie header. */
export async function signInOverHttp(email: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await fetch(`${baseUrl()}/login`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl() },
    body: new URLSearchParams({ email, password }).toString(),
    redirect: "manual",
  });
  const cookie = sessionSetCookie(res);
  if (res.status !== 302 || !cookie) throw new Error(`sign-in of ${email} failed: ${res.status}`);
  return cookie.split(";")[0]!;
}

/**
 * Errors tied to their fields (WCAG 1.3.1, 3.3.1; issue 27, point 2), a check axe has no rule for:
 * every element with aria-invalid="true" names, through aria-describedby or aria-errormessage, a
 * visible element with text (its message), and every visible error message is named by a field.
 * Returns what is wrong, one line each; empty when all is well.
 */
export async function unlinkedErrors(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const visible = (el: Element) => {
      if (!(el instanceof HTMLElement)) return false;
      const style = getComputedStyle(el);
      return el.getClientRects().length > 0 && style.visibility !== "hidden" && style.display !== "none";
    };
    const describe = (el: Element) => {
      const html = el.outerHTML;
      return html.length > 160 ? `${html.slice(0, 160)}…` : html;
    };
    const referenced = new Set<string>();
    for (const el of document.querySelectorAll("[aria-describedby], [aria-errormessage]")) {
      for (const attr of ["aria-describedby", "aria-errormessage"]) for (const id of (el.getAttribute(attr) ?? "").split(/\s+/)) if (id) referenced.add(id);
    }
    for (const field of document.querySelectorAll('[aria-invalid="true"]')) {
      const ids = ["aria-describedby", "aria-errormessage"].flatMap((attr) => (field.getAttribute(attr) ?? "").split(/\s+/)).filter(Boolean);
      const messages = ids.map((id) => document.getElementById(id)).filter((m): m is HTMLElement => m !== null);
      const said = messages.filter((m) => visible(m) && (m.textContent ?? "").trim() !== "");
      if (ids.length === 0) problems.push(`aria-invalid zonder aria-describedby/aria-errormessage: ${describe(field)}`);
      else if (said.length === 0) problems.push(`aria-invalid wijst naar geen zichtbare melding met tekst (${ids.join(" ")}): ${describe(field)}`);
    }
    for (const message of document.querySelectorAll(".utrecht-form-field-error-message, .utrecht-form-field__error-message")) {
      if (!visible(message) || (message.textContent ?? "").trim() === "") continue;
      if (!message.id || !referenced.has(message.id)) problems.push(`foutmelding die bij geen veld hoort: ${describe(message)}`);
    }
    return problems;
  });
}

export function launchBrowser(): Promise<Browser> {
  return launchChromium();
}

/**
 * A browser page that checks itself: every page it lands on is scanned with axe-core
 * (WCAG 2.2 A/AA) and the test fails on any serious or critical violation; a console
 * error in the browser fails the test too. Use `visit` and `afterNavigation` so that no
 * page goes unchecked; `assertAllChecked` at the end proves it.
 */
export class CheckedPage {
  readonly consoleErrors: string[] = [];
  private readonly seen = new Set<string>();
  private readonly checked = new Set<string>();

  private constructor(
    readonly page: Page,
    readonly context: BrowserContext,
    /** With JavaScript off, axe cannot run in the page itself: a copy of its HTML is scanned here. */
    private readonly scanContext: BrowserContext | null,
  ) {
    page.on("console", (msg) => {
      if (msg.type() === "error") this.consoleErrors.push(msg.text());
    });
    page.on("pageerror", (err) => this.consoleErrors.push(String(err)));
    page.on("framenavigated", (frame) => {
      if (frame === page.mainFrame()) this.seen.add(new URL(frame.url()).pathname);
    });
  }

  static async open(browser: Browser, opts: { javaScriptEnabled?: boolean; viewport?: { width: number; height: number } } = {}) {
    const settings = { baseURL: baseUrl(), viewport: opts.viewport ?? { width: 1280, height: 900 }, locale: "nl-NL" };
    const context = await browser.newContext({ ...settings, javaScriptEnabled: opts.javaScriptEnabled ?? true });
    const scanContext = opts.javaScriptEnabled === false ? await browser.newContext(settings) : null;
    return new CheckedPage(await context.newPage(), context, scanContext);
  }

  async visit(path: string) {
    const response = await this.page.goto(path);
    await this.afterNavigation();
    return response;
  }

  /** Call after anything that loads a new page (a click on a link, a form post). */
  async afterNavigation() {
    await this.page.waitForLoadState("load");
    const path = new URL(this.page.url()).pathname;
    let target = this.page;
    if (this.scanContext) {
      // Same origin, so the page's stylesheets load and colour contrast is judged as shown.
      const html = await this.page.content();
      target = await this.scanContext.newPage();
      const url = this.page.url();
      await target.route(url, (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }));
      await target.goto(url);
      await target.waitForLoadState("load");
    }
    const results = await new AxeBuilder({ page: target })
      // Experimental in axe, so off by default, but it is WCAG 2.5.3 (label in name): on. Set
      // before withTags: options() replaces the whole options object, withTags only its runOnly.
      .options({ rules: { "label-content-name-mismatch": { enabled: true } } })
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"])
      .analyze();
    const unlinked = await unlinkedErrors(target);
    if (target !== this.page) await target.close();
    const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    if (bad.length > 0 || unlinked.length > 0) {
      const text = bad
        .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)
        .concat(unlinked)
        .join("\n");
      throw new Error(`Toegankelijkheid: ${path}\n${text}`);
    }
    this.checked.add(path);
  }

  /** The same check on errors tied to fields, for a form refused in the browser (no new page loads). */
  async checkErrorsLinked() {
    const unlinked = await unlinkedErrors(this.page);
    if (unlinked.length > 0) throw new Error(`Toegankelijkheid: ${new URL(this.page.url()).pathname}\n${unlinked.join("\n")}`);
  }

  async login(email: string, password = DEMO_PASSWORD) {
    await this.visit("/login");
    await this.page.getByLabel("E-mailadres").fill(email);
    await this.page.getByLabel("Wachtwoord").fill(password);
    await Promise.all([this.page.waitForURL((url) => url.pathname !== "/login"), this.page.getByRole("button", { name: "Inloggen" }).click()]);
    await this.afterNavigation();
  }

  assertAllChecked() {
    const missed = [...this.seen].filter((p) => !this.checked.has(p) && p !== "blank");
    if (missed.length > 0) throw new Error(`Pagina's zonder toegankelijkheidscontrole: ${missed.join(", ")}`);
    // A 4xx answer the test asked for (401 wrong password, 403, 404, 410 used link) is logged by
    // Chromium as a failed resource; that is the app working, not a script error.
    const errors = this.consoleErrors.filter((e) => !/^Failed to load resource: the server responded with a status of 4\d\d/.test(e));
    if (errors.length > 0) throw new Error(`Fouten in de browserconsole:\n${errors.join("\n")}`);
  }

  async close() {
    await this.context.close();
    await this.scanContext?.close();
  }
}

/** Opens a checked page, runs the journey, then asserts every visited page was scanned. */
export async function withCheckedPage(browser: Browser, fn: (p: CheckedPage) => Promise<void>, opts?: Parameters<typeof CheckedPage.open>[1]): Promise<void> {
  const p = await CheckedPage.open(browser, opts);
  try {
    await fn(p);
    p.assertAllChecked();
  } finally {
    await p.close();
  }
}

/** What a field says about its error: aria-invalid, and the visible text of what aria-describedby names. */
export async function fieldErrorOf(field: Locator) {
  return field.evaluate((el) => {
    const ids = (el.getAttribute("aria-describedby") ?? "").split(/\s+/).filter(Boolean);
    const texts = ids
      .map((id) => document.getElementById(id))
      .filter((m): m is HTMLElement => m !== null && m.getClientRects().length > 0)
      .map((m) => (m.textContent ?? "").trim());
    return { invalid: el.getAttribute("aria-invalid"), described: texts.join(" | ") };
  });
}
