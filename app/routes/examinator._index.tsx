import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireArea } from "../auth.server";
import { RouteErrorBoundary } from "../components/error-page";
import { InterviewsOverview } from "../components/interviews-overview";
import { getDb } from "../db.server";
import { todayInAmsterdam } from "../guards.server";
import { titleMeta } from "../meta";
import { candidatesPageParam, pageParam } from "../forms/search-params";
import { interviewOverview } from "../services/interviews.server";

export const meta = titleMeta("examiner.home.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "examiner-home", context.clientIp);
  const { interviews, candidates } = await interviewOverview(getDb(), user, {
    page: pageParam(request),
    candidatesPage: candidatesPageParam(request),
    today: todayInAmsterdam(),
    withObjections: false,
  });
  return {
    interviews,
    candidates,
    all: user.role === "coordinator",
  };
}

export default function ExaminerHome() {
  const { interviews, candidates, all } = useLoaderData<typeof loader>();
  return <InterviewsOverview interviews={interviews} candidates={candidates} all={all} />;
}

export const ErrorBoundary = RouteErrorBoundary;
