import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import {
  Button,
  Heading1,
  Heading2,
  Paragraph,
  Select,
  SelectOption,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import { requireArea } from "../auth.server";
import { RouteErrorBoundary } from "../components/error-page";
import { InviteAnswer } from "../components/invite-answer";
import { SelectField, TextField, useIsSubmitting, useZodForm, ZodForm } from "../components/form";
import { getDb } from "../db.server";
import { intentOf, userErrorToFailure, type ActionFailure } from "../forms/action.server";
import { parseForm, readForm } from "../forms/parse.server";
import { changeRoleSchema, invitePersonSchema, PEOPLE_ROLES, userIdSchema } from "../forms/people";
import type { MessageKey } from "../i18n/nl";
import type { Params } from "../i18n/translate";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { enrolParticipant, listCohorts } from "../services/cohorts.server";
import { publicBaseUrl } from "../config.server";
import { createInvitation, invitationLink } from "../services/invitations.server";
import { changeRole, createInvitedUser, getPerson, listPeople, setActive } from "../services/users.server";
import { Answer } from "../components/answer";
import { mailEnabled } from "../services/mail-outbox.server";

export const meta = titleMeta("people.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireArea(request, "people", context.clientIp);
  const db = getDb();
  const [people, cohorts] = await Promise.all([listPeople(db), listCohorts(db)]);
  return { people, cohorts: cohorts.map((c) => ({ id: c.id, name: c.name })) };
}

type ActionResult =
  | (ActionFailure & { intent: string; userId?: number })
  | { ok: true; intent: string; message: { key: MessageKey; params?: Params }; invite?: { link: string; name: string; email: string; mailed: boolean } };

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireArea(request, "people", context.clientIp);
  const db = getDb();
  const formData = await readForm(request);
  const intent = intentOf(formData);
  // The app's public address for the link (also in the invitation mail): PUBLIC_URL, else this request's origin.
  const baseUrl = publicBaseUrl(request);
  const inviteResult = async (userId: number): Promise<ActionResult> => {
    const person = await getPerson(db, userId);
    if (!person) return { ok: false, intent, formError: { key: "people.notFound" } };
    const { token, mailQueued } = await createInvitation(db, userId, actor, undefined, { baseUrl });
    return {
      ok: true,
      intent,
      message: { key: "people.invite.created", params: { name: person.name, email: person.email } },
      invite: { link: invitationLink(baseUrl, token), name: person.name, email: person.email, mailed: mailQueued && mailEnabled() },
    };
  };
  try {
    switch (intent) {
      case "invite": {
        const parsed = parseForm(invitePersonSchema, formData);
        if (!parsed.ok) return data({ ok: false, intent, fieldErrors: parsed.fieldErrors, values: parsed.values }, { status: 400 });
        const user = await createInvitedUser(db, parsed.data, actor);
        if (parsed.data.role === "participant" && typeof parsed.data.cohortId === "number") {
          await enrolParticipant(db, parsed.data.cohortId, user.id, actor);
        }
        return inviteResult(user.id);
      }
      case "reinvite": {
        const parsed = parseForm(userIdSchema, formData);
        if (!parsed.ok) return data({ ok: false, intent, formError: { key: "people.notFound" } }, { status: 400 });
        return inviteResult(parsed.data.userId);
      }
      case "role": {
        const parsed = parseForm(changeRoleSchema, formData);
        if (!parsed.ok) return data({ ok: false, intent, formError: { key: "form.role.invalid" } }, { status: 400 });
        await changeRole(db, actor, parsed.data.userId, parsed.data.role);
        const person = await getPerson(db, parsed.data.userId);
        return { ok: true, intent, message: { key: "people.role.changed", params: { name: person?.name ?? "" } } };
      }
      case "disable":
      case "enable": {
        const parsed = parseForm(userIdSchema, formData);
        if (!parsed.ok) return data({ ok: false, intent, formError: { key: "people.notFound" } }, { status: 400 });
        await setActive(db, actor, parsed.data.userId, intent === "enable");
        const person = await getPerson(db, parsed.data.userId);
        return {
          ok: true,
          intent,
          message: { key: intent === "enable" ? "people.enabled" : "people.disabled", params: { name: person?.name ?? "" } },
        };
      }
      default:
        return data({ ok: false, intent, formError: { key: "form.invalid" } }, { status: 400 });
    }
  } catch (error) {
    const failure = userErrorToFailure(error, intent === "invite" ? (Object.fromEntries(formData.entries()) as Record<string, string>) : undefined);
    if (intent !== "invite" && failure.fieldErrors) {
      const key = Object.values(failure.fieldErrors)[0] as MessageKey;
      return data({ ok: false, intent, formError: { key } }, { status: 400 });
    }
    return data({ ...failure, intent }, { status: 400 });
  }
}

