import { LessonPlanChoices } from "../components/lesson-plan-material";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Heading1, Heading2, Heading3, Paragraph, UnorderedList, UnorderedListItem } from "@utrecht/component-library-react";
import { Notice } from "../components/answer";
import { RouteErrorBoundary } from "../components/error-page";
import { MeetingForm } from "../components/meeting-form";
import { getDb } from "../db.server";
import { userErrorToFailure, type ActionFailure } from "../forms/action.server";
import { parseForm, readForm } from "../forms/parse.server";
import { meetingSchema } from "../forms/meetings";
import { requireCohortStaffWithPeople } from "../guards.server";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { createMeeting } from "../services/schedule.server";
import { meetingFormOptions } from "../services/meeting-options.server";
import { lessonPlansForCohort } from "../services/lesson-plans.server";

export const meta = titleMeta<typeof loader>("schedule.new", ({ cohort }, { t }) => t("schedule.newFor", { name: cohort.name }));

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { cohort } = await requireCohortStaffWithPeople(request, params, context.clientIp);
  const db = getDb();
  const search = new URL(request.url).searchParams;
  // Lesson plans of the cohort's own leerlijn version (issue 29 point 7): ?lesplan=<code>&dagdeel=<n> fills the form.
  const [options, { choices, chosen }] = await Promise.all([
    meetingFormOptions(db, cohort),
    lessonPlansForCohort(db, cohort, search.get("lesplan"), search.get("dagdeel")),
  ]);
  return { cohort: { id: cohort.id, name: cohort.name }, options, choices, chosen };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, cohort } = await requireCohortStaffWithPeople(request, params, context.clientIp);
  const parsed = parseForm(meetingSchema, await readForm(request));
  if (!parsed.ok) return data({ ok: false, fieldErrors: parsed.fieldErrors, values: parsed.values } satisfies ActionFailure, { status: 400 });
  let id: number;
  try {
    id = await createMeeting(getDb(), cohort.id, parsed.data, user);
  } catch (error) {
    return data(userErrorToFailure(error), { status: 400 });
  }
  // The rooster names the planned meeting at the top and marks its row (see its loader).
  return redirect(`/groepen/${cohort.id}/rooster?gepland=${id}`);
}

const text = (v: string | string[] | undefined, fallback = "") => (typeof v === "string" ? v : fallback);

export default function NewMeeting() {
  const { cohort, options, choices, chosen } = useLoaderData<typeof loader>();
  const failed = useActionData<ActionFailure>();
  const { t } = useT();
  const v = failed?.values ?? {};
  const plan = chosen?.values;
  const trainerIds =
    v.trainerIds === undefined ? (failed ? [] : options.trainers.map((x) => String(x.id))) : Array.isArray(v.trainerIds) ? v.trainerIds : [v.trainerIds];
  return (
    <>
      <Heading1 id="new-meeting">{t("schedule.newFor", { name: cohort.name })}</Heading1>
      {choices.length > 0 ? (
        <LessonPlanChoices choices={choices} chosenKey={chosen?.key} intro={t("lessonPlan.start.intro")}>
          {chosen ? (
            <UnorderedListItem>
              <Link to="." className="utrecht-link">
                {t("lessonPlan.empty")}
              </Link>
            </UnorderedListItem>
          ) : null}
        </LessonPlanChoices>
      ) : null}
      {chosen ? (
        <Notice type="info">
          <Paragraph>
            {t("lessonPlan.chosen")} <span lang="nl">{chosen.values.title}</span>. {t("lessonPlan.chosenNext")}
          </Paragraph>
          {chosen.goal ? (
            <Paragraph>
              {t("lessonPlan.goal")}: <span lang="nl">{chosen.goal}</span>
            </Paragraph>
          ) : null}
        </Notice>
      ) : null}
      <MeetingForm
        key={chosen?.key ?? "empty"}
        options={options}
        labelledBy="new-meeting"
        submitLabel={t("session.create")}
        serverErrors={failed?.fieldErrors}
        formError={failed?.formError ? t(failed.formError.key) : null}
        defaults={{
          type: text(v.type, plan?.type ?? "les"),
          title: text(v.title, plan?.title ?? ""),
          date: text(v.date),
          startTime: text(v.startTime, plan?.startTime ?? "13:30"),
          endTime: text(v.endTime, plan?.endTime ?? "16:30"),
          location: text(v.location),
          onlineUrl: text(v.onlineUrl),
          mode: text(v.mode, "in_person"),
          trainerIds,
          trainingId: text(v.trainingId, chosen?.values.trainingId ?? ""),
          intervisieGroupId: text(v.intervisieGroupId),
          programme: text(v.programme, plan?.programme ?? ""),
          assignment: text(v.assignment, plan?.assignment ?? ""),
          assignmentDue: text(v.assignmentDue),
          lessonPlan: text(v.lessonPlan, chosen?.value ?? ""),
        }}
      />
      {chosen && (chosen.exercises.length > 0 || chosen.reading.length > 0) ? (
        <section aria-labelledby="lesson-plan-material">
          <Heading2 id="lesson-plan-material">{t("lessonPlan.exercises")}</Heading2>
          {chosen.exercises.map((x) => (
            <div key={x.title} lang="nl">
              <Heading3>{x.title}</Heading3>
              <Paragraph>{x.description}</Paragraph>
            </div>
          ))}
          {chosen.reading.length > 0 ? (
            <>
              <Heading3>{t("lessonPlan.reading")}</Heading3>
              <UnorderedList lang="nl">
                {chosen.reading.map((r) => (
                  <UnorderedListItem key={r}>{r}</UnorderedListItem>
                ))}
              </UnorderedList>
            </>
          ) : null}
        </section>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
