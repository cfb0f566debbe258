import { Form, Link } from "@remix-run/react";
import { Button, Heading2, Paragraph } from "@utrecht/component-library-react";
import { useT } from "../i18n/use-t";
import { Notice } from "./answer";
import type { CoordinatorNotice } from "../services/notices.server";

/**
 * The coordinators' open notices (e.g. a certificate revoked after a correction), each with a
 * "seen" button that posts to the register page's action.
 */
export function CoordinatorNotices({ notices }: { notices: CoordinatorNotice[] }) {
  const { t, date } = useT();
  if (notices.length === 0) return null;
  return (
    <section aria-labelledby="notices-heading" className="ll-section" data-testid="coordinator-notices">
      <Heading2 id="notices-heading">{t("notice.title")}</Heading2>
      {notices.map((n) => (
        <Notice key={n.id} type="warning">
          <Paragraph>
            {t("notice.revokedAfterCorrection", {
              number: n.certificate?.number ?? "–",
              name: n.participant?.name ?? "–",
              date: date(n.certificate?.revoked_at ?? n.created_at),
            })}
            {n.interview_id ? (
              <>
                {" "}
                <Link to={`/eindgesprekken/${n.interview_id}`} className="utrecht-link">
                  {t("notice.openInterview")}
                </Link>
              </>
            ) : null}
          </Paragraph>
          <Form method="post" action="/coordinator/certificaten" className="ll-inline-form">
            <input type="hidden" name="intent" value="noticeSeen" />
            <input type="hidden" name="noticeId" value={n.id} />
            <Button type="submit" appearance="secondary-action-button">
              {t("notice.seen")}
            </Button>
          </Form>
        </Notice>
      ))}
    </section>
  );
}
