import PDFDocument from "pdfkit";
import type { MessageKey } from "../../i18n/nl";
import { formatDate, formatNumber, formatTime, isMessageKey, translate, type Lang, type Params } from "../../i18n/translate";
import { LEERDOEL_FIELDS, type Leerdoel } from "../../rules/pop";
import type { DataExport, ExportSection } from "../data-export-sections.server";
import { registerFonts } from "./fonts.server";

type Row = Record<string, unknown>;

const str = (v: unknown): string =>
  v === null || v === undefined ? "" : typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : JSON.stringify(v);

/**
 * gegevens.pdf: the same data as gegevens.json, for reading. Per section a heading, the short
 * explanation and one line per row; the newest POP version in full.
 */
export function renderDataExportPdf(data: DataExport, lang: Lang, printedAt: Date, competencyTitles: Map<string, string> = new Map()): Promise<Buffer> {
  const t = (key: MessageKey, params?: Params) => translate(lang, key, params);
  /** A code shown through the dictionary when it has a text there, else as it is. */
  const label = (prefix: string, code: unknown): string => {
    const key = `${prefix}${str(code)}`;
    return isMessageKey(key) ? t(key) : str(code);
  };
  const date = (v: unknown) => (v ? formatDate(lang, str(v)) : "–");
  const dateTime = (v: unknown) => (v ? `${formatDate(lang, str(v))} ${formatTime(lang, str(v))}` : "–");
  const who = (v: unknown) => str(v) || t("export.pdf.unknownPerson");

  const doc = new PDFDocument({
    size: "A4",
    margins: { top: 56, bottom: 56, left: 56, right: 56 },
    info: { Title: t("export.pdf.title", { name: data.participant.name }), Author: data.participant.name, CreationDate: printedAt },
    lang,
  });
  registerFonts(doc);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));

  const heading = (text: string, size = 14) => doc.moveDown(0.8).font("bold").fontSize(size).fillColor("#00606b").text(text).fillColor("#1d2527");
  const small = (text: string) => doc.font("body").fontSize(9).fillColor("#4a5457").text(text, { lineGap: 1 }).fillColor("#1d2527");
  const line = (text: string) => doc.font("body").fontSize(10).text(`• ${text}`, { lineGap: 1.5, indent: 0 });
  const sub = (text: string) => doc.font("body").fontSize(9.5).text(text, { lineGap: 1.5, indent: 12 });

  doc
    .font("bold")
    .fontSize(20)
    .fillColor("#1d2527")
    .text(t("export.pdf.title", { name: data.participant.name }));
  doc
    .font("body")
    .fontSize(10)
    .fillColor("#4a5457")
    .text(t("export.pdf.made", { date: dateTime(data.created_at) }))
    .fillColor("#1d2527");
  doc.moveDown(0.5).font("body").fontSize(11).text(data.uitleg, { lineGap: 2 });

  const lines: Record<ExportSection, (r: Row) => void> = {
    account: (r) => line(t("export.line.account", { name: str(r.name), email: str(r.email), role: label("role.", r.role), date: date(r.created_at) })),
    sessions: (r) => line(t("export.line.sessions", { date: dateTime(r.created_at), last: dateTime(r.last_seen_at) })),
    invitations: (r) => line(t("export.line.invitations", { date: date(r.created_at), expires: date(r.expires_at), by: who(r.created_by) })),
    login_attempts: (r) => line(t(r.succeeded ? "export.line.loginOk" : "export.line.loginFailed", { date: dateTime(r.created_at) })),
    enrolments: (r) => {
      line(t("export.line.enrolments", { cohort: str(r.cohort), start: date(r.start_date), end: date(r.end_date) }));
      if (r.left_on)
        sub(t("export.line.left", { date: date(r.left_on), reason: label("outflow.reason.", r.left_reason) }) + (r.left_note ? ` ${str(r.left_note)}` : ""));
    },
    intervisie_groups: (r) => line(`${str(r.group)} (${str(r.cohort)})`),
    attendance: (r) => {
      line(`${date(r.date)} · ${label("sessionType.", r.type)} · ${str(r.title)}: ${label("attendanceStatus.", r.status)}`);
      if (r.makeup_status) sub(t("export.line.makeup", { text: str(r.makeup_description) }));
    },
    absence_reports: (r) => {
      line(`${date(r.date)} · ${label("sessionType.", r.type)} · ${str(r.title)}: ${label("attendanceStatus.", "afgemeld")}`);
      if (r.reason) sub(str(r.reason));
    },
    pool_profile: (r) => {
      line(
        t("export.line.poolProfile", {
          hours: str(r.hours_per_week),
          from: date(r.available_from),
          until: date(r.available_until),
          state: r.paused_at ? t("export.line.poolPaused", { date: date(r.paused_at) }) : t("export.line.poolActive"),
        }),
      );
      sub(str(r.experience));
      sub([r.contact_phone, r.contact_email].filter(Boolean).map(str).join(" · "));
    },
    alumni_intervisie_requests: (r) =>
      line(t("export.line.alumniRequest", { group: str(r.group), date: date(r.requested_at), status: label("alumniIntervisie.status.", r.status) })),
    pool_profile_choices: (r) => line(`${label("export.poolKind.", r.kind)}: ${label(`pool.${str(r.kind)}.`, r.code)}`),
    pool_invitations: (r) => {
      line(
        t("export.line.poolInvitation", {
          team: str(r.buurtteam),
          theme: label("pool.theme.", r.theme),
          date: date(r.invited_at),
          status: label("export.poolInvitation.", r.status),
        }),
      );
      sub(str(r.description));
    },
    check_ins: (r) => line(`${date(r.date)} · ${label("sessionType.", r.type)} · ${str(r.title)}: ${dateTime(r.checked_in_at)}`),
    intervisie_meetings: (r) => {
      line(t("export.line.intervisieMeeting", { date: date(r.date), theme: str(r.theme) }));
      if (r.learning_points) sub(str(r.learning_points));
    },
    intervisie_reflections: (r) => {
      line(`${date(r.date)} · ${str(r.title)}`);
      sub(str(r.text));
    },
    pop: (r) =>
      line(
        t("export.line.pop", {
          status: label("pop.status.", r.status),
          version: str(r.current_version),
          consent: r.story_consent_at ? t("export.line.consentYes", { date: date(r.story_consent_at) }) : t("export.line.consentNo"),
        }),
      ),
    pop_versions: (r) => line(t("export.line.popVersion", { number: str(r.number), date: dateTime(r.created_at), by: who(r.author) })),
    pop_events: (r) => line(`${dateTime(r.at)}: ${label("export.action.", r.action)} (${t("pop.version", { number: str(r.version_number) })}) · ${who(r.by)}`),
    pop_comments: (r) => {
      line(`${dateTime(r.created_at)} · ${who(r.author)}`);
      sub(str(r.text));
    },
    gop_contributions: (r) =>
      line(
        t("export.line.gop", {
          date: dateTime(r.created_at),
          cohort: str(r.cohort),
          version: str(r.version_number),
          sections: (r.changed_sections as string[]).map((s) => label("gop.section.", s)).join(", "),
        }),
      ),
    gop_events: (r) =>
      line(`${dateTime(r.at)} · ${str(r.cohort)}: ${label("export.action.", r.action)} (${t("pop.version", { number: str(r.version_number) })})`),
    training_choices: (r) =>
      line(`${str(r.training)} (${formatNumber(lang, Number(r.hours))} ${t("export.line.hours")}): ${label("trainings.status.", r.status)}`),
    placement: (r) =>
      line(
        t("export.line.placement", {
          organisation: [r.organisation, r.team].filter(Boolean).map(str).join(", "),
          supervisor: str(r.supervisor_name),
          email: str(r.supervisor_email),
        }),
      ),
    practice_entries: (r) => {
      line(
        `${date(r.date)} · ${formatNumber(lang, Number(r.minutes) / 60)} ${t("export.line.hours")} · ${str(r.activity)}: ${label("practice.status.", r.status)}`,
      );
      sub(str(r.description));
      if (r.reflection) sub(str(r.reflection));
    },
    supervisor_links: (r) => line(t("export.line.link", { name: str(r.supervisor_name), date: date(r.created_at), expires: date(r.expires_at) })),
    assignment_answers: (r) => {
      line(`${date(r.date)} · ${str(r.title)}`);
      sub(str(r.text));
      if (r.feedback) sub(t("export.line.feedback", { text: str(r.feedback), by: who(r.feedback_by) }));
    },
    interviews: (r) => {
      line(
        t("export.line.interview", {
          date: date(r.date),
          time: str(r.start_time),
          outcome: r.outcome ? label("interview.outcome.", r.outcome) : t("export.line.noOutcome"),
        }),
      );
      const assessors = (r.assessors as { name: string | null }[]).map((a) => who(a.name));
      if (assessors.length) sub(t("export.line.assessors", { names: assessors.join(", ") }));
      if (r.motivation) sub(str(r.motivation));
    },
    objections: (r) => {
      line(`${dateTime(r.lodged_at)}: ${str(r.text)}`);
      if (r.resolution) sub(t("export.line.resolution", { text: str(r.resolution) }));
    },
    certificates: (r) =>
      line(
        t(r.revoked_at ? "export.line.certificateRevoked" : "export.line.certificate", {
          number: str(r.number),
          date: date(r.issued_at),
          file: str(r.pdf_file),
        }),
      ),
    audit_log: (r) => line(`${dateTime(r.at)} · ${str(r.action)} · ${str(r.outcome)} · ${who(r.by)}`),
  };

  for (const [key, section] of Object.entries(data.sections) as [ExportSection, DataExport["sections"][ExportSection]][]) {
    heading(t(`export.section.${key}`));
    small(section.uitleg);
    doc.moveDown(0.3);
    if (section.rows.length === 0) {
      doc.font("body").fontSize(10).text(t("export.pdf.none"));
      continue;
    }
    for (const row of section.rows) lines[key](row);
    // The newest POP version in full, so the plan itself is readable here too.
    if (key === "pop_versions") {
      const newest = section.rows[section.rows.length - 1].content as {
        wieBenIk?: string;
        sterkeKanten?: string;
        ontwikkelpunten?: string;
        leerdoelen?: Leerdoel[];
      } | null;
      if (newest) {
        heading(t("export.pdf.popNewest"), 12);
        for (const [k, text] of [
          ["pop.wieBenIk", newest.wieBenIk],
          ["pop.sterkeKanten", newest.sterkeKanten],
          ["pop.ontwikkelpunten", newest.ontwikkelpunten],
        ] as const) {
          if (!text) continue;
          doc.moveDown(0.2).font("bold").fontSize(10).text(t(k));
          doc.font("body").fontSize(10).text(text, { lineGap: 1.5 });
        }
        (newest.leerdoelen ?? []).forEach((l, i) => {
          doc
            .moveDown(0.3)
            .font("bold")
            .fontSize(10)
            .text(t("pop.leerdoel", { number: i + 1 }));
          for (const f of LEERDOEL_FIELDS)
            if (l[f])
              doc
                .font("body")
                .fontSize(10)
                .text(`${t(`pop.field.${f}`)}: ${f === "competentie" ? (competencyTitles.get(l[f]) ?? l[f]) : l[f]}`, { lineGap: 1.5 });
        });
      }
    }
  }
  doc.end();
  return done;
}
