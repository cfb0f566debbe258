import { keptChoice, keptText, keptWhere, pickKept } from "../../app/components/kept-form";

/*
 * Issue 27, point 1: text typed before a time-out comes back only in the form it was typed in,
 * also on a page with many forms (a comment box per part of a plan, a reason to correct next to a
 * reason to cancel). The page's kept form carries the intent it was sent with and its hidden ids.
 */
const comment = { intent: "comment", fields: { section: "leerdoelen", replyTo: "7", text: "Goed idee." } };

describe("which form a kept form belongs to", () => {
  it("is the form with the same intent and the same hidden values", () => {
    expect(pickKept(comment, "comment", { section: "leerdoelen", replyTo: "7" })).toEqual(comment.fields);
    expect(pickKept(comment, "comment", { section: "wieBenIk", replyTo: "7" })).toBeNull(); // another part of the plan
    expect(pickKept(comment, "comment", { section: "leerdoelen", replyTo: "8" })).toBeNull(); // the reply box of another comment
    expect(pickKept(comment, "comment", { section: "leerdoelen", replyTo: null })).toBeNull(); // the new-comment box: no replyTo
    expect(pickKept(comment, ["approve", "return"])).toBeNull(); // the decision on the same page
  });

  it("tells two forms with the same field apart by their intent", () => {
    const correction = { intent: "correct", fields: { reason: "Verkeerde datum." } };
    expect(keptText(pickKept(correction, "correct"), "reason")).toBe("Verkeerde datum.");
    expect(keptText(pickKept(correction, "cancel"), "reason")).toBeUndefined();
    // A form without any intent takes only a form sent without one.
    expect(pickKept(correction, null)).toBeNull();
    expect(pickKept({ intent: null, fields: { note: "x" } }, null)).toEqual({ note: "x" });
  });

  it("is nothing when nothing was kept", () => {
    expect(pickKept(null, "comment")).toBeNull();
    expect(keptWhere(null, {})).toBeNull();
  });
});

describe("a kept choice", () => {
  it("is the chosen radio, not the hidden empty value next to it", () => {
    expect(keptChoice({ "criterion-1a": ["1", ""] }, "criterion-1a")).toBe("1");
    expect(keptChoice({ "criterion-1a": ["", "0"] }, "criterion-1a")).toBe("0");
    // Nothing chosen: the empty choice (not the saved one from before).
    expect(keptChoice({ "criterion-1a": "" }, "criterion-1a")).toBe("");
    expect(keptChoice({ other: "1" }, "criterion-1a")).toBeUndefined();
  });
});
