import type { Browser, Locator, Page } from "playwright-core";
import { type CheckedPage, DEMO_PASSWORD, launchBrowser, fieldErrorOf, unlinkedErrors, withCheckedPage } from "./support";
import {
  chooseTrainingFor,
  leerlijnVersionId,
  makeFinishedGroup,
  makeGroup,
  makeMeeting,
  makeSubmittedPop,
  type Group,
  type Person,
  withServerDb,
} from "./factories";
import { nl } from "../../app/i18n/nl";
import { gopSchema } from "../../app/forms/gop";
import { saveAttendance } from "../../app/services/attendance.server";
import { gopStep, saveGop } from "../../app/services/gop.server";
import { intervisieSettings } from "../../app/services/intervisie.server";
import { getMeeting } from "../../app/services/schedule.server";
import { daysFromToday } from "../support/clock";

/**
 * Issue 27, point 2, for the plain Remix forms (no schema in the browser): a field the server
 * refuses is marked (aria-invalid) and points (aria-describedby) at its visible message, and the
 * answer that takes focus names the field and links to it. One refusal per form, for real; without
 * JavaScript (these forms post to the server), and with JavaScript where it runs another way.
 * Every refusal here changes nothing, so the demo's people (the coordinator, the examiner) can be used.
 */
jest.setTimeout(300_000);

let browser: Browser;
let pop: Group;
let finished: Awaited<ReturnType<typeof makeFinishedGroup>>;
let plannedInterviewId: number;
let finishedInterviewId: number;
let certificateNumber: string;
let meetingId: number;
let absent: Person;
let groupSize: { min: number; max: number };
beforeAll(async () => {
  browser = await launchBrowser();
  await withServerDb(async (db) => {
    // A POP handed in and a GOP handed in, both waiting for the trainer.
    pop = await makeGroup(db, { participants: ["Mira", "Joost"] });
    await makeSubmittedPop(db, pop.participants[0]);
    const member = { id: pop.participants[0].id, role: "participant" as const };
    const saved = await saveGop(
      db,
      member,
      pop.id,
      gopSchema.parse({ baseVersion: "0", agreements: "We beginnen op tijd.", evaluation: "", g1_doel: "Elkaar laten uitpraten" }),
    );
    await gopStep(db, member, pop.id, { action: "submit", version: saved.version, note: null });
    // A lesson last week that Joost missed: the trainer can give him a make-up assignment.
    meetingId = await makeMeeting(db, pop, { date: daysFromToday(-7), startTime: "09:00", endTime: "12:00" });
    absent = pop.participants[1];
    const settings = await intervisieSettings(db, pop.id);
    groupSize = { min: settings.groupSizeMin, max: settings.groupSizeMax };
    await saveAttendance(
      db,
      (await getMeeting(db, pop.id, meetingId))!,
      {
        revision: 0,
        rows: pop.participants.map((p) => ({
          participantId: p.id,
          status: p === absent ? ("afwezig" as const) : ("aanwezig" as const),
          minutesMissed: 0,
          active: true,
          note: null,
        })),
      },
      { id: pop.trainer.id, role: "trainer" },
    );

    // A finished group: a certified participant (final interview, certificate) and one whose interview is planned.
    finished = await makeFinishedGroup(db);
    const interviewOf = async (participantId: number, status: "afgerond" | "gepland") =>
      (await db.selectFrom("interviews").select("id").where("participant_id", "=", participantId).where("status", "=", status).executeTakeFirstOrThrow()).id;
    finishedInterviewId = await interviewOf(finished.certified.id, "afgerond");
    plannedInterviewId = await interviewOf(finished.ready.id, "gepland");
    certificateNumber = (await db.selectFrom("certificates").select("number").where("participant_id", "=", finished.certified.id).executeTakeFirstOrThrow())
      .number;
    // An open objection to the final interview (lodged in time; the window has passed since).
    await db
      .insertInto("objections")
      .values({
        interview_id: finishedInterviewId,
        text: "Ik vind dat mijn praktijkuren niet goed zijn meegeteld.",
        lodged_at: `${daysFromToday(-14)}T10:00:00.000Z`,
        lodged_by: finished.certified.id,
        resolution: null,
        resolved_at: null,
        resolved_by: null,
      })
      .execute();
  });
});
afterAll(async () => {
  await browser?.close();
});

