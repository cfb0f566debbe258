import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { Button, FormLabel, PageContent, PageFooter, PageHeader, Paragraph, Select, SelectOption, SkipLink } from "@utrecht/component-library-react";
import { type ReactNode, useEffect, useRef } from "react";
import type { Role } from "../../db/schema";
import type { MessageKey } from "../i18n/nl";
import { useT } from "../i18n/use-t";
import { LANGUAGES } from "../i18n/translate";
import { StatusRegion } from "./answer";

export interface ShellUser {
  id: number;
  name: string;
  role: Role;
}

function navFor(user: ShellUser): { to: string; label: MessageKey; end?: boolean }[] {
  switch (user.role) {
    case "participant":
      return [
        { to: "/deelnemer", label: "nav.participantHome", end: true },
        { to: "/deelnemer/rooster", label: "nav.mySchedule" },
        { to: "/deelnemer/opdrachten", label: "nav.assignments" },
        { to: "/deelnemer/pop", label: "nav.myPop" },
        { to: "/deelnemer/trainingen", label: "nav.trainings" },
        { to: "/deelnemer/praktijk", label: "nav.practice" },
        { to: "/deelnemer/eindgesprek", label: "nav.myInterview" },
        { to: "/deelnemer/gop", label: "nav.ourGop" },
        { to: `/deelnemers/${user.id}`, label: "nav.myDetails" },
        { to: "/leerlijn", label: "nav.curriculum" },
        { to: "/account", label: "nav.account" },
      ];
    case "trainer":
      return [
        { to: "/trainer", label: "nav.trainerHome" },
        { to: "/leerlijn", label: "nav.curriculum" },
        { to: "/account", label: "nav.account" },
      ];
    case "examiner":
      return [
        { to: "/examinator", label: "nav.examinerHome" },
        { to: "/leerlijn", label: "nav.criteria" },
        { to: "/account", label: "nav.account" },
      ];
    case "coordinator":
      return [
        { to: "/coordinator", label: "nav.coordinatorHome", end: true },
        { to: "/coordinator/mensen", label: "nav.people" },
        { to: "/coordinator/cohorten", label: "nav.cohorts" },
        { to: "/coordinator/rapportage", label: "nav.reports" },
        { to: "/coordinator/eindgesprekken", label: "nav.interviews" },
        { to: "/coordinator/certificaten", label: "nav.certificates" },
        { to: "/coordinator/buurtteams", label: "nav.buurtteams" },
        { to: "/coordinator/berichten", label: "nav.messages" },
        { to: "/leerlijn", label: "nav.curriculum" },
        { to: "/account", label: "nav.account" },
      ];
    case "team_coordinator":
      return [
        { to: "/buurtteam", label: "nav.teamHome", end: true },
        { to: "/account", label: "nav.account" },
      ];
  }
}

function LanguageForm() {
  const { t, lang } = useT();
  const location = useLocation();
  return (
    // A full page load, also with JavaScript: the browser then loads the new language's dictionary
    // (only the page's language is in the browser; app/i18n/dictionaries.client.ts).
    <Form method="post" action="/taal" className="ll-lang-form" reloadDocument>
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <FormLabel htmlFor="ll-lang">{t("lang.label")}</FormLabel>
      <Select id="ll-lang" name="lang" defaultValue={lang}>
        {LANGUAGES.map((l) => (
          <SelectOption key={l} value={l} lang={l}>
            {t(`lang.${l}`)}
          </SelectOption>
        ))}
      </Select>
      <Button type="submit" appearance="secondary-action-button">
        {t("lang.submit")}
      </Button>
    </Form>
  );
}

/**
 * After a link inside the app (a client-side navigation, not the first load) a screen reader hears
 * nothing and focus would fall to the page body: focus goes to the new page's h1 instead (WCAG 2.4.3),
 * which reads its name. Not when the new page already put focus somewhere itself (an answer after a
 * save, app/components/answer.tsx: child effects run first), and not for a change of the query only
 * (a filter form, a sort order), where the person stays where they were.
 */
function useFocusHeadingOnNavigation(pathname: string) {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const active = document.activeElement;
    if (active && active !== document.body && document.contains(active)) return;
    const heading = document.querySelector<HTMLElement>("main h1");
    if (!heading) return;
    if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
    heading.focus({ preventScroll: true });
  }, [pathname]);
}

export function AppShell({ user, children }: { user: ShellUser | null; children: ReactNode }) {
  const { t } = useT();
  const location = useLocation();
  useFocusHeadingOnNavigation(location.pathname);
  return (
    <div className="ll-page">
      <SkipLink href="#inhoud">{t("nav.skip")}</SkipLink>
      <PageHeader className="ll-header">
        <div className="ll-header__inner">
          <p className="ll-brand">
            <NavLink to="/" className="ll-brand__link">
              {t("app.name")}
            </NavLink>
            <span className="ll-brand__provider">{t("app.provider")}</span>
          </p>
          {user ? (
            <div className="ll-user">
              <Paragraph className="ll-user__name">{t("nav.signedInAs", { name: user.name, role: t(`role.${user.role}`) })}</Paragraph>
              <Form method="post" action="/logout">
                <Button type="submit" appearance="subtle-button">
                  {t("nav.logout")}
                </Button>
              </Form>
            </div>
          ) : null}
        </div>
        {user ? (
          <nav aria-label={t("nav.label")} className="ll-nav">
            {/* One "Menu" button on a small screen, without JavaScript: a native disclosure (Chromium, Firefox
                and Safari expose <summary> as a button with aria-expanded). On a wide screen app.css hides the
                button and shows the links as a row, whether the disclosure is open or not. */}
            {/* Keyed on the page: after following a link (client-side) the menu is folded again. */}
            <details className="ll-menu" key={location.pathname}>
              <summary className="ll-menu__button">{t("nav.menu")}</summary>
              <ul className="ll-nav__list">
                {navFor(user).map((item) => (
                  <li key={item.to} className="ll-nav__item">
                    <NavLink to={item.to} end={item.end} className="ll-nav__link">
                      {t(item.label)}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </details>
          </nav>
        ) : null}
      </PageHeader>
      <PageContent className="ll-content">
        <main id="inhoud" tabIndex={-1} className="ll-main">
          {children}
        </main>
      </PageContent>
      <PageFooter className="ll-footer">
        <div className="ll-footer__inner">
          <LanguageForm />
          <Paragraph small>
            <Link to="/toegankelijkheid" className="utrecht-link">
              {t("footer.statement")}
            </Link>
          </Paragraph>
          <Paragraph small>{t("app.provider")}</Paragraph>
        </div>
      </PageFooter>
      {/* The page's one status region: always there, filled when something is saved (issue 27, point 3). */}
      <StatusRegion />
    </div>
  );
}
