// Lint rules: strict TypeScript everywhere; the framework-free core imports no React or DOM, and the UI
// no emulator (it sees the lab through its stores and actions).
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", ".cache/", "public/vm/", "scratch/"] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    // Build and bench scripts run under Node.
    files: ["**/*.mjs", "scripts/**", "vm-images/**", "tests/**"],
    languageOptions: { globals: globals.node },
  },
  {
    files: ["**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  {
    // A focused or skipped test leaves the rest unrun or unchecked while the suite still passes.
    files: ["**/*.test.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        ...["describe", "it", "test"].flatMap((object) =>
          ["only", "skip", "todo"].map((property) => ({
            object,
            property,
            message: "Focused or skipped tests are not passing ones: remove it before committing.",
          })),
        ),
      ],
      // The same through a modifier (it.concurrent.skip, describe.sequential.only, …).
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "MemberExpression[object.type='MemberExpression'][object.object.name=/^(describe|it|test)$/][property.name=/^(only|skip|todo)$/]",
          message: "Focused or skipped tests are not passing ones: remove it before committing.",
        },
      ],
    },
  },
  {
    files: ["app/ui/**/*.tsx", "app/ui/**/*.ts"],
    plugins: { "react-hooks": reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // The core is shared with Node tests and must stay free of React and the DOM (like Compiler
    // Explorer's rule that the UI never imports the back end, the other way round).
    files: ["app/core/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["react", "react-dom", "react/*", "react-dom/*"],
              message: "app/core is framework-free.",
            },
            { group: ["@xterm/*"], message: "app/core must not touch the DOM terminal." },
            { group: ["../ui/*", "../ui"], message: "app/core must not import the UI." },
          ],
        },
      ],
      "no-restricted-globals": [
        "error",
        { name: "document", message: "app/core must not use the DOM." },
        { name: "window", message: "app/core must not use the DOM." },
        { name: "localStorage", message: "app/core must not use the DOM." },
      ],
    },
  },
  {
    // Compiler Explorer's rule: the UI never imports the back end. Its components see the lab only
    // through lab-types.ts (stores and named actions) and the core's pure modules listed here (words,
    // history, the permission model); only the page's entry points make a lab.
    files: ["app/ui/**/*.ts", "app/ui/**/*.tsx"],
    ignores: ["app/ui/main.ts", "app/ui/page-start.ts", "app/ui/early-start.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "v86",
                "v86/*",
                "../core/*",
                ...[
                  "check-names",
                  "emulator-unavailable",
                  "exe-link-record.fixture",
                  "download-failure",
                  "explain",
                  "history",
                  "identity",
                  "identity-words",
                  "key-line",
                  "lab-types",
                  "line-limit",
                  "permission-model",
                  "protocol",
                  "shell-jobs",
                  "store",
                  "terminal-note",
                  "terminal-report",
                  "typed-line",
                  "url-flags",
                  "visible-text",
                ].map((m) => `!../core/${m}`),
              ],
              message:
                "The UI sees the lab through lab-types.ts and the core's pure modules; only the entry points (main.ts, page-start.ts, early-start.ts) make one.",
            },
          ],
        },
      ],
    },
  },
);
