import jsQR from "jsqr";
import { PNG } from "pngjs";
import type { Browser } from "playwright-core";
import { currentTime } from "../../app/clock.server";
import { amsterdamTime } from "../../app/rules/amsterdam";
import { type CheckedPage, launchBrowser, withCheckedPage } from "./support";
import { TODAY } from "../support/clock";
import { makeGroup, makeMeeting, type Group, type Person, withServerDb } from "./factories";

/**
 * Issue 29 point 4: the trainer shows the check-in screen; a participant (another browser, a phone)
 * types the code shown, another follows the QR code without JavaScript; the trainer's list opens
 * with both present and "Ingecheckt om …", and the trainer saves. A group of its own (factories.ts).
 */
const PHONE = { width: 390, height: 844 };

let browser: Browser;
let group: Group;
let fatima: Person;
let jeroen: Person;
let meetingId: number;
beforeAll(async () => {
  browser = await launchBrowser();
  // A lesson going on now on the app's clock: started 10 minutes ago, two hours to go.
  const now = currentTime().getTime();
  group = await withServerDb(async (db) => {
    const g = await makeGroup(db, { participants: ["Fatima", "Jeroen"] });
    meetingId = await makeMeeting(db, g, {
      title: "Les met inchecken",
      date: TODAY,
      startTime: amsterdamTime(new Date(now - 10 * 60_000)),
      endTime: amsterdamTime(new Date(now + 120 * 60_000)),
    });
    return g;
  });
  [fatima, jeroen] = group.participants;
});
afterAll(async () => {
  await browser?.close();
});

const withPage = (fn: (p: CheckedPage) => Promise<void>, opts?: Parameters<typeof CheckedPage.open>[1]) => withCheckedPage(browser, fn, opts);
const screenPath = () => `/groepen/${group.id}/bijeenkomsten/${meetingId}/inchecken`;
const sheetPath = () => `/groepen/${group.id}/bijeenkomsten/${meetingId}/aanwezigheid`;

/**
 * The code and the QR code's address on the trainer's screen, read from one load of the page (it
 * reloads itself when the minute is up). `leave`: go to the trainer's home afterwards, so no reload
 * comes in the middle of what the test does next.
 */
async function readScreen(p: CheckedPage, leave = true): Promise<{ code: string; qr: string }> {
  await p.visit(screenPath());
  await p.page.getByTestId("check-in-code").waitFor();
  const { code, src } = await p.page.evaluate(() => ({
    code: document.querySelector("[data-testid=check-in-code]")?.textContent?.trim() ?? "",
    src: document.querySelector(".ll-check-in img")?.getAttribute("src") ?? "",
  }));
  const png = PNG.sync.read(Buffer.from(src.replace(/^data:image\/png;base64,/, ""), "base64"));
  const qr = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  if (leave) await p.visit("/trainer");
  return { code, qr: qr?.data ?? "" };
}

