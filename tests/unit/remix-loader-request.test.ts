/**
 * patches/@remix-run+server-runtime+*.patch (applied by `npm install`, see patches/README.md):
 * a loader gets the request Remix received, not two fresh copies of it, unless the URL carries a
 * parameter Remix strips (`index`, `_routes`, `_data`). These tests fail when the patch is not
 * applied (a Remix upgrade, an install without scripts) and when stripping itself breaks.
 */
import { callRouteAction, callRouteLoader } from "@remix-run/server-runtime/dist/data.js";

type Args = { request: Request };

async function requestSeenByLoader(request: Request, singleFetch: boolean): Promise<Request> {
  let seen: Request | undefined;
  await callRouteLoader({
    loadContext: {},
    loader: (args: Args) => {
      seen = args.request;
      return null;
    },
    params: {},
    request,
    routeId: "routes/test",
    singleFetch,
  } as unknown as Parameters<typeof callRouteLoader>[0]);
  return seen!;
}

describe("the request a loader gets", () => {
  it("is the request itself when there is nothing to strip (single fetch and classic)", async () => {
    const request = new Request("http://localhost/deelnemer?tab=2", { signal: new AbortController().signal });
    expect(await requestSeenByLoader(request, true)).toBe(request);
    expect(await requestSeenByLoader(request, false)).toBe(request);
  });

  it("still loses Remix's own parameters, and keeps the rest", async () => {
    const request = new Request("http://localhost/deelnemer?index&_routes=root&tab=2");
    const seen = await requestSeenByLoader(request, true);
    expect(seen).not.toBe(request);
    expect(new URL(seen.url).search).toBe("?tab=2");
    const classic = await requestSeenByLoader(new Request("http://localhost/a?_data=routes%2Fa&index=1"), false);
    expect(new URL(classic.url).search).toBe("?index=1");
  });

  it("still follows the abort of the request it came from", async () => {
    const controller = new AbortController();
    const seen = await requestSeenByLoader(new Request("http://localhost/a?index", { signal: controller.signal }), true);
    expect(seen.signal.aborted).toBe(false);
    controller.abort();
    expect(seen.signal.aborted).toBe(true);
  });

  it("lets an action read the body of the request it was sent", async () => {
    let text = "";
    await callRouteAction({
      loadContext: {},
      action: async ({ request }: Args) => {
        text = await request.text();
        return null;
      },
      params: {},
      request: new Request("http://localhost/a", { method: "POST", body: "naam=Sam" }),
      routeId: "routes/a",
      singleFetch: true,
    } as unknown as Parameters<typeof callRouteAction>[0]);
    expect(text).toBe("naam=Sam");
  });
});
