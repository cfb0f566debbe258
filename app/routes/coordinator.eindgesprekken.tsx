import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Heading2, Paragraph, UnorderedList, UnorderedListItem } from "@utrecht/component-library-react";
import { requireArea } from "../auth.server";
import { Answer } from "../components/answer";
import { RouteErrorBoundary } from "../components/error-page";
import { InterviewsOverview } from "../components/interviews-overview";
import { getDb } from "../db.server";
import { todayInAmsterdam } from "../guards.server";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { candidatesPageParam, pageParam } from "../forms/search-params";
import { interviewOverview } from "../services/interviews.server";

export const meta = titleMeta("nav.interviews");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "coordinator-home", context.clientIp);
  const { interviews, candidates, objections } = await interviewOverview(getDb(), user, {
    page: pageParam(request),
    candidatesPage: candidatesPageParam(request),
    today: todayInAmsterdam(),
    withObjections: true,
  });
  return {
    interviews,
    candidates,
    objections,
    // Back from cancelling a planned interview (eindgesprekken.$id): say so here.
    cancelled: new URL(request.url).searchParams.get("afgezegd") === "1",
  };
}

export default function CoordinatorInterviews() {
  const { interviews, candidates, objections, cancelled } = useLoaderData<typeof loader>();
  const { t, date } = useT();
  return (
    <>
      {cancelled ? (
        <Answer type="ok">
          <Paragraph>{t("interview.cancelled")}</Paragraph>
        </Answer>
      ) : null}
      <InterviewsOverview interviews={interviews} candidates={candidates} all />
      <section aria-labelledby="objections-heading" className="ll-section">
        <Heading2 id="objections-heading">{t("objection.openList")}</Heading2>
        {objections.length === 0 ? (
          <Paragraph>{t("objection.none")}</Paragraph>
        ) : (
          <UnorderedList>
            {objections.map((o) => (
              <UnorderedListItem key={o.id}>
                <Link to={`/eindgesprekken/${o.interview_id}#objections-heading`} className="utrecht-link">
                  {t("objection.item", { name: o.name, date: date(o.lodged_at) })}
                </Link>
              </UnorderedListItem>
            ))}
          </UnorderedList>
        )}
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