const withPage = (fn: (p: CheckedPage) => Promise<void>, opts?: Parameters<typeof CheckedPage.open>[1]) => withCheckedPage(browser, fn, opts);
const NO_JS = { javaScriptEnabled: false };

/** What has focus: the answer that links to the field, another answer, or something else. */
async function focusState(page: Page, field: Locator) {
  const fieldId = await field.getAttribute("id");
  let state = "never";
  for (let i = 0; i < 30; i++) {
    state = await page.evaluate((id) => {
      const active = document.activeElement;
      if (!active || active === document.body) return "body";
      if (active.matches("[data-answer]") && id && active.querySelector(`a[href="#${CSS.escape(id)}"]`)) return "summary linking to the field";
      if (active.matches("[data-answer]")) return `summary without a link to #${id}: ${(active.textContent ?? "").trim().slice(0, 200)}`;
      return `other: ${active.tagName} ${active.id}`;
    }, fieldId);
    if (state === "summary linking to the field") return state;
    await new Promise((r) => setTimeout(r, 100));
  }
  return state;
}

/** How often the message stands loose on the page: not in a link to a field, not in a message a field names. */
async function looseMessages(page: Page, message: string) {
  return page.evaluate((text) => {
    const named = new Set(
      [...document.querySelectorAll("[aria-describedby]")].flatMap((el) => (el.getAttribute("aria-describedby") ?? "").split(/\s+/)).filter(Boolean),
    );
    const tied = (el: Element | null): boolean => {
      for (let e = el; e; e = e.parentElement) {
        if (e.matches("a[href^='#']") || (e.id && named.has(e.id))) return true;
      }
      return false;
    };
    return [...document.querySelectorAll("body *")].filter(
      (el) =>
        [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? "").includes(text)) &&
        (el as HTMLElement).getClientRects().length > 0 &&
        !tied(el),
    ).length;
  }, message);
}

/** The refusal is tied to the field: marked, described by its visible message, the focused answer links to it, nothing loose. */
async function expectLinked(p: CheckedPage, field: Locator, message: string) {
  await p.page.getByText(message).first().waitFor();
  expect(await fieldErrorOf(field)).toEqual({ invalid: "true", described: expect.stringContaining(message) });
  expect(await focusState(p.page, field)).toBe("summary linking to the field");
  expect(await looseMessages(p.page, message)).toBe(0);
  expect(await unlinkedErrors(p.page)).toEqual([]);
}

/** Clicks a submit button; without JavaScript the browser loads the answer as a new page. */
async function send(p: CheckedPage, button: Locator, javaScriptEnabled: boolean) {
  if (javaScriptEnabled) {
    await button.click();
  } else {
    await Promise.all([p.page.waitForEvent("framenavigated"), button.click()]);
    await p.page.waitForLoadState("load");
  }
}

/** The part of a message before its first {placeholder} (the number in it is formatted for the reader). */
const upTo = (text: string) => text.split("{")[0]!;

describe("the trainer's decision on a POP", () => {
  for (const javaScriptEnabled of [false, true]) {
    it(`'Terugsturen' without a note (${javaScriptEnabled ? "with" : "without"} JavaScript): the note is marked and linked`, async () => {
      await withPage(
        async (p) => {
          await p.login(pop.trainer.email, pop.trainer.password);
          await p.visit(`/pop/${pop.participants[0].id}`);
          await send(p, p.page.getByRole("button", { name: nl["pop.decide.return"] }), javaScriptEnabled);
          const note = p.page.getByLabel(nl["pop.decide.note"]);
          await expectLinked(p, note, nl["pop.returnNeedsComment"]);
          if (!javaScriptEnabled) await p.afterNavigation();
        },
        { javaScriptEnabled },
      );
    });
  }

  it("an empty comment on a section (without JavaScript): that comment box is marked and linked", async () => {
    await withPage(async (p) => {
      await p.login(pop.trainer.email, pop.trainer.password);
      await p.visit(`/pop/${pop.participants[0].id}`);
      const form = p.page
        .locator("form")
        .filter({ has: p.page.getByLabel(nl["pop.comments.add"]) })
        .nth(1);
      await send(p, form.getByRole("button", { name: nl["pop.comments.send"] }), false);
      await expectLinked(p, p.page.getByLabel(nl["pop.comments.add"]).nth(1), nl["pop.comments.empty"]);
      // Only the box that was sent is marked.
      await expect(p.page.getByLabel(nl["pop.comments.add"]).first().getAttribute("aria-invalid")).resolves.toBeNull();
      await p.afterNavigation();
    }, NO_JS);
  });
});

