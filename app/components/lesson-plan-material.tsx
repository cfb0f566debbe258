import { Heading2, Heading3, Paragraph, UnorderedList, UnorderedListItem } from "@utrecht/component-library-react";
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useT } from "../i18n/use-t";
import type { LessonPlanMaterial } from "../rules/lesson-plans";

/**
 * The lesson plan a meeting was planned from (issue 29 point 7): its goal, exercises, oefenopdracht
 * and reading. The plan's words are Dutch course content: marked lang="nl" in the English interface.
 *
 * For staff (the meeting's page) the plan's oefenopdracht is shown as the plan has it; the meeting's
 * own (adapted) one is in the form. For a participant (`staff` false, in the rooster, folded) the
 * oefenopdracht is the meeting's own, shown by the rooster itself: not repeated here, so there is
 * never a second, different assignment.
 */
export function LessonPlanMaterialView({
  material,
  ownAssignment,
  staff = false,
}: {
  material: LessonPlanMaterial;
  ownAssignment: string | null;
  staff?: boolean;
}) {
  const { t } = useT();
  const body = (
    <>
      <Paragraph>
        {t("lessonPlan.material.from")} <span lang="nl">{material.title}</span>
      </Paragraph>
      {material.goal ? (
        <Paragraph>
          {t("lessonPlan.goal")}: <span lang="nl">{material.goal}</span>
        </Paragraph>
      ) : null}
      {material.exercises.length > 0 ? (
        <>
          <Heading3>{t("lessonPlan.exercises")}</Heading3>
          {material.exercises.map((x) => (
            <div key={x.title} lang="nl" className="ll-lesson-exercise">
              <Paragraph>
                <strong>{x.title}</strong>
              </Paragraph>
              <Paragraph>{x.description}</Paragraph>
            </div>
          ))}
        </>
      ) : null}
      {staff && material.assignment ? (
        <>
          <Heading3>{t("lessonPlan.assignment")}</Heading3>
          <Paragraph lang="nl" className="ll-prewrap">
            {material.assignment}
          </Paragraph>
          {ownAssignment !== material.assignment ? <Paragraph>{t("lessonPlan.assignmentOwn")}</Paragraph> : null}
        </>
      ) : null}
      {material.reading.length > 0 ? (
        <>
          <Heading3>{t("lessonPlan.reading")}</Heading3>
          <UnorderedList lang="nl">
            {material.reading.map((r) => (
              <UnorderedListItem key={r}>{r}</UnorderedListItem>
            ))}
          </UnorderedList>
        </>
      ) : null}
    </>
  );
  if (staff) {
    return (
      <section aria-labelledby="lesson-plan-heading" className="ll-section" data-lesson-plan={material.code}>
        <Heading2 id="lesson-plan-heading">{t("lessonPlan.material.heading")}</Heading2>
        {body}
      </section>
    );
  }
  return (
    <details className="ll-programme" data-lesson-plan={material.code}>
      <summary>{t("lessonPlan.material.summary")}</summary>
      {body}
    </details>
  );
}

/**
 * "Begin met een lesplan": the template's lesson plans (one link per dagdeel) on the new-meeting and
 * the series page; `children` adds items after them (e.g. "start empty").
 */
export function LessonPlanChoices({
  choices,
  chosenKey,
  intro,
  children,
}: {
  choices: { code: string; dagdeel: number; title: string; minutes: number }[];
  chosenKey: string | undefined;
  intro: string;
  children?: ReactNode;
}) {
  const { t } = useT();
  return (
    <section aria-labelledby="lesson-plans">
      <Heading2 id="lesson-plans">{t("lessonPlan.start.title")}</Heading2>
      <Paragraph>{intro}</Paragraph>
      <UnorderedList>
        {choices.map((c) => (
          <UnorderedListItem key={`${c.code}-${c.dagdeel}`}>
            <Link
              to={`?lesplan=${encodeURIComponent(c.code)}&dagdeel=${c.dagdeel + 1}`}
              className="utrecht-link"
              aria-current={chosenKey === `${c.code}-${c.dagdeel + 1}` ? "true" : undefined}
            >
              {/* The plan's title is Dutch course content, also in the English interface. */}
              <span lang="nl">{c.title}</span> ({t("lessonPlan.choice", { minutes: c.minutes })})
            </Link>
          </UnorderedListItem>
        ))}
        {children}
      </UnorderedList>
    </section>
  );
}
