import { z } from "zod";
import { dateField, idField, tooLong } from "./fields";
import { STADSDELEN } from "./pool";

/*
 * City-wide intervisie for alumni (issue 31 point 4, decision 025): the same schemas in the
 * browser and on the server.
 */

/** The most members a city-wide group can have (the domain's 4–8). */
export const ALUMNI_GROUP_MAX = 8;
export const ALUMNI_GROUP_MIN = 4;

const time = z.string({ error: "session.timeInvalid" }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "session.timeInvalid" });

/** The coordinator makes a group: name, facilitator (a trainer), place and stadsdeel, number of places. */
export const alumniGroupSchema = z.object({
  name: z.string({ error: "form.required" }).trim().min(1, { error: "form.required" }).max(120, tooLong),
  facilitatorId: idField,
  place: z.string({ error: "form.required" }).trim().min(1, { error: "form.required" }).max(200, tooLong),
  stadsdeel: z.enum(STADSDELEN, { error: "form.choice.invalid" }),
  maxMembers: z.coerce
    .number({ error: "alumniIntervisie.maxInvalid" })
    .int({ error: "alumniIntervisie.maxInvalid" })
    .min(ALUMNI_GROUP_MIN, { error: "alumniIntervisie.maxInvalid" })
    .max(ALUMNI_GROUP_MAX, { error: "alumniIntervisie.maxInvalid" }),
});
export type AlumniGroupInput = z.infer<typeof alumniGroupSchema>;

/** The coordinator decides on a request, or removes a member. */
export const alumniDecisionSchema = z.object({ requestId: idField });
export const alumniRemoveSchema = z.object({ participantId: idField });

/** An alum asks to join a group, or withdraws the request. */
export const alumniJoinSchema = z.object({ groupId: idField });

/** The facilitator plans a meeting of the group. */
export const alumniMeetingSchema = z
  .object({
    title: z.string({ error: "form.required" }).trim().min(1, { error: "form.required" }).max(160, tooLong),
    date: dateField,
    startTime: time,
    endTime: time,
    location: z
      .string()
      .max(200, tooLong)
      .optional()
      .transform((v) => (v && v.trim() !== "" ? v.trim() : null)),
  })
  .refine((v) => v.endTime > v.startTime, { error: "session.endBeforeStart", path: ["endTime"] });
export type AlumniMeetingInput = z.infer<typeof alumniMeetingSchema>;
