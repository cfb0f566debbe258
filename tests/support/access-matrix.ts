/**
 * Who may open which route: the expected access, declared once per route file. The route
 * inventory test (tests/unit/route-inventory.test.ts) fails when a route file is missing here, and
 * the access-matrix test (tests/e2e/access-matrix.test.ts) walks every route × method × subject
 * against the running app and compares.
 *
 * Subjects (demo data):
 *   anon  nobody signed in
 *   p     deelnemer1, in cohort 2026-1: the participant whose records the paths point at
 *   p2    deelnemer13, in cohort 2027-1: another participant
 *   t     trainer@ (teaches 2026-1 and 2025-2)
 *   t2    trainer2@ (teaches 2027-1 and taught the alumni cohort 2025-1): a trainer of other cohorts
 *   e     examinator@: an examiner of the interview and certificate the paths point at
 *   e2    a new examiner, invited during the test: not assigned to anything
 *   c     coordinator@
 *   b     buurtteam@: the buurtteam-coördinator of Buurtteam Noord-Oost (issue 31); no course record
 *         is theirs to see, so every course route refuses them
 */
export const SUBJECTS = ["anon", "p", "p2", "t", "t2", "e", "e2", "c", "b"] as const;
export type Subject = (typeof SUBJECTS)[number];

export const SUBJECT_ROLE: Record<Exclude<Subject, "anon">, string> = {
  p: "participant",
  p2: "participant",
  t: "trainer",
  t2: "trainer",
  e: "examiner",
  e2: "examiner",
  c: "coordinator",
  b: "team_coordinator",
};

export interface DemoIds {
  /** cohort 2026-1 (p, t) */
  c1: number;
  /** cohort 2025-2, finished (t) */
  c3: number;
  /** deelnemer1 */
  p1: number;
  /** a lesson of c1 */
  meeting: number;
  /** an intervisie meeting of p1's own group */
  intervisie: number;
  /** a meeting of c1 with an oefenopdracht */
  assignment: number;
  /** a recent meeting p1 attended: open for p1's evaluation (issue 29 point 8) */
  evaluation: number;
  /** one of p1's practice entries */
  entry: number;
  /** the interview of deelnemer16 (examiners e and examinator2; planned, or finalised by another test) */
  interview: number;
  /** the certificate of deelnemer15 (assessed by e) */
  certificate: number;
  certificateCode: string;
  /** the open demo request of Buurtteam Noord-Oost (b's team; issue 31 point 3) */
  poolRequest: number;
  /** the demo city-wide intervisie group for alumni, facilitated by t (issue 31 point 4) */
  alumniGroup: number;
}

/** What a subject gets: the page (2xx), sent to sign in, sent elsewhere, refused (403/404), or any of these. */
export type Outcome = "ok" | "login" | "redirect" | "deny" | "any";

export interface RouteAccess {
  path: (ids: DemoIds) => string;
  /** subjects who get the page; everyone else signed in is refused, anon is sent to sign in */
  allow: readonly Subject[] | "everyone";
  /** per-subject exceptions to the rule above */
  except?: Partial<Record<Subject, Outcome>>;
  /** no sign-in needed: anon is judged like everyone else */
  public?: boolean;
  /** the route has an action: POST is walked too (refused for everyone not allowed; for public routes only checked for server errors) */
  post?: boolean;
}

const signedIn = ["p", "p2", "t", "t2", "e", "e2", "c", "b"] as const;
const coordinatorOnly: Pick<RouteAccess, "allow"> = { allow: ["c"] };
const participants: Pick<RouteAccess, "allow"> = { allow: ["p", "p2"] };
const cohortStaff: Pick<RouteAccess, "allow"> = { allow: ["t", "c"] };

