// One linter for the project: typescript-eslint's recommended rules, plus two layering rules — only entry
// points (src/node.ts, *.node.ts, ingest/, bench/, tests) may read the environment, and imports point down
// the flow: text ← document ← tasks; text ← retrieval ← answer ← http/channels ← entry points.
import tseslint from "typescript-eslint";

const NODE = { regex: "^node:", message: "Pure layers run on Workers too: node:* only in entry points and *.node.ts adapters." };

/** Relative imports a layer may make: its own folder, and the folders listed (everything else above it is refused). */
function layer(folder, allowed, extra = []) {
  const up = allowed.length ? `^\\.\\./(?!(?:${allowed.join("|")})/)` : "^\\.\\./";
  return {
    files: [`src/${folder}/**/*.ts`],
    ignores: ["src/**/*.node.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            ...extra,
            { regex: up, message: `src/${folder}/ may import only ${allowed.length ? allowed.map((f) => `src/${f}/`).join(", ") : "nothing of ours"} (imports point down the flow).` },
            NODE,
          ],
        },
      ],
    },
  };
}

// answer/ takes a Logger (the port in src/log.ts) as a type only.
const LOGGER_TYPE = { regex: "^\\.\\./log\\.ts$", allowTypeImports: true, message: "Only the Logger type from src/log.ts." };

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
  layer("text", []),
  layer("document", ["text"]),
  layer("tasks", ["text", "document"]),
  layer("retrieval", ["text"]),
  {
    ...layer("answer", ["text", "document", "tasks", "retrieval"]),
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: "^\\.\\./(?!(?:text|document|tasks|retrieval)/|log\\.ts$)", message: "src/answer/ may import only src/text/, src/document/, src/tasks/, src/retrieval/ (imports point down the flow)." },
            LOGGER_TYPE,
            NODE,
          ],
        },
      ],
    },
  },
  ...["http", "channels"].map((folder) => ({
    files: [`src/${folder}/**/*.ts`],
    ignores: ["src/**/*.node.ts"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [NODE] }] },
  })),
);
