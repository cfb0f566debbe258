import { z } from "zod";
import type { Role } from "../../db/schema";

/**
 * The e-mail a person chooses on /account (issue 28, point 3). The same list as
 * OPTIONAL_CATEGORIES in app/services/notify.server.ts (a server module the browser cannot
 * load); app/services/mail-preferences.server.ts checks at compile time that the two agree.
 */
export const PREFERENCE_CATEGORIES = ["updates", "schedule", "reminders", "digest"] as const;
export type PreferenceCategory = (typeof PREFERENCE_CATEGORIES)[number];

/**
 * The optional e-mail each role can get, so /account shows only boxes that mean something:
 * participants hear about their own work, their rooster and reminders; trainers about changed
 * meetings and the weekly overview; examiners and coordinators about planned interviews.
 */
export const CATEGORIES_FOR_ROLE: Record<Role, readonly PreferenceCategory[]> = {
  participant: ["updates", "schedule", "reminders"],
  trainer: ["schedule", "digest"],
  examiner: ["schedule"],
  coordinator: ["schedule"],
  // A buurtteam-coördinator hears when a pool member answers an invitation (always sent: not optional).
  team_coordinator: [],
};

/** "E-mail die je krijgt" on /account: the ticked categories (missing, one or many). Unticked: off. */
export const mailPreferencesSchema = z.object({
  categories: z.preprocess(
    (v) => (Array.isArray(v) ? v : typeof v === "string" && v !== "" ? [v] : []),
    z.array(z.enum(PREFERENCE_CATEGORIES, { error: "form.choice.invalid" })),
  ),
});

/** The one-click unsubscribe (RFC 8058): what a mail client posts, and what the button on the page posts. */
export const oneClickSchema = z.object({
  "List-Unsubscribe": z.literal("One-Click"),
});
