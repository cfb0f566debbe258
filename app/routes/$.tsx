import { RouteErrorBoundary } from "../components/error-page";
import { titleMeta } from "../meta";

/** Titled "Pagina niet gevonden" (its error), not just the app's name. */
export const meta = titleMeta("error.404.title");

export function loader(): never {
  throw new Response("Not Found", { status: 404 });
}

export default function NotFound() {
  return null;
}

export const ErrorBoundary = RouteErrorBoundary;