describe("the trainer's step on a GOP", () => {
  it("a note that is too long (without JavaScript): the note is marked and linked", async () => {
    await withPage(async (p) => {
      await p.login(pop.trainer.email, pop.trainer.password);
      await p.visit(`/groepen/${pop.id}/gop`);
      const note = p.page.getByLabel(nl["pop.decide.note"]);
      // The browser stops typing at 2000 characters; a post from elsewhere is checked by the server.
      await note.evaluate((el) => el.removeAttribute("maxlength"));
      await note.fill("x".repeat(2001));
      await send(p, p.page.getByRole("button", { name: nl["pop.decide.return"] }), false);
      await expectLinked(p, p.page.getByLabel(nl["pop.decide.note"]), upTo(nl["form.tooLong"]));
      await p.afterNavigation();
    }, NO_JS);
  });
});

describe("the final interview", () => {
  const coordinator = "coordinator@leerlijn.test";

  it("the examiner's judgement with a motivation that is too long (without JavaScript): the motivation is marked and linked", async () => {
    await withPage(async (p) => {
      await p.login("examinator@leerlijn.test", DEMO_PASSWORD);
      await p.visit(`/eindgesprekken/${plannedInterviewId}`);
      const motivation = p.page.getByLabel(nl["interview.motivation"], { exact: true });
      await motivation.evaluate((el) => el.removeAttribute("maxlength"));
      await motivation.fill("x".repeat(4001));
      await send(p, p.page.getByRole("button", { name: nl["interview.saveDraft"] }), false);
      await expectLinked(p, p.page.getByLabel(nl["interview.motivation"], { exact: true }), upTo(nl["form.tooLong"]));
      await p.afterNavigation();
    }, NO_JS);
  });

  it("a correction without a reason (without JavaScript): the reason is marked and linked", async () => {
    await withPage(async (p) => {
      await p.login(coordinator, DEMO_PASSWORD);
      await p.visit(`/eindgesprekken/${finishedInterviewId}`);
      await send(p, p.page.getByRole("button", { name: nl["interview.correct"] }), false);
      await expectLinked(p, p.page.getByLabel(nl["interview.correct.reason"]), nl["form.required"]);
      await p.afterNavigation();
    }, NO_JS);
  });

  it("an objection handled without its outcome (without JavaScript): the outcome is marked and linked", async () => {
    await withPage(async (p) => {
      await p.login(coordinator, DEMO_PASSWORD);
      await p.visit(`/eindgesprekken/${finishedInterviewId}`);
      await send(p, p.page.getByRole("button", { name: nl["objection.resolve"] }), false);
      await expectLinked(p, p.page.getByLabel(nl["objection.resolution"]), nl["form.required"]);
      await p.afterNavigation();
    }, NO_JS);
  });
});