export const ACCESS_MATRIX: Record<string, RouteAccess> = {
  "$.tsx": { path: () => "/bestaat-niet", allow: [], public: true },
  "_index.tsx": { path: () => "/", allow: [], except: Object.fromEntries(signedIn.map((s) => [s, "redirect"])) },
  "account.tsx": { path: () => "/account", allow: "everyone", post: true },
  // The one-click unsubscribe link needs no session: a made-up key is a 404 for everyone (GET and POST).
  "afmelden.$token.tsx": { path: () => "/afmelden/geen-echte-code-00000000000000000000000000", allow: [], public: true, post: true },
  // The calendar feed needs no session: a made-up token is a 404 for everyone.
  "agenda.$token[.]ics.ts": { path: () => "/agenda/geen-echte-code-00000000000000000000000000.ics", allow: [], public: true },
  "api.verify.$code.ts": { path: (i) => `/api/verify/${i.certificateCode}`, allow: "everyone", public: true },
  // Issue 30: the signed digital certificate (Open Badges 3.0): the app's DID document, its revocation list,
  // the credential of a certificate (like its PDF, or public with the code), and the check of a pasted one.
  "[.]well-known.did[.]json.ts": { path: () => "/.well-known/did.json", allow: "everyone", public: true },
  "credentials.status.$list.ts": { path: () => "/credentials/status/1", allow: "everyone", public: true },
  "certificaten.$id.credential[.]json.tsx": { path: (i) => `/certificaten/${i.certificate}/credential.json`, allow: ["e", "c"] },
  "verify.$code_.credential[.]json.ts": { path: (i) => `/verify/${i.certificateCode}/credential.json`, allow: "everyone", public: true },
  "verify.credential.tsx": { path: () => "/verify/credential", allow: "everyone", public: true, post: true },
  "api.verify-credential.ts": { path: () => "/api/verify-credential", allow: "everyone", public: true, post: true },
  "bevestigen.$token.tsx": { path: () => "/bevestigen/geen-echte-code-0000000000", allow: [], public: true },
  "certificaten.$id.certificaat[.]pdf.tsx": { path: (i) => `/certificaten/${i.certificate}/certificaat.pdf`, allow: ["e", "c"] },
  "coordinator._index.tsx": { path: () => "/coordinator", ...coordinatorOnly },
  "coordinator.auditlog.tsx": { path: () => "/coordinator/auditlog", ...coordinatorOnly },
  "coordinator.berichten.tsx": { path: () => "/coordinator/berichten", ...coordinatorOnly, post: true },
  "coordinator.certificaten._index.tsx": { path: () => "/coordinator/certificaten", ...coordinatorOnly, post: true },
  "coordinator.certificaten.groep.$cohortId.boek[.]pdf.tsx": { path: (i) => `/coordinator/certificaten/groep/${i.c3}/boek.pdf`, ...coordinatorOnly },
  "coordinator.certificaten[.]csv.tsx": { path: () => "/coordinator/certificaten.csv", ...coordinatorOnly },
  "coordinator.cohorten.$id.tsx": { path: (i) => `/coordinator/cohorten/${i.c1}`, ...coordinatorOnly, post: true },
  "coordinator.cohorten._index.tsx": { path: () => "/coordinator/cohorten", ...coordinatorOnly, post: true },
  "coordinator.eindgesprekken.tsx": { path: () => "/coordinator/eindgesprekken", ...coordinatorOnly },
  "coordinator.mensen.tsx": { path: () => "/coordinator/mensen", ...coordinatorOnly, post: true },
  // Buurtteams and their buurtteam-coördinatoren (issue 31).
  "coordinator.buurtteams.tsx": { path: () => "/coordinator/buurtteams", ...coordinatorOnly, post: true },
  "coordinator.privacy.tsx": { path: () => "/coordinator/privacy", ...coordinatorOnly, post: true },
  "coordinator.rapportage.$cohortId[.]csv.tsx": { path: (i) => `/coordinator/rapportage/${i.c1}.csv`, ...coordinatorOnly },
  "coordinator.rapportage.$cohortId[.]pdf.tsx": { path: (i) => `/coordinator/rapportage/${i.c1}.pdf`, ...coordinatorOnly },
  "coordinator.rapportage._index.tsx": { path: () => "/coordinator/rapportage", ...coordinatorOnly },
  // Issue 31, point 5: the pool's figures for the funder (aggregates only), page and CSV.
  "coordinator.rapportage.pool.tsx": { path: () => "/coordinator/rapportage/pool", ...coordinatorOnly },
  "coordinator.pool-cijfers[.]csv.tsx": { path: () => "/coordinator/pool-cijfers.csv", ...coordinatorOnly },
  "coordinator.namenlijst[.]csv.tsx": { path: (i) => `/coordinator/namenlijst.csv?groep=${i.c1}&doel=administratie`, ...coordinatorOnly },
  // Issue 30, point 1: the post chooses whether the name is in the digital certificate (own certificate only).
  "deelnemer._index.tsx": { path: () => "/deelnemer", ...participants },
  // The digital certificate and the choice of the name in it (issue 30); without a certificate a calm line.
  "deelnemer.digitaal-certificaat.tsx": { path: () => "/deelnemer/digitaal-certificaat", ...participants, post: true },
  // Reporting absence ahead for a meeting of p's own rooster; p2 is in another cohort (404).
  "deelnemer.afmelden.$meetingId.tsx": { path: (i) => `/deelnemer/afmelden/${i.meeting}`, allow: ["p"], post: true },
  // A meeting of p's own rooster; p2 is in another cohort (404).
  "deelnemer.agenda.$meetingId[.]ics.ts": { path: (i) => `/deelnemer/agenda/${i.meeting}.ics`, allow: ["p"] },
  "deelnemer.eindgesprek.tsx": { path: () => "/deelnemer/eindgesprek", ...participants, post: true },
  // the short anonymous evaluation after a meeting (issue 29 point 8)
  "deelnemer.evaluatie.$meetingId.tsx": { path: (i) => `/deelnemer/evaluatie/${i.evaluation}`, allow: ["p"], post: true },
  // self check-in with the code on the trainer's screen (issue 29 point 4)
  "deelnemer.inchecken.tsx": { path: () => "/deelnemer/inchecken", ...participants, post: true },
  "deelnemer.gop.tsx": { path: () => "/deelnemer/gop", ...participants, except: { p: "redirect", p2: "redirect" } },
  "deelnemer.intervisie.$meetingId.tsx": { path: (i) => `/deelnemer/intervisie/${i.intervisie}`, allow: ["p"], post: true },
  "deelnemer.leerplek.tsx": { path: () => "/deelnemer/leerplek", ...participants, post: true },
  "deelnemer.mijn-gegevens.tsx": { path: () => "/deelnemer/mijn-gegevens", ...participants },
  "deelnemer.mijn-gegevens[.]zip.tsx": { path: () => "/deelnemer/mijn-gegevens.zip", ...participants },
  "deelnemer.opdrachten.$meetingId.tsx": { path: (i) => `/deelnemer/opdrachten/${i.assignment}`, allow: ["p"], post: true },
  "deelnemer.opdrachten._index.tsx": { path: () => "/deelnemer/opdrachten", ...participants },
  // The pool of ervaringsdeskundigen (issue 31): only a participant with a valid certificate (or one
  // still in the pool). p and p2 are not certified: refused like everyone else. The certified case
  // (deelnemer15) is walked in tests/e2e/pool.test.ts and tests/integration/pool.test.ts.
  "deelnemer.pool.tsx": { path: () => "/deelnemer/pool", allow: [], post: true },
  // Issue 31 point 3: requests from buurtteams. The buurtteam-coördinator's pages: b only (their own team's
  // request; another team's is a 404, tests/integration/pool-requests.test.ts). The member's invitations: like
  // /deelnemer/pool, only someone certified, in the pool or invited before; p and p2 are none of these.
  "buurtteam._index.tsx": { path: () => "/buurtteam", allow: ["b"] },
  "buurtteam.vragen.nieuw.tsx": { path: () => "/buurtteam/vragen/nieuw", allow: ["b"], post: true },
  "buurtteam.vragen.$requestId.tsx": { path: (i) => `/buurtteam/vragen/${i.poolRequest}`, allow: ["b"], post: true },
  "deelnemer.vragen.tsx": { path: () => "/deelnemer/vragen", allow: [], post: true },
  // City-wide intervisie for alumni (issue 31 point 4, decision 025): alumni only (p and p2 are not
  // certified: refused as by the pool; deelnemer15 is walked in tests/e2e/alumni-intervisie.test.ts);
  // the groups for coordinators; a group's meetings for its facilitator (t) and coordinators, t2 gets 404.
  "deelnemer.intervisie-alumni.tsx": { path: () => "/deelnemer/intervisie-alumni", allow: [], post: true },
  "coordinator.intervisie-alumni._index.tsx": { path: () => "/coordinator/intervisie-alumni", ...coordinatorOnly, post: true },
  "coordinator.intervisie-alumni.$groupId.tsx": { path: (i) => `/coordinator/intervisie-alumni/${i.alumniGroup}`, ...coordinatorOnly, post: true },
  "trainer.intervisie-alumni.$groupId.tsx": { path: (i) => `/trainer/intervisie-alumni/${i.alumniGroup}`, ...cohortStaff, post: true },
  "deelnemer.pop.tsx": { path: () => "/deelnemer/pop", ...participants, post: true },
  "deelnemer.pop[.]pdf.tsx": { path: () => "/deelnemer/pop.pdf", ...participants },
  "deelnemer.praktijk.$entryId.tsx": { path: (i) => `/deelnemer/praktijk/${i.entry}`, allow: ["p"], post: true },
  "deelnemer.praktijk._index.tsx": { path: () => "/deelnemer/praktijk", ...participants, post: true },
  "deelnemer.privacy.tsx": { path: () => "/deelnemer/privacy", ...participants, post: true },
  "deelnemer.rooster.tsx": { path: () => "/deelnemer/rooster", ...participants },
  "deelnemer.trainingen.tsx": { path: () => "/deelnemer/trainingen", ...participants, post: true },
  "deelnemers.$id.tsx": { path: (i) => `/deelnemers/${i.p1}`, allow: ["p", "t", "c"] },
  "eindgesprekken.$id.tsx": { path: (i) => `/eindgesprekken/${i.interview}`, allow: ["e", "c"], post: true },
  "eindgesprekken.nieuw.tsx": { path: () => "/eindgesprekken/nieuw", allow: ["e", "e2", "c"], post: true },
  "examinator._index.tsx": { path: () => "/examinator", allow: ["e", "e2"] },
  "groepen.$cohortId.aanwezigheid[.]csv.tsx": { path: (i) => `/groepen/${i.c1}/aanwezigheid.csv`, ...cohortStaff },
  "groepen.$cohortId.bijeenkomsten.$meetingId.agenda[.]ics.ts": { path: (i) => `/groepen/${i.c1}/bijeenkomsten/${i.meeting}/agenda.ics`, ...cohortStaff },
  "groepen.$cohortId.bijeenkomsten.$meetingId.presentielijst[.]pdf.tsx": {
    path: (i) => `/groepen/${i.c1}/bijeenkomsten/${i.meeting}/presentielijst.pdf`,
    ...cohortStaff,
  },
  "groepen.$cohortId.bijeenkomsten.$meetingId._index.tsx": { path: (i) => `/groepen/${i.c1}/bijeenkomsten/${i.meeting}`, ...cohortStaff, post: true },
  "groepen.$cohortId.bijeenkomsten.$meetingId.aanwezigheid.tsx": {
    path: (i) => `/groepen/${i.c1}/bijeenkomsten/${i.meeting}/aanwezigheid`,
    ...cohortStaff,
    post: true,
  },
  // the check-in screen with the code of the minute (issue 29 point 4)
  "groepen.$cohortId.bijeenkomsten.$meetingId.inchecken.tsx": { path: (i) => `/groepen/${i.c1}/bijeenkomsten/${i.meeting}/inchecken`, ...cohortStaff },
  "groepen.$cohortId.bijeenkomsten.$meetingId.opdracht.tsx": {
    path: (i) => `/groepen/${i.c1}/bijeenkomsten/${i.assignment}/opdracht`,
    ...cohortStaff,
    post: true,
  },
  "groepen.$cohortId.bijeenkomsten.nieuw.tsx": { path: (i) => `/groepen/${i.c1}/bijeenkomsten/nieuw`, ...cohortStaff, post: true },
  // a series of meetings in one form (issue 29 point 6)
  "groepen.$cohortId.bijeenkomsten.reeks.tsx": { path: (i) => `/groepen/${i.c1}/bijeenkomsten/reeks`, ...cohortStaff, post: true },
  // The group's plan: its members and its trainers (like the POP, not the coordinator).
  "groepen.$cohortId.gop.tsx": { path: (i) => `/groepen/${i.c1}/gop`, allow: ["p", "t"], post: true },
  "groepen.$cohortId.gop[.]pdf.tsx": { path: (i) => `/groepen/${i.c1}/gop.pdf`, allow: ["p", "t"] },
  "groepen.$cohortId.intervisiegroepen.tsx": { path: (i) => `/groepen/${i.c1}/intervisiegroepen`, ...cohortStaff, post: true },
  "groepen.$cohortId.opdrachten.tsx": { path: (i) => `/groepen/${i.c1}/opdrachten`, ...cohortStaff },
  "groepen.$cohortId.praktijk.$participantId.tsx": { path: (i) => `/groepen/${i.c1}/praktijk/${i.p1}`, ...cohortStaff, post: true },
  "groepen.$cohortId.praktijk._index.tsx": { path: (i) => `/groepen/${i.c1}/praktijk`, ...cohortStaff },
  "groepen.$cohortId.rooster.tsx": { path: (i) => `/groepen/${i.c1}/rooster`, ...cohortStaff },
  "groepen.$cohortId.trainingen.tsx": { path: (i) => `/groepen/${i.c1}/trainingen`, ...cohortStaff, post: true },
  "groepen.$cohortId.voortgang.$participantId.tsx": { path: (i) => `/groepen/${i.c1}/voortgang/${i.p1}`, ...cohortStaff, post: true },
  "groepen.$cohortId.voortgang._index.tsx": { path: (i) => `/groepen/${i.c1}/voortgang`, ...cohortStaff },
  "healthz.ts": { path: () => "/healthz", allow: "everyone", public: true },
  // The curriculum is for the course's people; a buurtteam-coördinator is not one of them.
  "leerlijn.tsx": { path: () => "/leerlijn", allow: "everyone", except: { b: "deny" } },
  "login.tsx": { path: () => "/login", allow: "everyone", public: true, except: Object.fromEntries(signedIn.map((s) => [s, "any"])) },
  // Without an open sign-in challenge (password first) the code step sends everyone back to /login.
  "login_.code.tsx": {
    path: () => "/login/code",
    allow: [],
    public: true,
    except: Object.fromEntries(["anon", ...signedIn].map((s) => [s, "login"])),
    post: true,
  },
  "logout.tsx": { path: () => "/logout", allow: [], public: true, except: Object.fromEntries(["anon", ...signedIn].map((s) => [s, "any"])) },
  "pop.$participantId._index.tsx": { path: (i) => `/pop/${i.p1}`, allow: ["t"], except: { p: "redirect" }, post: true },
  "pop.$participantId.versies.tsx": { path: (i) => `/pop/${i.p1}/versies`, allow: ["t"], except: { p: "any" }, post: true },
  // LEERLIJN_BENCH_ROUTES is not set in the tests: a 404 for everyone, like any unknown path.
  "bench.kaal.tsx": { path: () => "/bench/kaal", allow: [], public: true, except: Object.fromEntries(["anon", ...signedIn].map((s) => [s, "deny"])) },
  // Test-only: fails on purpose when LEERLIJN_TEST_ROUTES=1 (as in the browser tests), else a 404.
  "test.fout.tsx": { path: () => "/test/fout", allow: [], public: true, except: Object.fromEntries(["anon", ...signedIn].map((s) => [s, "any"])) },
  // The own session's time left: JSON for everyone (an ended one for anon).
  "sessie.ts": { path: () => "/sessie", allow: "everyone", public: true },
  "taal.tsx": { path: () => "/taal", allow: [], public: true, except: Object.fromEntries(["anon", ...signedIn].map((s) => [s, "any"])) },
  "toegankelijkheid.tsx": { path: () => "/toegankelijkheid", allow: "everyone", public: true },
  "trainer._index.tsx": { path: () => "/trainer", allow: ["t", "t2"] },
  "trainer.cohorten.$id.tsx": { path: (i) => `/trainer/cohorten/${i.c1}`, allow: ["t"] },
  "uitnodiging.$token.tsx": { path: () => "/uitnodiging/geen-echte-code-0000000000", allow: [], public: true },
  // "Wachtwoord vergeten?" (issue 28): the form for everyone; a made-up reset link is a 404 for everyone.
  "wachtwoord-vergeten.tsx": { path: () => "/wachtwoord-vergeten", allow: "everyone", public: true, post: true },
  "nieuw-wachtwoord.$token.tsx": { path: () => "/nieuw-wachtwoord/geen-echte-code-0000000000", allow: [], public: true },
  "verify._index.tsx": { path: () => "/verify", allow: "everyone", public: true, post: true },
  "verify.$code.tsx": { path: (i) => `/verify/${i.certificateCode}`, allow: "everyone", public: true },
};

/** The expected outcome of a GET for one subject. */
export function expectedOutcome(route: RouteAccess, subject: Subject): Outcome {
  const exception = route.except?.[subject];
  if (exception) return exception;
  if (subject === "anon" && !route.public) return "login";
  if (route.allow === "everyone") return "ok";
  return route.allow.includes(subject) ? "ok" : "deny";
}

/**
 * A refusal for someone whose role may use the route but who has no relation to the record
 * (another participant, a trainer of another cohort, an examiner not assigned) must be a 404:
 * the answer does not even say the record exists.
 */
export function mustBeNotFound(route: RouteAccess, subject: Subject): boolean {
  if (subject === "anon" || route.allow === "everyone" || route.public) return false;
  const roles = new Set(route.allow.filter((s) => s !== "anon").map((s) => SUBJECT_ROLE[s as Exclude<Subject, "anon">]));
  return expectedOutcome(route, subject) === "deny" && roles.has(SUBJECT_ROLE[subject]);
}