describe("self check-in", () => {
  it("the trainer's screen shows a code and a QR code, and loads a new one when the minute is up", async () => {
    await withPage(async (p) => {
      await p.login(group.trainer.email, group.trainer.password);
      await p.visit(sheetPath());
      await Promise.all([p.page.waitForURL(new RegExp(`${screenPath()}$`)), p.page.getByRole("link", { name: "Inchecken op het scherm tonen" }).click()]);
      await p.afterNavigation();
      const { code, qr } = await readScreen(p, false);
      await p.page.getByAltText("QR-code om in te checken voor deze bijeenkomst").waitFor();
      expect(code).toMatch(/^[ACDEFGHJKMNPQRTUVWXY234679]{6}$/);
      expect(qr).toMatch(new RegExp(`/deelnemer/inchecken\\?code=${code}$`));
      // Without JavaScript the page reloads itself when the minute is up (a <meta> refresh inside <noscript>).
      const html = await (await p.page.request.get(screenPath())).text();
      const refresh = /<noscript><meta http-equiv="refresh" content="(\d+)"\/?><\/noscript>/.exec(html)?.[1];
      expect(Number(refresh)).toBeGreaterThanOrEqual(1);
      expect(Number(refresh)).toBeLessThanOrEqual(61);
      await p.page.getByText(/^Nieuwe code over \d+ seconden?\./).waitFor();
      await p.page.getByText("Ingecheckt: 0 van de 2 deelnemers.").waitFor();
    });
  });

  it("participants check in with the code shown (typed on a phone, or by QR without JavaScript); the trainer's list opens with them present, and the trainer saves", async () => {
    await withPage(async (trainer) => {
      await trainer.login(group.trainer.email, group.trainer.password);
      const first = await readScreen(trainer);

      await withPage(
        async (p) => {
          await p.login(fatima.email, fatima.password);
          await p.visit("/deelnemer/inchecken");
          await p.page.getByLabel("Code").fill(first.code.toLowerCase());
          await p.page.getByRole("button", { name: "Inchecken" }).click();
          await p.page.getByText(/^Je bent ingecheckt voor Les met inchecken om \d\d:\d\d\./).waitFor();
          await p.afterNavigation();
          const width = await p.page.evaluate(() => document.documentElement.scrollWidth);
          expect(width).toBeLessThanOrEqual(PHONE.width);
        },
        { viewport: PHONE },
      );

      const second = await readScreen(trainer);
      await withPage(
        async (p) => {
          await p.login(jeroen.email, jeroen.password);
          // Opening the QR code's address checks nobody in: the button does.
          await p.visit(new URL(second.qr).pathname + new URL(second.qr).search);
          await expect(p.page.getByLabel("Code").inputValue()).resolves.toBe(second.code);
          const before = await withServerDb((db) => db.selectFrom("check_ins").select("id").where("participant_id", "=", jeroen.id).execute());
          expect(before).toEqual([]);
          await Promise.all([p.page.waitForLoadState("load"), p.page.getByRole("button", { name: "Inchecken" }).click()]);
          await p.page.getByText(/^Je bent ingecheckt voor Les met inchecken/).waitFor();
          await p.afterNavigation();
        },
        { viewport: PHONE, javaScriptEnabled: false },
      );

      await trainer.visit(screenPath());
      await trainer.page.getByText("Ingecheckt: 2 van de 2 deelnemers.").waitFor();

      // Not recorded yet: the list opens with them present and their check-in time; the trainer saves.
      expect(await withServerDb((db) => db.selectFrom("attendance").select("id").where("session_id", "=", meetingId).execute())).toEqual([]);
      await trainer.visit(sheetPath());
      for (const person of [fatima, jeroen]) {
        await expect(trainer.page.getByLabel(`Aanwezigheid: ${person.name}`).inputValue()).resolves.toBe("aanwezig");
        await trainer.page
          .locator(`[data-checked-in="${person.id}"]`)
          .getByText(/^Ingecheckt om \d\d:\d\d\.$/)
          .waitFor();
      }
      await trainer.page.getByRole("button", { name: "Aanwezigheid opslaan" }).click();
      await trainer.page.getByText("De aanwezigheid is opgeslagen.").waitFor();
      await trainer.afterNavigation();
    });
    const stored = await withServerDb((db) => db.selectFrom("attendance").select(["participant_id", "status"]).where("session_id", "=", meetingId).execute());
    expect(stored.find((r) => r.participant_id === fatima.id)?.status).toBe("aanwezig");
    expect(stored.find((r) => r.participant_id === jeroen.id)?.status).toBe("aanwezig");
  });

  it("a wrong code is refused calmly, and nothing is stored", async () => {
    const [wrong] = await withServerDb(async (db) => {
      const g = await makeGroup(db, { participants: ["Sanne"] });
      return g.participants;
    });
    await withPage(
      async (p) => {
        await p.login(wrong.email, wrong.password);
        await p.visit("/deelnemer/inchecken");
        await p.page.getByLabel("Code").fill("AAAAAA");
        await p.page.getByRole("button", { name: "Inchecken" }).click();
        await p.page.getByText("Deze code klopt niet, of hij is verlopen.", { exact: false }).first().waitFor();
        await p.afterNavigation();
      },
      { viewport: PHONE },
    );
    expect(await withServerDb((db) => db.selectFrom("check_ins").select("id").where("participant_id", "=", wrong.id).execute())).toEqual([]);
  });
});
