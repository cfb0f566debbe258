import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import {
  Button,
  Heading1,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import { requireArea } from "../auth.server";
import { RouteErrorBoundary } from "../components/error-page";
import { useIsSubmitting } from "../components/form";
import { getDb } from "../db.server";
import { userErrorToFailure, type ActionFailure } from "../forms/action.server";
import { parseForm, readForm } from "../forms/parse.server";
import { keepDraftsSchema } from "../forms/privacy";
import type { MessageKey } from "../i18n/nl";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { participantPrivacyPage, setKeepDrafts } from "../services/privacy.server";
import { PostAnswer } from "../components/answer";

export const meta = titleMeta("privacy.mine.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "participant-schedule", context.clientIp);
  return participantPrivacyPage(getDb(), user.id);
}

type Result = ActionFailure | { ok: true; message: MessageKey };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireArea(request, "participant-schedule", context.clientIp);
  const parsed = parseForm(keepDraftsSchema, await readForm(request));
  if (!parsed.ok) return data({ ok: false, formError: { key: "form.choice.invalid" } } satisfies Result, { status: 400 });
  try {
    await setKeepDrafts(getDb(), user.id, parsed.data.keep === "1");
  } catch (error) {
    return data(userErrorToFailure(error) satisfies Result, { status: 400 });
  }
  return { ok: true, message: parsed.data.keep === "1" ? "privacy.keepDrafts.kept" : "privacy.keepDrafts.released" } satisfies Result;
}

export default function MyPrivacy() {
  const { readers, hasPop, keepDrafts, storyConsent, draftsMonths } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const submitting = useIsSubmitting();
  const { t, date, time } = useT();
  return (
    <>
      <Heading1>{t("privacy.mine.title")}</Heading1>
      <Paragraph lead>{t("privacy.mine.intro")}</Paragraph>
      <PostAnswer result={result} />

      <section aria-labelledby="readers-heading" className="ll-section">
        <Heading2 id="readers-heading">{t("privacy.readers.heading")}</Heading2>
        <Paragraph>{t("privacy.readers.intro")}</Paragraph>
        {readers.length === 0 ? (
          <Paragraph>{t("privacy.readers.none")}</Paragraph>
        ) : (
          // Its own name: the section around it is already a region named by the heading.
          <div className="ll-table-scroll" role="region" aria-labelledby="readers-caption" tabIndex={0}>
            <Table className="ll-stack" role="table">
              <TableCaption id="readers-caption" className="ll-visually-hidden">
                {t("privacy.readers.caption", { count: readers.length })}
              </TableCaption>
              <TableHeader role="rowgroup">
                <TableRow role="row">
                  <TableHeaderCell scope="col" role="columnheader">
                    {t("privacy.readers.when")}
                  </TableHeaderCell>
                  <TableHeaderCell scope="col" role="columnheader">
                    {t("privacy.readers.who")}
                  </TableHeaderCell>
                  <TableHeaderCell scope="col" role="columnheader">
                    {t("privacy.readers.role")}
                  </TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody role="rowgroup">
                {readers.map((r, i) => (
                  <TableRow role="row" key={`${r.at}-${i}`}>
                    <TableCell role="cell" data-label={t("privacy.readers.when")}>
                      {date(r.at)} {time(r.at)}
                    </TableCell>
                    <TableCell role="cell" data-label={t("privacy.readers.who")}>
                      {r.name}
                    </TableCell>
                    <TableCell role="cell" data-label={t("privacy.readers.role")}>
                      {r.role ? t(`role.${r.role}`) : ""}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </section>

      <section aria-labelledby="drafts-heading" className="ll-section">
        <Heading2 id="drafts-heading">{t("privacy.keepDrafts.heading")}</Heading2>
        <Paragraph>{draftsMonths === 0 ? t("privacy.keepDrafts.intro.atEnd") : t("privacy.keepDrafts.intro.after", { months: draftsMonths })}</Paragraph>
        {hasPop ? (
          <>
            <Paragraph>
              <strong>{keepDrafts ? t("privacy.keepDrafts.stateKept") : t("privacy.keepDrafts.stateNotKept")}</strong>
            </Paragraph>
            <Form method="post">
              <input type="hidden" name="keep" value={keepDrafts ? "0" : "1"} />
              <Button type="submit" appearance="secondary-action-button" busy={submitting}>
                {keepDrafts ? t("privacy.keepDrafts.release") : t("privacy.keepDrafts.keep")}
              </Button>
            </Form>
          </>
        ) : (
          <Paragraph>{t("privacy.keepDrafts.noPop")}</Paragraph>
        )}
      </section>

      <section aria-labelledby="story-heading" className="ll-section">
        <Heading2 id="story-heading">{t("privacy.story.heading")}</Heading2>
        <Paragraph>{storyConsent ? t("privacy.story.given") : t("privacy.story.notGiven")}</Paragraph>
        <Paragraph>
          <Link to="/deelnemer/pop" className="utrecht-link">
            {t("privacy.story.link")}
          </Link>
        </Paragraph>
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
