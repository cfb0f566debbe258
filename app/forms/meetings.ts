import { z } from "zod";
import { parseProgramme } from "../rules/programme";
import { dateField, idField, idListField, tooLong, tooLongMessage } from "./fields";

const time = z.string({ error: "session.timeInvalid" }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "session.timeInvalid" });
const optionalText = (max: number) =>
  z
    .string()
    .max(max, tooLong)
    .optional()
    .transform((v) => (v && v.trim() !== "" ? v.trim() : null));
const optionalId = z
  .union([z.literal(""), idField])
  .optional()
  .transform((v) => (typeof v === "number" ? v : null));

export const MEETING_TYPE_CODES = ["les", "training", "intervisie"] as const;
/** How a meeting is held (issue 29 point 3): in a room, on a video call, or both. */
export const MEETING_MODE_CODES = ["in_person", "online", "hybrid"] as const;
/** For a hybrid meeting: how one person took part. */
export const PARTICIPATION_CODES = ["in_person", "online"] as const;

/**
 * The fields a single meeting and a series (forms/series.ts) share: what, when in the day, where,
 * who, the programme and the oefenopdracht.
 */
export const meetingFields = {
  type: z.enum(MEETING_TYPE_CODES, { error: "session.typeInvalid" }),
  title: z.string({ error: "form.required" }).trim().min(1, { error: "form.required" }).max(160, tooLong),
  startTime: time,
  endTime: time,
  /** absent (an older form): a new meeting is in person, a changed one keeps its own */
  mode: z.enum(MEETING_MODE_CODES, { error: "session.modeInvalid" }).optional(),
  location: optionalText(200),
  onlineUrl: z
    .string()
    .trim()
    .max(500, tooLong)
    .optional()
    .refine((v) => !v || /^https:\/\/[^\s]+$/.test(v), { error: "session.urlInvalid" })
    .transform((v) => (v ? v : null)),
  trainerIds: idListField,
  trainingId: optionalId,
  intervisieGroupId: optionalId,
  programme: z
    .string()
    .max(4000, tooLong)
    .optional()
    .transform((v, ctx) => {
      const parsed = parseProgramme(v ?? "");
      if (!parsed.ok) {
        ctx.addIssue({ code: "custom", message: "session.programmeInvalid" });
        return z.NEVER;
      }
      return parsed.blocks;
    }),
  assignment: optionalText(4000),
  /**
   * The lesson plan the meeting is planned from (issue 29 point 7), as "<code>:<dagdeel from 1>";
   * empty or absent: none. The service checks that the cohort's leerlijn version has it.
   */
  lessonPlan: z
    .string()
    .max(100, tooLong)
    .optional()
    .transform((v, ctx) => {
      if (!v || v.trim() === "") return null;
      const m = /^([a-z0-9-]+):([1-9]\d?)$/.exec(v.trim());
      if (!m) {
        ctx.addIssue({ code: "custom", message: "lessonPlan.invalid" });
        return z.NEVER;
      }
      return { code: m[1], dagdeel: Number(m[2]) };
    }),
};

export const meetingSchema = z
  .object({
    ...meetingFields,
    date: dateField,
    assignmentDue: z
      .union([z.literal(""), dateField])
      .optional()
      .transform((v) => (v ? v : null)),
  })
  .refine((v) => !v.assignmentDue || v.assignmentDue >= v.date, { error: "session.assignmentDueBeforeDate", path: ["assignmentDue"] })
  .refine((v) => v.endTime > v.startTime, { error: "session.endBeforeStart", path: ["endTime"] })
  .refine((v) => v.type !== "training" || v.trainingId !== null, { error: "session.trainingRequired", path: ["trainingId"] })
  .refine((v) => v.type !== "intervisie" || v.intervisieGroupId !== null, { error: "session.groupRequired", path: ["intervisieGroupId"] });

export const cancelSchema = z.object({
  reason: z.string().max(300, tooLong).optional(),
});

