import { Form } from "@remix-run/react";
import { RouteErrorBoundary } from "../components/error-page";
import { useT } from "../i18n/use-t";

/**
 * For the tests only (LEERLIJN_TEST_ROUTES=1, set by the e2e setup): a page whose loader and action
 * fail unexpectedly, with personal-looking data in the error message, so the tests can check the error
 * page's reference code and that the log line with the same code holds no personal data.
 * Everywhere else this path is an ordinary 404.
 */
function enabled(): boolean {
  return process.env.LEERLIJN_TEST_ROUTES === "1";
}

const FAKE_STORY = "Mijn ervaringsverhaal: ik sliep drie maanden in een auto en schaamde me diep";

function fail(): never {
  throw new Error(`Testfout voor test.persoon@example.nl met "${FAKE_STORY}"`);
}

export function loader({ request }: { request: Request }) {
  if (!enabled()) throw new Response("Not Found", { status: 404 });
  if (new URL(request.url).searchParams.get("fout") === "1") fail();
  return null;
}

export function action() {
  if (!enabled()) throw new Response("Not Found", { status: 404 });
  fail();
}

export default function TestFout() {
  const { t } = useT();
  return (
    <section>
      <h1>{t("testRoute.title")}</h1>
      <Form method="post">
        <button type="submit" className="utrecht-button utrecht-button--primary-action">
          {t("testRoute.submit")}
        </button>
      </Form>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