function InviteForm({ cohorts, result }: { cohorts: { id: number; name: string }[]; result?: ActionResult }) {
  const { t } = useT();
  const submitting = useIsSubmitting();
  const failed = result && !result.ok && result.intent === "invite" ? result : undefined;
  const ctx = useZodForm(invitePersonSchema, { serverErrors: failed?.fieldErrors });
  const v = (k: string) => (typeof failed?.values?.[k] === "string" ? (failed.values[k] as string) : undefined);
  return (
    <section aria-labelledby="add-heading" className="ll-section">
      <Heading2 id="add-heading">{t("people.add.heading")}</Heading2>
      <ZodForm ctx={ctx} formError={failed?.formError ? t(failed.formError.key, failed.formError.params) : null} aria-labelledby="add-heading">
        <TextField ctx={ctx} name="name" label={t("people.name")} autoComplete="off" defaultValue={v("name")} required />
        <TextField ctx={ctx} name="email" type="email" label={t("people.email")} autoComplete="off" defaultValue={v("email")} required />
        <SelectField
          ctx={ctx}
          name="role"
          label={t("people.role")}
          defaultValue={v("role") ?? "participant"}
          options={PEOPLE_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
        />
        <SelectField
          ctx={ctx}
          name="cohortId"
          label={t("people.cohort")}
          description={t("people.cohort.hint")}
          placeholder={t("people.cohort.none")}
          defaultValue={v("cohortId") ?? ""}
          options={cohorts.map((c) => ({ value: String(c.id), label: c.name }))}
        />
        <Button type="submit" name="intent" value="invite" appearance="primary-action-button" busy={submitting}>
          {t("people.add.submit")}
        </Button>
      </ZodForm>
    </section>
  );
}

export default function People() {
  const { people } = useLoaderData<typeof loader>();
  const { cohorts } = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const { t } = useT();
  return (
    <>
      <Heading1>{t("people.title")}</Heading1>
      <Paragraph>{t("people.intro")}</Paragraph>

      {result?.ok ? <InviteAnswer message={result.message} invite={result.invite} /> : null}
      {result && !result.ok && result.intent !== "invite" && result.formError ? (
        <Answer type="error">
          <Paragraph>{t(result.formError.key, result.formError.params)}</Paragraph>
        </Answer>
      ) : null}

      <InviteForm cohorts={cohorts} result={result} />

      <section className="ll-section">
        <Heading2 id="list-heading">{t("people.table.caption")}</Heading2>
        <div className="ll-table-scroll" role="region" aria-labelledby="list-heading" tabIndex={0}>
          <Table>
            <TableCaption className="ll-visually-hidden">{t("people.table.caption")}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t("people.name")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("people.email")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("people.role")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("people.cohort")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("people.table.status")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("people.table.actions")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {people.map((p) => (
                <TableRow key={p.id}>
                  <TableHeaderCell scope="row">{p.name}</TableHeaderCell>
                  <TableCell>{p.email}</TableCell>
                  <TableCell>
                    {p.role === "team_coordinator" ? (
                      <>
                        {t("role.team_coordinator")} (<Link to="/coordinator/buurtteams">{t("nav.buurtteams")}</Link>)
                      </>
                    ) : (
                      <Form method="post" className="ll-inline-form">
                        <input type="hidden" name="userId" value={p.id} />
                        <label htmlFor={`role-${p.id}`} className="ll-visually-hidden">
                          {t("people.role")}: {p.name}
                        </label>
                        <Select id={`role-${p.id}`} name="role" defaultValue={p.role}>
                          {PEOPLE_ROLES.map((r) => (
                            <SelectOption key={r} value={r}>
                              {t(`role.${r}`)}
                            </SelectOption>
                          ))}
                        </Select>
                        <Button
                          type="submit"
                          name="intent"
                          value="role"
                          appearance="secondary-action-button"
                          aria-label={`${t("people.role.save")}: ${p.name}`}
                        >
                          {t("people.role.save")}
                        </Button>
                      </Form>
                    )}
                  </TableCell>
                  <TableCell>{p.cohort_name ?? ""}</TableCell>
                  <TableCell>{t(`status.${p.status}`)}</TableCell>
                  <TableCell>
                    <Form method="post" className="ll-inline-form">
                      <input type="hidden" name="userId" value={p.id} />
                      {p.status !== "disabled" ? (
                        <Button
                          type="submit"
                          name="intent"
                          value="reinvite"
                          appearance="secondary-action-button"
                          aria-label={`${t("people.invite.again")}: ${p.name}`}
                        >
                          {t("people.invite.again")}
                        </Button>
                      ) : null}
                      <Button
                        type="submit"
                        name="intent"
                        value={p.status === "disabled" ? "enable" : "disable"}
                        appearance="subtle-button"
                        aria-label={`${t(p.status === "disabled" ? "people.enable" : "people.disable")}: ${p.name}`}
                      >
                        {t(p.status === "disabled" ? "people.enable" : "people.disable")}
                      </Button>
                    </Form>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
