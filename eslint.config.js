// Lint: typescript-eslint recommended, plus the architecture boundaries of shared/DESIGN.md:
// src/domain is pure (imports only itself, plus the luxon time library) and src/app depends on ports, never on adapters.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "coverage/**", ".artifacts/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    files: ["src/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: "^(?!\\.{1,2}/|luxon$)", message: "src/domain is pure: it imports only from src/domain (and luxon for time-zone arithmetic): no SDKs, no node: modules." },
            { regex: "^\\.\\./\\.\\./", message: "src/domain imports only from inside src/domain." },
          ],
        },
      ],
      "no-restricted-globals": [
        "error",
        { name: "Date", message: "src/domain takes time as input; no Date (no clock) in the domain." },
        { name: "process", message: "src/domain reads no environment." },
        { name: "fetch", message: "src/domain does no I/O." },
      ],
    },
  },
  {
    files: ["src/app/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: "adapters/", message: "src/app depends on ports (interfaces), never on src/adapters." },
            { regex: "^\\.\\./(api|web|devtenant)/", message: "src/app does not import api, web or devtenant." },
            { regex: "^(@azure|@microsoft|express|undici|pino)", message: "src/app stays SDK-free; put SDK code in src/adapters." },
          ],
        },
      ],
    },
  },
  {
    files: ["src/web/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser } },
  },
);