export const ATTENDANCE_CODES = ["aanwezig", "te_laat", "afgemeld", "afwezig"] as const;

/**
 * The attendance list: per participant p the fields status-p, minutes-p, active-p, note-p,
 * plus the revision the list was loaded with. Errors point at the field that is wrong.
 */
export const attendanceSchema = z
  .looseObject({
    revision: z.coerce.number({ error: "form.invalid" }).int().min(0),
    /** the ids on the list, comma-separated in one hidden field */
    participantIds: z
      .string({ error: "form.invalid" })
      .transform((v) => (v.trim() === "" ? [] : v.split(",").map(Number)))
      .pipe(z.array(z.number({ error: "form.invalid" }).int({ error: "form.invalid" }).positive({ error: "form.invalid" }))),
  })
  .transform((v, ctx) => {
    const raw = v as Record<string, unknown>;
    const rows = v.participantIds.map((id) => {
      const status = raw[`status-${id}`];
      const minutesText = raw[`minutes-${id}`];
      const activeRaw = raw[`active-${id}`];
      const note = raw[`note-${id}`];
      const mode = raw[`mode-${id}`];
      if (mode !== undefined && mode !== "" && !(PARTICIPATION_CODES as readonly unknown[]).includes(mode)) {
        ctx.addIssue({ code: "custom", message: "attendance.participationInvalid", path: [`mode-${id}`] });
      }
      if (typeof status !== "string" || !(ATTENDANCE_CODES as readonly string[]).includes(status)) {
        ctx.addIssue({ code: "custom", message: "attendance.statusInvalid", path: [`status-${id}`] });
      }
      const minutes = minutesText === undefined || minutesText === "" ? 0 : Number(minutesText);
      if (!Number.isInteger(minutes) || minutes < 0 || minutes > 600) {
        ctx.addIssue({ code: "custom", message: "attendance.minutesInvalid", path: [`minutes-${id}`] });
      }
      if (typeof note === "string" && note.length > 300) {
        ctx.addIssue({ code: "custom", message: tooLongMessage(300), path: [`note-${id}`] });
      }
      return {
        participantId: id,
        status: status as (typeof ATTENDANCE_CODES)[number],
        minutesMissed: status === "te_laat" && Number.isInteger(minutes) ? minutes : 0,
        active: activeRaw === true || activeRaw === "on" || activeRaw === "1" || (Array.isArray(activeRaw) && activeRaw.length > 0),
        note: typeof note === "string" && note.trim() !== "" ? note.trim() : null,
        /** only on the list of a hybrid meeting; the service ignores it for other meetings */
        mode: mode === "online" || mode === "in_person" ? (mode as (typeof PARTICIPATION_CODES)[number]) : null,
      };
    });
    return { revision: v.revision, rows };
  });

export const makeupSchema = z.object({
  participantId: idField,
  description: z.string({ error: "form.required" }).trim().min(1, { error: "form.required" }).max(1000, tooLong),
});

export const participantRefSchema = z.object({ participantId: idField });

export const groupSchema = z.object({
  groupId: optionalId,
  name: z.string({ error: "form.required" }).trim().min(1, { error: "form.required" }).max(80, tooLong),
  memberIds: idListField,
});

export const intervisieReportSchema = z
  .object({
    method: z.string({ error: "form.choice.invalid" }).min(1, { error: "form.choice.invalid" }),
    methodOther: optionalText(120),
    inbrengerId: optionalId,
    theme: z.string({ error: "form.required" }).trim().min(1, { error: "form.required" }).max(160, tooLong),
    learningPoints: z.string({ error: "form.required" }).trim().min(1, { error: "form.required" }).max(2000, tooLong),
  })
  .refine((v) => v.method !== "anders" || v.methodOther !== null, { error: "intervisie.methodOtherRequired", path: ["methodOther"] });

export const reflectionSchema = z.object({
  text: z.string({ error: "form.required" }).trim().min(1, { error: "form.required" }).max(4000, tooLong),
});
