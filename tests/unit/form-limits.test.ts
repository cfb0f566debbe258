import { tooLongMessage } from "../../app/forms/fields";
import { gopSchema } from "../../app/forms/gop";
import { judgementSchema, certificateActionSchema } from "../../app/forms/interview";
import { parseForm } from "../../app/forms/parse.server";
import { attendanceSchema } from "../../app/forms/meetings";
import { isMessageKey, readMessage, translate } from "../../app/i18n/translate";

/**
 * Issue 23 point 12g: "Deze tekst is te lang." names the limit. The message comes from the
 * schema (the same in the browser and on the server) as "form.tooLong?max=N"; the translator
 * (`tMessage`: readMessage + translate) fills in the number.
 */
function fd(entries: [string, string][]): FormData {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
}

/** What the page shows for a message from a schema: as `useT().tMessage` does it. */
function shown(message: string | undefined, lang: "nl" | "en" = "nl"): string {
  const { key, params } = readMessage(message ?? "");
  if (!isMessageKey(key)) throw new Error(`no dictionary key: ${message}`);
  return translate(lang, key, params);
}

describe("a text that is too long: the message names the limit", () => {
  it("a .max() check (the GOP's agreements, a certificate's reason)", () => {
    const gop = parseForm(
      gopSchema,
      fd([
        ["baseVersion", "0"],
        ["agreements", "x".repeat(6001)],
      ]),
    );
    expect(gop.ok).toBe(false);
    if (!gop.ok) expect(shown(gop.fieldErrors.agreements)).toBe("Deze tekst is te lang: maximaal 6000 tekens.");
    const reason = parseForm(
      certificateActionSchema,
      fd([
        ["certificateId", "1"],
        ["reason", "x".repeat(501)],
      ]),
    );
    if (!reason.ok) expect(shown(reason.fieldErrors.reason, "en")).toBe("This text is too long: at most 500 characters.");
    expect(reason.ok).toBe(false);
  });

  it("a custom check in a refinement (an attendance note, a criterion's justification)", () => {
    expect(shown(tooLongMessage(300))).toBe("Deze tekst is te lang: maximaal 300 tekens.");
    const attendance = attendanceSchema.safeParse({ revision: "0", participantIds: "7", "status-7": "aanwezig", "note-7": "x".repeat(301) });
    expect(attendance.success).toBe(false);
    expect(attendance.error?.issues.map((i) => shown(i.message))).toContain("Deze tekst is te lang: maximaal 300 tekens.");
    const judgement = judgementSchema.safeParse({ "criterion-K1.1": "1", "justification-K1.1": "x".repeat(2001) });
    expect(judgement.success).toBe(false);
    expect(judgement.error?.issues.map((i) => shown(i.message))).toContain("Deze tekst is te lang: maximaal 2000 tekens.");
  });

  it("a plain key still translates as before", () => {
    expect(shown("form.required")).toBe(translate("nl", "form.required"));
  });
});
