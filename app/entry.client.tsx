import "./zod-setup";
import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { loadDictionary } from "./i18n/dictionaries.client";
import { DEFAULT_LANG, isLang } from "./i18n/translate";
import { WORD_SET_ATTRIBUTE } from "./i18n/words";
import { REF_ATTRIBUTE, REF_HEADER, RequestInfoProvider, type RequestInfo } from "./request-info";

/**
 * The reference code the error page shows. After a full page load it is the one the server wrote into
 * the page; after a failed data request (client-side navigation or form post) it is the code from that
 * response's header, so the page shows the same code as the server's log line.
 */
const errorRef: RequestInfo["errorRef"] = {
  current: document.querySelector(`[${REF_ATTRIBUTE}]`)?.getAttribute(REF_ATTRIBUTE) ?? null,
};

function watchServerErrors() {
  const original = window.fetch.bind(window);
  window.fetch = async (...args: Parameters<typeof fetch>) => {
    const response = await original(...args);
    try {
      const url = new URL(response.url || window.location.href);
      if (url.origin === window.location.origin && url.pathname.endsWith(".data")) {
        errorRef.current = response.status >= 500 ? response.headers.get(REF_HEADER) : null;
      }
    } catch {
      /* a URL we cannot read: leave the code as it is */
    }
    return response;
  };
}

watchServerErrors();

// Only the page's language comes to the browser (its own chunk), before React renders any text; for
// participants and visitors without the words only staff pages use (app/i18n/words.ts).
const lang = document.documentElement.lang;
await loadDictionary(isLang(lang) ? lang : DEFAULT_LANG, document.documentElement.getAttribute(WORD_SET_ATTRIBUTE) === "public" ? "public" : "all");

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RequestInfoProvider value={{ errorRef }}>
        <RemixBrowser />
      </RequestInfoProvider>
    </StrictMode>,
  );
});
