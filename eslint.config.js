// One linter for the project: typescript-eslint's recommended rules, plus the layering rule that only
// entry points (src/node.ts, *.node.ts, ingest/, bench/, tests) may read the environment.
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "data/", "dist/", "bench/results/", "test/artifacts/", ".wrangler/"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "warn",
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "no-control-regex": "off",
    },
  },
  {
    files: ["src/**/*.ts"],
    ignores: ["src/node.ts", "src/**/*.node.ts"],
    rules: {
      "no-restricted-globals": ["error", { name: "process", message: "Only entry points read the environment (the Worker has no process)." }],
    },
  },
);
