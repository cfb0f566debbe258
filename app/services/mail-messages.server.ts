import type { MessageKey } from "../i18n/nl";
import { translate, type Lang, type Params } from "../i18n/translate";

/**
 * The shape of every e-mail the app sends (issue 28, point 3): a greeting, a few short
 * paragraphs, one clear action link, and a calm closing. Plain text and a simple HTML version
 * with the same words, all from the dictionary. No sensitive content: the pattern is "there is
 * something for you, log in to see it".
 */
export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

export interface MailLayout {
  lang: Lang;
  subject: MessageKey;
  /** The recipient's name for the greeting, when known. */
  name?: string | null;
  /** Paragraphs before the action link (keys with their values). */
  before: { key: MessageKey; params?: Params }[];
  action: { label: MessageKey; url: string };
  /** Paragraphs after the action link. */
  after?: { key: MessageKey; params?: Params }[];
  params?: Params;
  /** An optional message's one-click unsubscribe link: a short line at the bottom. */
  unsubscribeUrl?: string | null;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function renderMail(layout: MailLayout): MailContent {
  const t = (key: MessageKey, params?: Params) => translate(layout.lang, key, { ...layout.params, ...params });
  const greeting = layout.name ? t("mail.greeting.name", { name: layout.name }) : t("mail.greeting");
  const before = layout.before.map((p) => t(p.key, p.params));
  const after = (layout.after ?? []).map((p) => t(p.key, p.params));
  const label = t(layout.action.label);
  const closing = t("mail.closing");
  const signature = t("app.name");
  const unsubscribe = layout.unsubscribeUrl ? { line: t("mail.unsubscribe"), url: layout.unsubscribeUrl } : null;
  const footer = unsubscribe ? [`${unsubscribe.line}\n${unsubscribe.url}`] : [];
  const text = [greeting, ...before, `${label}:\n${layout.action.url}`, ...after, `${closing}\n${signature}`, ...footer].join("\n\n") + "\n";
  const para = (s: string) => `<p style="margin:0 0 16px">${escapeHtml(s)}</p>`;
  const html =
    `<!doctype html><html lang="${layout.lang}"><head><meta charset="utf-8"><title>${escapeHtml(t(layout.subject))}</title></head>` +
    `<body style="font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:36em;margin:0 auto;padding:16px">` +
    para(greeting) +
    before.map(para).join("") +
    `<p style="margin:24px 0"><a href="${escapeHtml(layout.action.url)}" style="display:inline-block;background:#1d4f91;color:#ffffff;padding:12px 20px;border-radius:4px;text-decoration:none;font-weight:bold">${escapeHtml(label)}</a></p>` +
    `<p style="margin:0 0 16px;font-size:14px">${escapeHtml(t("mail.linkFallback"))}<br><a href="${escapeHtml(layout.action.url)}">${escapeHtml(layout.action.url)}</a></p>` +
    after.map(para).join("") +
    `<p style="margin:0 0 16px">${escapeHtml(closing)}<br>${escapeHtml(signature)}</p>` +
    (unsubscribe
      ? `<p style="margin:32px 0 0;font-size:13px;color:#555555">${escapeHtml(unsubscribe.line)}<br><a href="${escapeHtml(unsubscribe.url)}" style="color:#555555">${escapeHtml(unsubscribe.url)}</a></p>`
      : "") +
    `</body></html>`;
  return { subject: t(layout.subject), text, html };
}

/** The invitation to choose a password (also a new invitation when re-invited). */
export function invitationMail(input: { lang: Lang; name: string; link: string; days: number; again: boolean }): MailContent {
  return renderMail({
    lang: input.lang,
    subject: input.again ? "mail.invitation.subjectAgain" : "mail.invitation.subject",
    name: input.name,
    before: [{ key: input.again ? "mail.invitation.introAgain" : "mail.invitation.intro" }, { key: "mail.invitation.what" }],
    action: { label: "mail.invitation.action", url: input.link },
    after: [{ key: "mail.invitation.validity", params: { days: input.days } }, { key: "mail.invitation.notExpected" }],
  });
}
