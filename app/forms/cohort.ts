import { z } from "zod";
import { dateField, idField, idListField, nameField } from "./fields";

export const cohortSchema = z
  .object({
    name: nameField,
    startDate: dateField,
    endDate: dateField,
    leerlijnVersionId: idField,
    trainerIds: idListField,
  })
  .refine((v) => v.endDate > v.startDate, { error: "cohort.endBeforeStart", path: ["endDate"] });

export const enrolSchema = z.object({ participantId: idField });
