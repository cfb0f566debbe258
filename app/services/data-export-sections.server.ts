/**
 * The sections of "Download my data" and the shape of the export, shared by the collector
 * (data-export.server.ts) and its PDF (pdf/data-export-pdf.server.ts): the PDF takes its types
 * from here, so the two modules do not import each other.
 */

export const EXPORT_SECTIONS = [
  "account",
  "sessions",
  "invitations",
  "login_attempts",
  "enrolments",
  "intervisie_groups",
  "attendance",
  "absence_reports",
  "check_ins",
  "intervisie_meetings",
  "intervisie_reflections",
  "pop",
  "pop_versions",
  "pop_events",
  "pop_comments",
  "gop_contributions",
  "gop_events",
  "training_choices",
  "placement",
  "practice_entries",
  "supervisor_links",
  "assignment_answers",
  "interviews",
  "objections",
  "certificates",
  "pool_profile",
  "pool_profile_choices",
  "pool_invitations",
  "alumni_intervisie_requests",
  "audit_log",
] as const;
export type ExportSection = (typeof EXPORT_SECTIONS)[number];

export interface ExportSectionData {
  uitleg: string;
  rows: Record<string, unknown>[];
}

export interface DataExport {
  format: "leerlijn-gegevens/1";
  created_at: string;
  participant: { id: number; name: string };
  uitleg: string;
  sections: Record<ExportSection, ExportSectionData>;
}
