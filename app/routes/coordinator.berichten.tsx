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
import { Answer } from "../components/answer";
import { RouteErrorBoundary } from "../components/error-page";
import { getDb } from "../db.server";
import { userErrorToFailure, type ActionFailure } from "../forms/action.server";
import { resendMailSchema } from "../forms/mail";
import { parseForm, readForm } from "../forms/parse.server";
import { pageParam } from "../forms/search-params";
import type { MessageKey } from "../i18n/nl";
import type { Params } from "../i18n/translate";
import { isMessageKey } from "../i18n/translate";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { withIp } from "../services/audit.server";
import { outboxPage, resendMail } from "../services/mail-outbox.server";

export const meta = titleMeta("outbox.title");

/** The outbox (issue 28): status, recipient, kind, attempts, last error; never a message's body. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireArea(request, "messages", context.clientIp);
  const page = pageParam(request);
  return { page, ...(await outboxPage(getDb(), page)) };
}

type ActionResult = ActionFailure | { ok: true; message: { key: MessageKey; params?: Params } };

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireArea(request, "messages", context.clientIp);
  const formData = await readForm(request);
  const parsed = parseForm(resendMailSchema, formData);
  if (!parsed.ok) return data<ActionResult>({ ok: false, formError: { key: "mail.resend.notFound" } }, { status: 400 });
  try {
    const { recipientEmail } = await resendMail(getDb(), withIp(actor, context.clientIp), parsed.data.mailId, context.clientIp ?? null);
    return data<ActionResult>({ ok: true, message: { key: "outbox.resent", params: { email: recipientEmail } } });
  } catch (error) {
    return data<ActionResult>(userErrorToFailure(error), { status: 400 });
  }
}

export default function Messages() {
  const { page, rows, hasMore, mailOn } = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const { t, date, time } = useT();
  const when = (iso: string) => `${date(iso)} ${time(iso)}`;
  const typeLabel = (type: string) => {
    const key = `mail.type.${type}`;
    return isMessageKey(key) ? t(key) : type;
  };
  return (
    <>
      <Heading1>{t("outbox.title")}</Heading1>
      <Paragraph lead>{t("outbox.intro")}</Paragraph>
      {result?.ok ? (
        <Answer type="ok">
          <Paragraph>{t(result.message.key, result.message.params)}</Paragraph>
        </Answer>
      ) : null}
      {result && !result.ok && result.formError ? (
        <Answer type="error">
          <Paragraph>{t(result.formError.key, result.formError.params)}</Paragraph>
        </Answer>
      ) : null}
      {!mailOn ? (
        <section aria-labelledby="mail-off-heading" className="ll-section ll-notice" data-testid="mail-off">
          <Heading2 id="mail-off-heading">{t("outbox.mailOff.heading")}</Heading2>
          <Paragraph>{t("outbox.mailOff.body")}</Paragraph>
        </section>
      ) : null}

      {rows.length === 0 ? (
        <Paragraph>{t("outbox.none")}</Paragraph>
      ) : (
        <div className="ll-table-scroll" role="region" aria-labelledby="outbox-caption" tabIndex={0}>
          <Table>
            <TableCaption id="outbox-caption">{t("outbox.caption", { page })}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t("outbox.col.time")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("outbox.col.recipient")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("outbox.col.type")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("outbox.col.status")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("outbox.col.attempts")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("outbox.col.error")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("outbox.col.actions")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((r) => (
                <TableRow key={r.id} data-testid={`mail-${r.id}`}>
                  <TableCell>{when(r.createdAt)}</TableCell>
                  <TableHeaderCell scope="row">
                    {r.recipientName ? (
                      <>
                        {r.recipientName}
                        <br />
                      </>
                    ) : null}
                    {r.recipientEmail}
                  </TableHeaderCell>
                  <TableCell>{typeLabel(r.type)}</TableCell>
                  <TableCell>
                    {t(`mail.status.${r.status}`)}
                    {r.status === "sent" && r.sentAt ? (
                      <>
                        <br />
                        {t("outbox.sentAt", { time: when(r.sentAt) })}
                      </>
                    ) : null}
                    {r.status === "pending" && r.attempts > 0 ? (
                      <>
                        <br />
                        {t("outbox.nextAttempt", { time: when(r.nextAttemptAt) })}
                      </>
                    ) : null}
                  </TableCell>
                  <TableCell>{r.attempts}</TableCell>
                  <TableCell>{r.lastError ?? ""}</TableCell>
                  <TableCell>
                    {r.handOverLink ? (
                      <div className="ll-invite-link">
                        <label htmlFor={`hand-over-${r.id}`}>{t("outbox.handOver")}</label>{" "}
                        <input id={`hand-over-${r.id}`} className="utrecht-textbox" readOnly value={r.handOverLink} data-testid="hand-over-link" />
                      </div>
                    ) : null}
                    {r.canResend ? (
                      <Form method="post" className="ll-inline-form">
                        <input type="hidden" name="mailId" value={r.id} />
                        <Button type="submit" appearance="secondary-action-button" aria-label={`${t("outbox.resend")}: ${r.recipientEmail}`}>
                          {t("outbox.resend")}
                        </Button>
                      </Form>
                    ) : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      <nav aria-label={t("outbox.pages")} className="ll-pager">
        {page > 1 ? (
          <Link to={`?pagina=${page - 1}`} className="utrecht-link">
            {t("outbox.newer")}
          </Link>
        ) : null}{" "}
        {hasMore ? (
          <Link to={`?pagina=${page + 1}`} className="utrecht-link">
            {t("outbox.older")}
          </Link>
        ) : null}
      </nav>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
