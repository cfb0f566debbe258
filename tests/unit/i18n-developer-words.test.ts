import { dictionaryFor } from "../../app/i18n/dictionaries";

// Both languages with the e-mails' words (nl-mail.ts, en-mail.ts), as the server reads them.
const nl = dictionaryFor("nl");
const en = dictionaryFor("en");

/**
 * No developer words in what people read (issue 27, point 6): a coordinator does not run
 * "npm run retention" and does not know what "retention.run" or a ".ts" file is. Commands,
 * code names of audit actions, file names and programming words stay in the code and the docs.
 */
const DEVELOPER_WORDS: [string, RegExp][] = [
  ["an npm command", /\bnpm\b/i],
  ["a command-line tool", /\b(npx|tsx|node_modules|git|curl|cron(tab)?)\b/i],
  ["a source file", /\b[\w-]+\.(ts|tsx|js|cjs|mjs|json|sql)\b/i],
  ["an audit action's code", /\b[a-z]+\.[a-z]+[A-Z]?[a-zA-Z]*\b(?<!\b(e\.g|i\.e|bijv|o\.a|d\.w\.z|enz|www|nl|com))/],
  ["an environment variable", /\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/],
  ["a programming word", /\b(undefined|null|NaN|stack trace|exception|localhost)\b/i],
];

/** The files inside a participant's own data export (deelnemer/mijn-gegevens): names they see in the zip. */
const FILES_PEOPLE_GET = /\bgegevens\.(json|pdf)\b/g;

/** Web and mail addresses are for people, and so are the names of files they download: not developer words. */
const withoutAddresses = (s: string) =>
  s
    .replace(FILES_PEOPLE_GET, "")
    .replace(/\b[\w.+-]+@[\w-]+(\.[\w-]+)+\b/g, "")
    .replace(/\bhttps?:\/\/\S+/g, "")
    .replace(/\b[\w-]+(\.[\w-]+)*\.(nl|com|org|eu)\b/g, "");

describe("user-facing texts", () => {
  it.each([
    ["nl", nl],
    ["en", en],
  ] as const)("in %s have no developer words (commands, code names, file names)", (_lang, dictionary) => {
    const found: string[] = [];
    for (const [key, text] of Object.entries(dictionary)) {
      const plain = withoutAddresses(text);
      for (const [what, pattern] of DEVELOPER_WORDS) {
        const m = pattern.exec(plain);
        if (m) found.push(`${key}: ${what} "${m[0]}" in "${text}"`);
      }
    }
    expect(found).toEqual([]);
  });

  it("the check itself finds the words the audit found", () => {
    const hit = (text: string) => DEVELOPER_WORDS.some(([, p]) => p.test(withoutAddresses(text)));
    expect(hit("Dat gebeurt elke nacht met het commando npm run retention.")).toBe(true);
    expect(hit("Wat de app weghaalt, staat in het auditlog (actie retention.run).")).toBe(true);
    expect(hit("Zie app/routes/login.tsx.")).toBe(true);
    expect(hit("Zet SESSION_IDLE_MINUTES hoger.")).toBe(true);
    expect(hit("Mail naar info@leerlijn.nl of kijk op https://leerlijn.nl/hulp.")).toBe(false);
    expect(hit("Je hebt 3 van de 5 keer intervisie gehad.")).toBe(false);
  });
});
