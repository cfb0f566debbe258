import { z } from "zod";
import { idField } from "./fields";

/** "Opnieuw versturen" on /coordinator/berichten: which message (checked again on the server). */
export const resendMailSchema = z.object({ mailId: idField });
