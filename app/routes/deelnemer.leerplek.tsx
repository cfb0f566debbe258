import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Heading1, Paragraph } from "@utrecht/component-library-react";
import { requireArea } from "../auth.server";
import { RouteErrorBoundary } from "../components/error-page";
import { PlacementForm } from "../components/practice";
import { Explain } from "../components/explain";
import { getDb } from "../db.server";
import type { ActionFailure } from "../forms/action.server";
import { parseForm, readForm } from "../forms/parse.server";
import { placementSchema } from "../forms/practice";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { getPlacement, savePlacement } from "../services/practice.server";

export const meta = titleMeta("placement.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "participant-schedule", context.clientIp);
  return { placement: await getPlacement(getDb(), user.id) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireArea(request, "participant-schedule", context.clientIp);
  const parsed = parseForm(placementSchema, await readForm(request));
  if (!parsed.ok) return data({ ok: false, fieldErrors: parsed.fieldErrors, values: parsed.values } satisfies ActionFailure, { status: 400 });
  await savePlacement(getDb(), user, user.id, parsed.data);
  return redirect("/deelnemer/praktijk");
}

export default function PlacementPage() {
  const { placement } = useLoaderData<typeof loader>();
  const failed = useActionData<ActionFailure>();
  const { t, date } = useT();
  return (
    <>
      <Paragraph>
        <Link to="/deelnemer/praktijk" className="utrecht-link">
          {t("practice.back")}
        </Link>
      </Paragraph>
      <Heading1 id="placement-heading">{t("placement.title")}</Heading1>
      <Paragraph lead>{t("placement.intro")}</Paragraph>
      <Explain term="leerplek" />
      <Explain term="werkbegeleider" />
      {placement?.updated_by_name ? (
        <Paragraph>{t("placement.updated", { name: placement.updated_by_name, date: date(placement.updated_at) })}</Paragraph>
      ) : null}
      <PlacementForm placement={placement} serverErrors={failed?.fieldErrors} values={failed?.values} />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
