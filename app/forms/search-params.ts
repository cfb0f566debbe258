/**
 * Reading a page's query string (`?pagina=`): the route's work, done before it calls a service.
 * Services take the parsed values, never the request.
 */

/** The page number asked for in `?pagina=`, 1 when missing or not a number. */
export function pageParam(request: Request, name = "pagina"): number {
  const n = Number(new URL(request.url).searchParams.get(name));
  return Number.isInteger(n) && n > 0 ? n : 1;
}

/** The page of interview candidates asked for in `?kandidaten=`, 1 when missing or not a number. */
export const candidatesPageParam = (request: Request): number => pageParam(request, "kandidaten");
