import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Heading1, Heading2, Paragraph } from "@utrecht/component-library-react";
import { requireArea } from "../auth.server";
import { Notice } from "../components/answer";
import { RouteErrorBoundary } from "../components/error-page";
import { poolWord } from "../components/pool-request";
import { getDb } from "../db.server";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { teamHome, type TeamHome } from "../services/pool-requests.server";

export const meta = titleMeta("poolRequest.home.title");

/** The buurtteam-coördinator's home (issue 31, point 3): their team's requests to the pool. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "team-home", context.clientIp);
  // A buurtteam-coördinator not (yet) tied to a team sees a calm line, not an error.
  return { home: (await teamHome(getDb(), user)) ?? null };
}

export default function TeamHomePage() {
  const { home } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <>
      <Heading1>{t("poolRequest.home.title")}</Heading1>
      {home ? (
        <>
          <Paragraph lead>{t("poolRequest.home.team", { name: home.team.name })}</Paragraph>
          <Paragraph>{t("poolRequest.home.intro")}</Paragraph>
          <Paragraph>
            <Link to="/buurtteam/vragen/nieuw" className="utrecht-link" data-testid="new-request">
              {t("poolRequest.home.new")}
            </Link>
          </Paragraph>
          <RequestList
            id="open"
            title={t("poolRequest.home.open")}
            empty={t("poolRequest.home.none")}
            requests={home.requests.filter((r) => r.status === "open")}
          />
          <RequestList
            id="closed"
            title={t("poolRequest.home.closed")}
            empty={t("poolRequest.home.noneClosed")}
            requests={home.requests.filter((r) => r.status === "closed")}
          />
        </>
      ) : (
        <Notice type="info">
          <Paragraph>{t("poolRequest.home.noTeam")}</Paragraph>
        </Notice>
      )}
    </>
  );
}

function RequestList({ id, title, empty, requests }: { id: string; title: string; empty: string; requests: TeamHome["requests"] }) {
  const { t, date } = useT();
  return (
    <section aria-labelledby={`requests-${id}`} className="ll-section">
      <Heading2 id={`requests-${id}`}>{title}</Heading2>
      {requests.length === 0 ? <Paragraph>{empty}</Paragraph> : null}
      {requests.map((r) => (
        <article key={r.id} className="ll-card" data-request={r.id}>
          <Paragraph>
            <Link to={`/buurtteam/vragen/${r.id}`} className="utrecht-link">
              {t("poolRequest.title", { theme: poolWord(t, "theme", r.theme) })}
            </Link>
          </Paragraph>
          <Paragraph>
            {poolWord(t, "stadsdeel", r.stadsdeel)} · {t("poolRequest.period", { from: date(r.periodFrom), until: date(r.periodUntil) })} ·{" "}
            {t("poolRequest.hoursValue", { hours: r.hoursPerWeek })}
          </Paragraph>
          <Paragraph data-testid="request-counts">{t("poolRequest.home.counts", { invited: r.invited, accepted: r.accepted })}</Paragraph>
        </article>
      ))}
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
