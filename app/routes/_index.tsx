import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "../auth.server";
import { homePathFor } from "../rules/policy";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  throw redirect(homePathFor(user.role));
}
