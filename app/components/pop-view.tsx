import { Form, useActionData } from "@remix-run/react";
import { Alert, Button, FormFieldTextarea, Heading2, Heading3, Paragraph } from "@utrecht/component-library-react";
import type { ReactNode } from "react";
import type { FieldErrors } from "../forms/parse.server";
import { LEERDOEL_FIELDS, normalisePop, type PopContent } from "../rules/pop";
import { useT } from "../i18n/use-t";
import { ErrorSummary } from "./form";
import { keptText, keptWhere, useKeptFor } from "./kept-form";

/**
 * A comment or reply the server refused (empty, too long): it names the box it came from (its
 * section and, for a reply, the comment it answers), so that box shows the message and is marked.
 */
export interface CommentRefusal {
  ok: false;
  intent: "comment";
  commentBox: { section: string; replyTo: string | null };
  fieldErrors: { text: string };
  values: { text: string };
}

/** The action's answer to a refused comment (popCommentSchema's errors), for the box it was typed in. */
export function commentRefusal(formData: FormData, fieldErrors: FieldErrors): CommentRefusal | null {
  if (!fieldErrors.text) return null;
  const field = (name: string) => {
    const v = formData.get(name);
    return typeof v === "string" ? v : null;
  };
  return {
    ok: false,
    intent: "comment",
    commentBox: { section: field("section") ?? "", replyTo: field("replyTo") || null },
    fieldErrors: { text: fieldErrors.text === "form.required" ? "pop.comments.empty" : fieldErrors.text },
    values: { text: field("text") ?? "" },
  };
}

function isCommentRefusal(data: unknown): data is CommentRefusal {
  return typeof data === "object" && data !== null && (data as { intent?: unknown }).intent === "comment" && "commentBox" in data;
}

/** One comment box (a new comment on a section, or a reply): its message and the summary that links to it when the server refused it. */
function CommentBox({
  id,
  section,
  replyTo,
  label,
  rows,
  kept,
  children,
}: {
  id: string;
  section: string;
  replyTo: number | null;
  label: string;
  rows: number;
  kept: string | undefined;
  children: ReactNode;
}) {
  const { tMessage } = useT();
  const answer = useActionData<unknown>();
  const refused =
    isCommentRefusal(answer) && answer.commentBox.section === section && answer.commentBox.replyTo === (replyTo === null ? null : String(replyTo))
      ? answer
      : undefined;
  const error = tMessage(refused?.fieldErrors.text);
  return (
    <Form method="post" className="ll-form">
      {error ? <ErrorSummary links={[{ fieldId: id, text: `${label}: ${error}` }]} /> : null}
      <input type="hidden" name="section" value={section} />
      {replyTo !== null ? <input type="hidden" name="replyTo" value={replyTo} /> : null}
      <FormFieldTextarea
        inputId={id}
        name="text"
        label={label}
        defaultValue={refused ? refused.values.text : kept}
        rows={rows}
        maxLength={2000}
        invalid={Boolean(error)}
        errorMessage={error}
      />
      {children}
    </Form>
  );
}

export interface CommentView {
  id: number;
  section: string;
  version_number: number;
  author: string | null;
  author_is_owner: boolean;
  reply_to: number | null;
  text: string;
  created_at: string;
}

