import type { DB } from "../../db/connect";
import { formatDate, translate, type Lang } from "../i18n/translate";
import type { MailLayout } from "./mail-messages.server";
import { notifyUser, userLang, type MailType } from "./notify.server";

/**
 * The messages about a person's own work and their interview and certificate (issue 28, point 3):
 * a POP or GOP returned or approved, practice entries decided, feedback on an oefenopdracht, an
 * interview planned, a certificate issued. Each builder returns the words for notifyUser: what
 * happened, in general terms, and one link to the page where the person sees it. Never the plan's
 * text, the reflection, the answer, a comment or feedback, or another participant's name: the
 * pattern is "there is something for you, log in to see it".
 *
 * The services that cause these messages queue them in their own transaction when they are given
 * the app's address (`baseUrl`); without it (scripts, fixtures) no mail.
 */
export type UpdateLayout = Omit<MailLayout, "lang" | "name">;

/** What the services that send these messages take as an option. */
export interface UpdateMailOptions {
  /** The app's public address (publicBaseUrl(request)). Without it no mail is queued. */
  baseUrl?: string | null;
}

/** A link to a page of the app. */
export function appLink(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, "")}${path}`;
}

/** The pages where the person sees what a message is about. */
export const UPDATE_PAGES = {
  pop: "/deelnemer/pop",
  gop: (cohortId: number) => `/groepen/${cohortId}/gop`,
  practice: "/deelnemer/praktijk",
  assignment: (meetingId: number) => `/deelnemer/opdrachten/${meetingId}`,
  ownInterview: "/deelnemer/eindgesprek",
  assessorInterview: (interviewId: number) => `/eindgesprekken/${interviewId}`,
  /** An assessor can be an examiner, coordinator or trainer: their own home lists their interviews. */
  assessorInterviews: "/",
  certificate: "/deelnemer",
} as const;

const LOGIN = { key: "mail.updates.logIn" } as const;

export function popDecisionMail(baseUrl: string, decision: "approve" | "return"): UpdateLayout {
  const returned = decision === "return";
  return {
    subject: returned ? "mail.updates.popReturned.subject" : "mail.updates.popApproved.subject",
    before: [{ key: returned ? "mail.updates.popReturned.intro" : "mail.updates.popApproved.intro" }, LOGIN],
    action: { label: "mail.updates.pop.action", url: appLink(baseUrl, UPDATE_PAGES.pop) },
    after: returned ? [{ key: "mail.updates.popReturned.next" }] : [],
  };
}

export function gopDecisionMail(baseUrl: string, cohortId: number, decision: "approve" | "return"): UpdateLayout {
  const returned = decision === "return";
  return {
    subject: returned ? "mail.updates.gopReturned.subject" : "mail.updates.gopApproved.subject",
    before: [{ key: returned ? "mail.updates.gopReturned.intro" : "mail.updates.gopApproved.intro" }, LOGIN],
    action: { label: "mail.updates.gop.action", url: appLink(baseUrl, UPDATE_PAGES.gop(cohortId)) },
    after: returned ? [{ key: "mail.updates.gopReturned.next" }] : [],
  };
}

export type PracticeDecider = "trainer" | "coordinator" | "werkbegeleider";

/** One message for one set of decisions: all confirmed, or (some) not confirmed. */
export function practiceDecisionMail(baseUrl: string, lang: Lang, input: { by: PracticeDecider; signed: number; rejected: number }): UpdateLayout {
  const who = translate(lang, `mail.updates.practice.by.${input.by}`);
  const rejected = input.rejected > 0;
  return {
    subject: rejected ? "mail.updates.practiceRejected.subject" : "mail.updates.practiceSigned.subject",
    before: [
      { key: rejected ? "mail.updates.practiceRejected.intro" : "mail.updates.practiceSigned.intro", params: { who, count: input.signed + input.rejected } },
      ...(rejected ? [{ key: "mail.updates.practiceRejected.next" } as const] : [LOGIN]),
    ],
    action: { label: "mail.updates.practice.action", url: appLink(baseUrl, UPDATE_PAGES.practice) },
  };
}

export function assignmentFeedbackMail(baseUrl: string, meetingId: number): UpdateLayout {
  return {
    subject: "mail.updates.assignmentFeedback.subject",
    before: [{ key: "mail.updates.assignmentFeedback.intro" }, LOGIN],
    action: { label: "mail.updates.assignmentFeedback.action", url: appLink(baseUrl, UPDATE_PAGES.assignment(meetingId)) },
  };
}

/**
 * An interview planned (or moved: `changed`), to the participant or to an assessor. The day and
 * time are in the message; the place and, for an assessor, who it is about, only behind the login.
 */
export function interviewPlannedMail(
  baseUrl: string,
  lang: Lang,
  input: { role: "participant" | "assessor"; interviewId: number; date: string; startTime: string; changed: boolean },
): UpdateLayout {
  const params = { date: formatDate(lang, input.date), time: input.startTime };
  if (input.role === "participant")
    return {
      subject: input.changed ? "mail.updates.interview.changed.subject" : "mail.updates.interview.planned.subject",
      before: [{ key: input.changed ? "mail.updates.interview.changed.intro" : "mail.updates.interview.planned.intro", params }],
      action: { label: "mail.updates.interview.action", url: appLink(baseUrl, UPDATE_PAGES.ownInterview) },
      after: [{ key: "mail.updates.interview.more" }],
    };
  return {
    subject: input.changed ? "mail.updates.interview.assessorChanged.subject" : "mail.updates.interview.assessor.subject",
    before: [{ key: input.changed ? "mail.updates.interview.assessorChanged.intro" : "mail.updates.interview.assessor.intro", params }],
    action: { label: "mail.updates.interview.assessorAction", url: appLink(baseUrl, UPDATE_PAGES.assessorInterview(input.interviewId)) },
    after: [{ key: "mail.updates.interview.assessorMore" }],
  };
}

/**
 * An interview that no longer goes ahead for this person: cancelled (participant and assessors), or
 * an assessor taken off its panel. The day and time only; never the coordinator's reason.
 */
export function interviewCancelledMail(
  baseUrl: string,
  lang: Lang,
  input: { role: "participant" | "assessor"; date: string; startTime: string; removed?: boolean },
): UpdateLayout {
  const params = { date: formatDate(lang, input.date), time: input.startTime };
  if (input.role === "participant")
    return {
      subject: "mail.updates.interview.cancelled.subject",
      before: [{ key: "mail.updates.interview.cancelled.intro", params }, { key: "mail.updates.interview.cancelled.next" }],
      action: { label: "mail.updates.interview.action", url: appLink(baseUrl, UPDATE_PAGES.ownInterview) },
    };
  return {
    subject: input.removed ? "mail.updates.interview.assessorRemoved.subject" : "mail.updates.interview.assessorCancelled.subject",
    before: [{ key: input.removed ? "mail.updates.interview.assessorRemoved.intro" : "mail.updates.interview.assessorCancelled.intro", params }],
    action: { label: "mail.updates.interview.assessorListAction", url: appLink(baseUrl, UPDATE_PAGES.assessorInterviews) },
  };
}

/** A certificate issued (or a replacement after a correction), with its public verification link. */
export function certificateIssuedMail(baseUrl: string, input: { verifyUrl: string; replaces: boolean }): UpdateLayout {
  return {
    subject: input.replaces ? "mail.updates.certificateReplaced.subject" : "mail.updates.certificate.subject",
    before: [{ key: input.replaces ? "mail.updates.certificateReplaced.intro" : "mail.updates.certificate.intro" }],
    action: { label: "mail.updates.certificate.action", url: appLink(baseUrl, UPDATE_PAGES.certificate) },
    after: [{ key: "mail.updates.certificate.verify", params: { url: input.verifyUrl } }],
  };
}

/**
 * Queues one message to each of these people (in the caller's transaction); `build` gets each
 * person's language. Returns whether anything was queued, so the caller knows to nudge the sender
 * after its commit.
 */
export async function notifyEach(
  trx: DB,
  input: {
    type: MailType;
    baseUrl: string;
    userIds: number[];
    dedupeKey: (userId: number) => string;
    build: (lang: Lang, userId: number) => UpdateLayout;
    now: Date;
  },
): Promise<boolean> {
  let queued = false;
  for (const userId of [...new Set(input.userIds)]) {
    const lang = await userLang(trx, userId);
    const notice = { type: input.type, userId, baseUrl: input.baseUrl, layout: input.build(lang, userId), dedupeKey: input.dedupeKey(userId) };
    if (await notifyUser(trx, notice, { now: input.now })) queued = true;
  }
  return queued;
}
