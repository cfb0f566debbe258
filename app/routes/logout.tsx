import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { endSession } from "../auth.server";

export async function action({ request }: ActionFunctionArgs) {
  const cookie = await endSession(request);
  return redirect("/login?uitgelogd=1", { headers: { "Set-Cookie": cookie } });
}

export function loader() {
  return redirect("/");
}