/** The comments on one section, with replies under the comment they answer. */
export function SectionComments({
  section,
  comments,
  replyAs,
  commentAs,
}: {
  section: string;
  comments: CommentView[];
  replyAs?: "owner";
  commentAs?: "trainer";
}) {
  const { t, date } = useT();
  // A comment typed before a time-out comes back in the box it was typed in.
  const kept = useKeptFor("comment", { section });
  const mine = comments.filter((c) => c.section === section);
  const top = mine.filter((c) => c.reply_to === null);
  if (top.length === 0 && !commentAs) return null;
  return (
    // A named group, not a landmark: one per section of the plan, so "complementary" landmarks would all share one name.
    <div role="group" className="ll-comments" aria-label={t("pop.comments.label")}>
      {top.map((c) => (
        <div key={c.id} className="ll-comment">
          <Paragraph small>
            <strong>{c.author}</strong> · {date(c.created_at)} · {t("pop.version", { number: c.version_number })}
          </Paragraph>
          <Paragraph>
            <span lang="nl">{c.text}</span>
          </Paragraph>
          {mine
            .filter((r) => r.reply_to === c.id)
            .map((r) => (
              <div key={r.id} className="ll-comment ll-comment--reply">
                <Paragraph small>
                  <strong>{r.author}</strong> · {date(r.created_at)}
                </Paragraph>
                <Paragraph>
                  <span lang="nl">{r.text}</span>
                </Paragraph>
              </div>
            ))}
          {replyAs ? (
            <CommentBox
              id={`reply-${c.id}`}
              section={section}
              replyTo={c.id}
              label={t("pop.comments.reply")}
              rows={2}
              kept={keptText(keptWhere(kept, { replyTo: String(c.id) }), "text")}
            >
              <Button type="submit" name="intent" value="comment" appearance="secondary-action-button">
                {t("pop.comments.sendReply")}
              </Button>
            </CommentBox>
          ) : null}
        </div>
      ))}
      {commentAs ? (
        <CommentBox
          id={`comment-${section}`}
          section={section}
          replyTo={null}
          label={t("pop.comments.add")}
          rows={3}
          kept={keptText(keptWhere(kept, { replyTo: null }), "text")}
        >
          <Button type="submit" name="intent" value="comment" appearance="secondary-action-button">
            {t("pop.comments.send")}
          </Button>
        </CommentBox>
      ) : null}
    </div>
  );
}

/** The plan read-only, section by section, each with its comments beside it. */
export function PopReadOnly({
  content,
  competencies,
  sectionExtra,
}: {
  content: PopContent;
  competencies: { code: string; title: string }[];
  sectionExtra: (section: string) => ReactNode;
}) {
  const { t } = useT();
  const c = normalisePop(content);
  const block = (code: string, title: string, text: string) => (
    <section key={code} className="ll-pop-section" aria-labelledby={`s-${code}`}>
      <div>
        <Heading2 id={`s-${code}`}>{title}</Heading2>
        <Paragraph className="ll-prewrap">{text ? <span lang="nl">{text}</span> : t("pop.empty")}</Paragraph>
      </div>
      {sectionExtra(code)}
    </section>
  );
  return (
    <>
      {block("wie-ben-ik", t("pop.wieBenIk"), c.wieBenIk)}
      {block("sterke-kanten", t("pop.sterkeKanten"), c.sterkeKanten)}
      {block("ontwikkelpunten", t("pop.ontwikkelpunten"), c.ontwikkelpunten)}
      {c.leerdoelen.map((l, i) => (
        <section key={i} className="ll-pop-section" aria-labelledby={`s-leerdoel-${i + 1}`}>
          <div>
            <Heading2 id={`s-leerdoel-${i + 1}`}>{t("pop.leerdoel", { number: i + 1 })}</Heading2>
            {LEERDOEL_FIELDS.filter((f) => l[f]).map((f) => (
              <div key={f}>
                <Heading3>{t(`pop.field.${f}`)}</Heading3>
                <Paragraph className="ll-prewrap">
                  <span lang="nl">{f === "competentie" ? (competencies.find((x) => x.code === l[f])?.title ?? l[f]) : l[f]}</span>
                </Paragraph>
              </div>
            ))}
          </div>
          {sectionExtra(`leerdoel-${i + 1}`)}
        </section>
      ))}
    </>
  );
}

/** For the owner of a returned plan: who sent it back, when, and the trainer's reason. */
export function PopReturnedNotice({ returned }: { returned: { version: number; note: string | null; by: string | null; at: string } }) {
  const { t, date } = useT();
  const params = { name: returned.by ?? t("role.trainer"), number: returned.version, date: date(returned.at) };
  return (
    <Alert type="warning" role="status" aria-labelledby="pop-returned-heading">
      <Heading2 id="pop-returned-heading">{t("pop.returnedToYou.heading")}</Heading2>
      {returned.note ? (
        <>
          <Paragraph>{t("pop.returnedToYou.reason", params)}</Paragraph>
          <Paragraph className="ll-prewrap">
            <strong>{returned.note}</strong>
          </Paragraph>
        </>
      ) : (
        <Paragraph>{t("pop.returnedToYou.noReason", params)}</Paragraph>
      )}
      <Paragraph>{t("pop.returnedToYou.next")}</Paragraph>
    </Alert>
  );
}
