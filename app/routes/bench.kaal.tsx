import { useT } from "../i18n/use-t";

/**
 * For the benchmark only (LEERLIJN_BENCH_ROUTES=1, set by `npm run bench`): a page in the normal
 * layout whose loader does no database work, so the benchmark can measure what one app process
 * serves at most (the "ceiling") and report every other page as a share of it.
 * Everywhere else this path is an ordinary 404.
 */
function enabled(): boolean {
  return process.env.LEERLIJN_BENCH_ROUTES === "1";
}

export function loader() {
  if (!enabled()) throw new Response("Not Found", { status: 404 });
  return { ok: true };
}

export default function BenchBare() {
  const { t } = useT();
  return (
    <section>
      <h1>{t("benchRoute.title")}</h1>
      <p>{t("benchRoute.body")}</p>
    </section>
  );
}
