import { z } from "zod";
import { isCalendarDate } from "./dates";
import { DEFAULT_MAKEUP_ALLOWED, MEETING_TYPES, type MeetingType } from "./attendance";

/**
 * The shape of a leerlijn definition in templates/. Course content is data:
 * every threshold the rules use comes from here, never from a constant in code.
 */
const criterion = z.object({
  code: z.string().min(1),
  text: z.string().min(1),
});

const competency = z.object({
  code: z.string().min(1),
  title: z.string().min(1),
  description: z.string().default(""),
  criteria: z.array(criterion).min(1),
});

const training = z.object({
  code: z.string().min(1),
  title: z.string().min(1),
  description: z.string().default(""),
  hours: z.number().positive(),
  capacity: z.number().int().positive().nullable().default(null),
});

/**
 * A lesson plan in the Trimbos format (issue 29 point 7): dagdelen of timed blocks, each with a
 * work form, the exercises, an oefenopdracht and reading. A trainer starts a meeting from one.
 */
const lessonBlock = z.object({
  minutes: z.number().int().positive(),
  title: z.string().min(1),
  /** e.g. "uitleg", "oefening in tweetallen", "groepsgesprek" */
  workForm: z.string().min(1),
});

const lessonPlan = z
  .object({
    code: z.string().regex(/^[a-z0-9-]+$/),
    title: z.string().min(1),
    /** the meeting type it is meant for (les, training, intervisie) */
    meetingType: z.enum(MEETING_TYPES),
    goal: z.string().default(""),
    dagdelen: z
      .array(
        z.object({
          title: z.string().min(1),
          /** the length of this part of the day; its blocks must fit in it */
          minutes: z.number().int().positive(),
          blocks: z.array(lessonBlock).min(1),
        }),
      )
      .min(1),
    exercises: z.array(z.object({ title: z.string().min(1), description: z.string().min(1) })).default([]),
    assignment: z.string().default(""),
    reading: z.array(z.string().min(1)).default([]),
  })
  .superRefine((p, ctx) => {
    for (const [i, d] of p.dagdelen.entries()) {
      const total = d.blocks.reduce((sum, b) => sum + b.minutes, 0);
      if (total > d.minutes) ctx.addIssue({ code: "custom", path: ["dagdelen", i], message: `blocks take ${total} minutes, the dagdeel has ${d.minutes}` });
    }
  });

export const leerlijnRulesSchema = z
  .object({
    learningHoursTarget: z.number().positive(),
    practiceHoursTarget: z.number().positive(),
    minAttendanceRate: z.number().min(0).max(1),
    minIntervisieMeetings: z.number().int().min(0),
    electiveHoursMax: z.number().min(0),
    objectionDays: z.number().int().positive(),
    practiceLinkDays: z.number().int().positive(),
    interviewMinutes: z.number().int().positive(),
    popLeerdoelenMin: z.number().int().min(1),
    popLeerdoelenMax: z.number().int().min(1),
    /** "actieve aanwezigheid": present only counts with the active-participation mark */
    countOnlyActiveAttendance: z.boolean().default(true),
    /** does absence with notice (afgemeld) excuse a meeting, instead of counting as missed? default: no */
    absenceWithNoticeExcused: z.boolean().default(false),
    /**
     * Coming back after a break (issue 29, point 9): what someone who left a cohort brings into a
     * later one, if it is at most `months` old when the new enrolment starts. practiceHours: their
     * confirmed practice hours; attendanceHours: the learning hours credited for meetings they
     * attended; approvedPop: their approved POP stays approved. Default: nothing carries over.
     */
    carryOver: z
      .object({
        months: z.number().int().min(0),
        practiceHours: z.boolean().default(false),
        approvedPop: z.boolean().default(false),
        attendanceHours: z.boolean().default(false),
      })
      .default({ months: 0, practiceHours: false, approvedPop: false, attendanceHours: false }),
  })
  .refine((r) => r.popLeerdoelenMin <= r.popLeerdoelenMax, {
    message: "popLeerdoelenMin must not exceed popLeerdoelenMax",
  });

