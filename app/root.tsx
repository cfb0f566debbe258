import "./zod-setup";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteError, isRouteErrorResponse, useRouteLoaderData } from "@remix-run/react";
import { useEffect, useReducer, type ReactNode } from "react";
import stylesheet from "./styles/index.css?url";
import { getUser, keptFormFor } from "./auth.server";
import { config } from "./config.server";
import { AppShell, type ShellUser } from "./components/app-shell";
import { ErrorPage } from "./components/error-page";
import { SessionTimeout } from "./components/session-timeout";
import { hasWords, loadDictionary } from "./i18n/dictionaries";
import { getLang } from "./i18n/i18n.server";
import { DEFAULT_LANG, isLang, translate, type Lang } from "./i18n/translate";
import { WORD_SET_ATTRIBUTE, wordSetFor } from "./i18n/words";
import { errorTitleKey } from "./meta";
import { INLINE_CSS_ID, useInlineCss, useNonce } from "./request-info";

// The stylesheet is not among the links: the Layout links it, or puts it inline on a first visit.
export const links: LinksFunction = () => [{ rel: "icon", href: "/favicon.svg", type: "image/svg+xml" }];

export const meta: MetaFunction<typeof loader> = ({ data, error }) => {
  const lang = isLang(data?.lang) ? data.lang : DEFAULT_LANG;
  // An error shown by the root's boundary: the title says what happened, like the page's h1.
  return [{ title: error ? `${translate(lang, errorTitleKey(error))} · ${translate(lang, "app.name")}` : translate(lang, "app.name") }];
};

export async function loader({ request }: LoaderFunctionArgs) {
  const [user, lang] = await Promise.all([getUser(request), getLang(request)]);
  const shellUser: ShellUser | null = user ? { id: user.id, name: user.name, role: user.role } : null;
  // Text typed before a time-out, for the form on this page (see components/kept-form.tsx).
  const kept = user ? await keptFormFor(request, user) : null;
  return {
    user: shellUser,
    lang,
    idleMinutes: user ? config().sessionIdleMinutes : null,
    kept: kept ? { path: new URL(request.url).pathname, ...kept } : null,
  };
}

type RootData = Awaited<ReturnType<typeof loader>>;

/**
 * Whether this page's words are in the browser. They are at the first render (entry.client.tsx loads
 * them before hydrating); after signing in as staff from a page with the participants' words, the
 * whole dictionary loads first: the Layout renders neither title nor content until then (a moment
 * without content rather than missing words).
 */
function useWordsHere(lang: Lang, role: string | null | undefined): boolean {
  const set = wordSetFor(role);
  const here = hasWords(lang, set);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    if (!here) void loadDictionary(lang, set).then(rerender);
  }, [here, lang, set]);
  return here;
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<RootData>("root");
  const lang = isLang(data?.lang) ? data.lang : DEFAULT_LANG;
  const nonce = useNonce();
  const inlineCss = useInlineCss();
  const wordsHere = useWordsHere(lang, data?.user?.role);
  return (
    <html lang={lang} className="ll-html" {...{ [WORD_SET_ATTRIBUTE]: wordSetFor(data?.user?.role) }}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {wordsHere ? <Meta /> : null}
        <Links />
        {inlineCss === null ? (
          <link rel="stylesheet" href={stylesheet} />
        ) : (
          <style id={INLINE_CSS_ID} nonce={nonce} dangerouslySetInnerHTML={{ __html: inlineCss }} />
        )}
      </head>
      <body className="leerlijn-theme utrecht-document utrecht-document--surface">
        {wordsHere ? children : null}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
        {/* After a first visit with the stylesheet inline: fetch the file for the next pages, last. */}
        {inlineCss === null ? null : <link rel="prefetch" href={stylesheet} />}
      </body>
    </html>
  );
}

export default function App() {
  const data = useRouteLoaderData<RootData>("root");
  return (
    <AppShell user={data?.user ?? null}>
      <Outlet />
      {data?.idleMinutes ? <SessionTimeout idleMinutes={data.idleMinutes} /> : null}
    </AppShell>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<RootData>("root");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return (
    <AppShell user={data?.user ?? null}>
      <ErrorPage status={status} />
    </AppShell>
  );
}
