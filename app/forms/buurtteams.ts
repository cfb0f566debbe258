import { z } from "zod";
import { emailField, idField, nameField, personNameField } from "./fields";
import { STADSDELEN } from "./pool";

/*
 * Buurtteams and their buurtteam-coördinatoren (issue 31, point 3), managed by the course
 * coordinator on /coordinator/buurtteams: the same schemas in the browser and on the server.
 */

export const buurtteamSchema = z.object({
  name: nameField,
  stadsdeel: z.enum(STADSDELEN, { error: "buurtteams.stadsdeel.required" }),
});
export type BuurtteamInput = z.output<typeof buurtteamSchema>;

export const inviteTeamCoordinatorSchema = z.object({
  name: personNameField,
  email: emailField,
  buurtteamId: idField,
});
export type InviteTeamCoordinatorInput = z.output<typeof inviteTeamCoordinatorSchema>;