export const leerlijnTemplateSchema = z
  .object({
    slug: z.string().regex(/^[a-z0-9-]+$/),
    name: z.string().min(1),
    version: z.number().int().positive(),
    validFrom: z.string().refine(isCalendarDate),
    level: z.string().min(1),
    issuer: z.string().min(1),
    partners: z.array(z.string()).default([]),
    rules: leerlijnRulesSchema,
    sessionTypes: z
      .array(
        z.object({
          code: z.string().min(1),
          name: z.string().min(1),
          description: z.string(),
          /** does a make-up assignment replace attendance? default: yes, except for intervisie */
          makeupAllowed: z.boolean().optional(),
        }),
      )
      .min(1),
    trainings: z.array(training),
    competencies: z.array(competency).min(1),
    pop: z.object({
      sections: z.array(
        z.object({
          code: z.string(),
          title: z.string(),
          optional: z.boolean().default(false),
          consentRequired: z.boolean().default(false),
        }),
      ),
      leerdoelFields: z.array(z.string()),
    }),
    gop: z.object({ sections: z.array(z.object({ code: z.string(), title: z.string() })) }),
    intervisie: z
      .object({
        groupSizeMin: z.number().int().min(2),
        groupSizeMax: z.number().int().min(2),
        methods: z.array(z.object({ code: z.string().min(1), name: z.string().min(1) })).min(1),
        themes: z.array(z.string().min(1)),
      })
      .refine((v) => v.groupSizeMin <= v.groupSizeMax, { message: "groupSizeMin must not exceed groupSizeMax" }),
    /** Practice (werken): what a participant can log. Older definitions without it get these defaults. */
    practice: z
      .object({
        maxHoursPerDay: z.number().positive().max(24),
        activities: z.array(z.object({ code: z.string().min(1), name: z.string().min(1) })).min(1),
      })
      .default({
        maxHoursPerDay: 12,
        activities: [
          { code: "huisbezoek", name: "Huisbezoek samen met een collega" },
          { code: "teamoverleg", name: "Teamoverleg" },
          { code: "casusbespreking", name: "Casusbespreking" },
          { code: "groepsactiviteit", name: "Groepsactiviteit in de wijk" },
          { code: "voorlichting", name: "Voorlichting" },
          { code: "anders", name: "Iets anders" },
        ],
      }),
    /** The certificate's layout texts and who signs it; a new leerlijn version may change them. */
    certificate: z
      .object({
        title: z.string().min(1),
        statement: z.string().min(1),
        numberPrefix: z.string().regex(/^[A-Z]{2,6}$/),
        place: z.string().min(1),
        signatories: z.array(z.object({ name: z.string().min(1), role: z.string().min(1) })).min(1),
      })
      .default({
        title: "Certificaat",
        statement: "heeft de leerlijn met goed gevolg afgerond.",
        numberPrefix: "LLB",
        place: "Amsterdam",
        signatories: [{ name: "Vrijwilligersacademie Amsterdam", role: "Uitgevende organisatie" }],
      }),
    /** Lesson plans (issue 29 point 7); older definitions have none. */
    lessonPlans: z.array(lessonPlan).default([]),
  })
  .superRefine((t, ctx) => {
    const unique = (label: string, codes: string[]) => {
      const seen = new Set<string>();
      for (const code of codes) {
        if (seen.has(code)) ctx.addIssue({ code: "custom", message: `duplicate ${label} code: ${code}` });
        seen.add(code);
      }
    };
    unique(
      "training",
      t.trainings.map((x) => x.code),
    );
    unique(
      "competency",
      t.competencies.map((x) => x.code),
    );
    unique(
      "criterion",
      t.competencies.flatMap((c) => c.criteria.map((x) => x.code)),
    );
    unique(
      "session type",
      t.sessionTypes.map((x) => x.code),
    );
    unique(
      "practice activity",
      t.practice.activities.map((x) => x.code),
    );
    unique(
      "lesson plan",
      t.lessonPlans.map((x) => x.code),
    );
  });

export type LeerlijnTemplate = z.infer<typeof leerlijnTemplateSchema>;
export type LeerlijnRules = z.infer<typeof leerlijnRulesSchema>;
export type LessonPlan = z.infer<typeof lessonPlan>;

/** Parses a template; throws an Error listing every problem with its path. */
export function parseLeerlijnTemplate(input: unknown): LeerlijnTemplate {
  const result = leerlijnTemplateSchema.safeParse(input);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new Error(`Ongeldige leerlijn-template:\n${lines.join("\n")}`);
  }
  return result.data;
}

/** Per meeting type whether a make-up assignment counts (the template's setting, or the default). */
export function makeupAllowedOf(t: Pick<LeerlijnTemplate, "sessionTypes">): Record<MeetingType, boolean> {
  const out: Record<MeetingType, boolean> = { ...DEFAULT_MAKEUP_ALLOWED };
  for (const st of t.sessionTypes)
    if ((MEETING_TYPES as readonly string[]).includes(st.code) && st.makeupAllowed !== undefined) out[st.code as MeetingType] = st.makeupAllowed;
  return out;
}