describe("revoking a certificate", () => {
  for (const javaScriptEnabled of [false, true]) {
    it(`without a reason and without the tick (${javaScriptEnabled ? "with" : "without"} JavaScript): both fields are marked and linked`, async () => {
      await withPage(
        async (p) => {
          await p.login("coordinator@leerlijn.test", DEMO_PASSWORD);
          await p.visit(`/coordinator/certificaten?zoek=${encodeURIComponent(certificateNumber)}`);
          const reasonLabel = nl["register.reason"].replace("{number}", certificateNumber);
          const form = p.page.locator("form", { has: p.page.getByLabel(reasonLabel) });
          await send(p, form.getByRole("button", { name: nl["register.revoke"], exact: true }), javaScriptEnabled);
          const reason = p.page.getByLabel(reasonLabel);
          await expectLinked(p, reason, nl["register.reasonNeeded"]);
          const confirm = p.page.getByRole("checkbox", { name: nl["register.revokeConfirm"].replace("{number}", certificateNumber) });
          expect(await fieldErrorOf(confirm)).toEqual({ invalid: "true", described: expect.stringContaining(nl["register.confirmNeeded"]) });
          expect(await focusState(p.page, confirm)).toBe("summary linking to the field");
          if (!javaScriptEnabled) await p.afterNavigation();
        },
        { javaScriptEnabled },
      );
    });
  }
});

describe("the trainer's other plain forms", () => {
  it("an intervisie group of one (without JavaScript): the members are marked and linked, with the numbers in the message", async () => {
    await withPage(async (p) => {
      await p.login(pop.trainer.email, pop.trainer.password);
      await p.visit(`/groepen/${pop.id}/intervisiegroepen`);
      await p.page.getByLabel(nl["intervisie.groups.name"]).fill("Groep Noord");
      await p.page.getByRole("checkbox", { name: pop.participants[0].name }).check();
      await send(p, p.page.getByRole("button", { name: nl["intervisie.groups.create"] }), false);
      // The group's message and the summary's link belong to the group of boxes: the first box carries them.
      const first = p.page
        .locator("form")
        .filter({ has: p.page.getByRole("button", { name: nl["intervisie.groups.create"] }) })
        .getByRole("checkbox")
        .first();
      // The whole message, with the numbers (the page's intro starts with the same words).
      await expectLinked(p, first, nl["intervisie.groupSize"].replace("{min}", String(groupSize.min)).replace("{max}", String(groupSize.max)));
      await p.afterNavigation();
    }, NO_JS);
  });

  it("a make-up assignment without a description (without JavaScript): that participant's field is marked and linked", async () => {
    await withPage(async (p) => {
      await p.login(pop.trainer.email, pop.trainer.password);
      await p.visit(`/groepen/${pop.id}/bijeenkomsten/${meetingId}/aanwezigheid`);
      await send(p, p.page.getByRole("button", { name: nl["makeup.grant"] }), false);
      await expectLinked(p, p.page.getByLabel(nl["makeup.description"].replace("{name}", absent.name)), nl["makeup.descriptionRequired"]);
      await p.afterNavigation();
    }, NO_JS);
  });
});

describe("moving a training choice", () => {
  let group: Group;
  let choiceId: number;
  let targetId: number;
  beforeAll(async () => {
    await withServerDb(async (db) => {
      group = await makeGroup(db, { participants: ["Sem"] });
      await chooseTrainingFor(db, group.participants[0], "grenzen-stellen", group);
      await chooseTrainingFor(db, group.participants[0], "beter-vragen-stellen", group);
      const version = await leerlijnVersionId(db);
      const training = async (code: string) =>
        (await db.selectFrom("trainings").select("id").where("leerlijn_version_id", "=", version).where("code", "=", code).executeTakeFirstOrThrow()).id;
      const from = await training("grenzen-stellen");
      targetId = await training("beter-vragen-stellen");
      choiceId = (
        await db
          .selectFrom("training_choices")
          .select("id")
          .where("participant_id", "=", group.participants[0].id)
          .where("training_id", "=", from)
          .executeTakeFirstOrThrow()
      ).id;
    });
  });

  it("to a training they already have (without JavaScript): that choice of training is marked and linked", async () => {
    await withPage(async (p) => {
      await p.login(group.trainer.email, group.trainer.password);
      await p.visit(`/groepen/${group.id}/trainingen`);
      const select = p.page.locator(`#move-${choiceId}`);
      await select.selectOption(String(targetId));
      await send(p, p.page.locator("form", { has: select }).getByRole("button", { name: nl["trainings.staff.move"] }), false);
      await expectLinked(p, p.page.locator(`#move-${choiceId}`), nl["trainings.alreadyChosenFor"]);
      await p.afterNavigation();
    }, NO_JS);
  });
});
