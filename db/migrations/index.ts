import type { Migration } from "kysely";
import * as m0001 from "./0001_init";
import * as m0002 from "./0002_sessions_attendance";
import * as m0003 from "./0003_pop";
import * as m0004 from "./0004_gop";
import * as m0005 from "./0005_practice";
import * as m0006 from "./0006_outflow";
import * as m0007 from "./0007_interview_certificate";
import * as m0008 from "./0008_privacy";
import * as m0009 from "./0009_account";
import * as m0010 from "./0010_rate_limits";
import * as m0011 from "./0011_progress_versions";
import * as m0012 from "./0012_indexes";
import * as m0013 from "./0013_indexes";
import * as m0014 from "./0014_revoke_after_correction";
import * as m0015 from "./0015_certificate_name_audit_redaction";
import * as m0016 from "./0016_audit_traces";
import * as m0017 from "./0017_practice_revision";
import * as m0018 from "./0018_totp_recovery_codes";
import * as m0019 from "./0019_interview_order_index";
import * as m0020 from "./0020_kept_forms";
import * as m0021 from "./0021_overview_epoch";
import * as m0022 from "./0022_kept_form_intent";
import * as m0023 from "./0023_outbox";
import * as m0024 from "./0024_calendar_feed";
import * as m0025 from "./0025_password_resets";
import * as m0026 from "./0026_mail_preferences";
import * as m0029 from "./0029_absence_ahead_hybrid";
import * as m0030 from "./0030_series_evaluations";
import * as m0031 from "./0031_check_ins";
import * as m0033 from "./0033_re_enrolment";
import * as m0034 from "./0034_meeting_lesson_plan";
import * as m0035 from "./0035_open_badges";
import * as m0036 from "./0036_pool_profiles";
import * as m0037 from "./0037_credential_name_choice";
import * as m0038 from "./0038_pool_requests";
import * as m0039 from "./0039_alumni_intervisie";
import * as m0040 from "./0040_audit_action_index";

/** Every migration, in order. A static list so the bundled server and scripts see the same set. */
export const migrations: Record<string, Migration> = {
  "0001_init": m0001,
  "0002_sessions_attendance": m0002,
  "0003_pop": m0003,
  "0004_gop": m0004,
  "0005_practice": m0005,
  "0006_outflow": m0006,
  "0007_interview_certificate": m0007,
  "0008_privacy": m0008,
  "0009_account": m0009,
  "0010_rate_limits": m0010,
  "0011_progress_versions": m0011,
  "0012_indexes": m0012,
  "0013_indexes": m0013,
  "0014_revoke_after_correction": m0014,
  "0015_certificate_name_audit_redaction": m0015,
  "0016_audit_traces": m0016,
  "0017_practice_revision": m0017,
  "0018_totp_recovery_codes": m0018,
  "0019_interview_order_index": m0019,
  "0020_kept_forms": m0020,
  "0021_overview_epoch": m0021,
  "0022_kept_form_intent": m0022,
  "0023_outbox": m0023,
  "0024_calendar_feed": m0024,
  "0025_password_resets": m0025,
  "0026_mail_preferences": m0026,
  "0029_absence_ahead_hybrid": m0029,
  "0030_series_evaluations": m0030,
  "0031_check_ins": m0031,
  "0033_re_enrolment": m0033,
  "0034_meeting_lesson_plan": m0034,
  "0035_open_badges": m0035,
  "0036_pool_profiles": m0036,
  "0037_credential_name_choice": m0037,
  "0038_pool_requests": m0038,
  "0039_alumni_intervisie": m0039,
  "0040_audit_action_index": m0040,
};
