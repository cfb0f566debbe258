import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import importX, { createNodeResolver } from "eslint-plugin-import-x";
import globals from "globals";
import tseslint from "typescript-eslint";

/** Syntax refused in all app code (each block that sets no-restricted-syntax repeats these: a later block replaces the rule). */
const APP_SYNTAX_RULES = [
  {
    selector: "CallExpression[callee.property.name='formData'][arguments.length=0]",
    message: "Lees formulieren met readForm(request) uit app/forms/parse.server.ts: die weigert een formulier met te veel velden voordat het wordt uitgepakt.",
  },
  {
    selector: "TSAsExpression[typeAnnotation.typeName.name='DB'] > TSAsExpression[typeAnnotation.type='TSUnknownKeyword']",
    message: "Geen 'as unknown as DB': een kysely-transactie is al een Kysely<Database> (type DB).",
  },
];

/** The kysely calls that start a query or a transaction: refused in route files. */
const KYSELY_BUILDERS = [
  "selectFrom",
  "selectNoFrom",
  "insertInto",
  "replaceInto",
  "updateTable",
  "deleteFrom",
  "mergeInto",
  "transaction",
  "withRecursive",
  "executeQuery",
];

export default tseslint.config(
  { ignores: ["build/**", "node_modules/**", "data/**", "coverage/**", "public/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js}"],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      globals: { ...globals.node, ...globals.browser },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-console": "off",
    },
  },
  {
    files: ["app/**/*.tsx"],
    plugins: { "react-hooks": reactHooks, "jsx-a11y": jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      // Scrollable table regions must be reachable by keyboard (WCAG 2.1.1).
      "jsx-a11y/no-noninteractive-tabindex": ["error", { roles: ["region"] }],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-syntax": ["error", ...APP_SYNTAX_RULES],
    },
  },
  {
    // Routes: guard → parse → service call → render. Queries live in app/services (a named
    // function with a return type), never in a loader or action; tests/unit/route-rules.test.ts
    // shows that this block refuses them.
    files: ["app/routes/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-syntax": [
        "error",
        ...APP_SYNTAX_RULES,
        {
          selector: `CallExpression[callee.property.name=/^(${KYSELY_BUILDERS.join("|")})$/]`,
          message: "Geen query in een route: zet hem in een functie in app/services/ en roep die aan.",
        },
        {
          selector: "TaggedTemplateExpression[tag.name='sql']",
          message: "Geen SQL in een route: zet de query in een functie in app/services/ en roep die aan.",
        },
      ],
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: [{ name: "kysely", message: "Geen kysely in een route: queries horen in app/services/.", allowTypeImports: true }],
        },
      ],
    },
  },
  {
    // The database layer stands on its own: connection, dialect, schema and migrations import
    // nothing from the app, the demo data or the scripts (docs/decisions/011-folders.md).
    files: ["db/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(\\.\\./)+(app|demo|scripts)(/|$)",
              message: "db/ importeert niets uit app/, demo/ of scripts/: zet de code die dat nodig heeft in app/ of demo/.",
            },
          ],
        },
      ],
    },
  },
  {
    // No import cycles between modules (type-only imports do not count: they vanish at runtime).
    // Our imports are relative and without extension, so the plugin's own resolver is enough.
    files: ["app/**/*.{ts,tsx}", "db/**/*.ts", "demo/**/*.ts", "scripts/**/*.{ts,js}", "server.ts"],
    plugins: { "import-x": importX },
    settings: {
      "import-x/extensions": [".ts", ".tsx", ".js"],
      "import-x/resolver-next": [createNodeResolver({ extensions: [".ts", ".tsx", ".js", ".json"] })],
    },
    rules: { "import-x/no-cycle": ["error", { ignoreExternal: true }] },
  },
  {
    files: ["tests/**/*.ts"],
    languageOptions: { globals: { ...globals.jest } },
  },
);
