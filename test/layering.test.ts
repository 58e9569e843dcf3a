// Lint rule that keeps imports pointing down (eslint.config.js): text ← document ← tasks; text ← retrieval ←
// answer ← http/channels. Checked on snippets linted as if they sat in each folder.
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: new URL("..", import.meta.url).pathname });

async function restricted(file: string, code: string): Promise<boolean> {
  const [r] = await eslint.lintText(code, { filePath: file });
  return r!.messages.some((m) => m.ruleId === "@typescript-eslint/no-restricted-imports");
}

describe("imports point down", () => {
  it.each([
    ["src/text/x.ts", 'import { parseFile } from "../document/parse.ts";\nexport const y = parseFile;\n'],
    ["src/document/x.ts", 'import type { ChatAnswer } from "../answer/types.ts";\nexport type Y = ChatAnswer;\n'],
    ["src/tasks/x.ts", 'import { HybridIndex } from "../retrieval/hybrid.ts";\nexport const y = HybridIndex;\n'],
    ["src/retrieval/x.ts", 'import { AGENCIES } from "../tasks/agencies.ts";\nexport const y = AGENCIES;\n'],
    ["src/answer/x.ts", 'import { createOutbound } from "../channels/outbound.ts";\nexport const y = createOutbound;\n'],
    ["src/answer/x.ts", 'import { silentLogger } from "../log.ts";\nexport const y = silentLogger;\n'],
    ["src/http/x.ts", 'import { readFile } from "node:fs/promises";\nexport const y = readFile;\n'],
    ["src/tasks/x.ts", 'import { readFile } from "node:fs/promises";\nexport const y = readFile;\n'],
  ])("refused in %s: %s", async (file, code) => {
    expect(await restricted(file, code)).toBe(true);
  });

  it.each([
    ["src/document/x.ts", 'import { foldDiacritics } from "../text/normalize.ts";\nexport const y = foldDiacritics;\n'],
    ["src/tasks/x.ts", 'import type { Block } from "../document/types.ts";\nexport type Y = Block;\n'],
    ["src/retrieval/x.ts", 'import { AGENCY_RECORDS } from "../text/agency-registry.ts";\nexport const y = AGENCY_RECORDS;\n'],
    ["src/answer/x.ts", 'import type { Logger } from "../log.ts";\nimport { findAgencies } from "../tasks/agencies.ts";\nexport type Y = Logger;\nexport const z = findAgencies;\n'],
    ["src/retrieval/x.node.ts", 'import { readFile } from "node:fs/promises";\nexport const y = readFile;\n'],
  ])("allowed in %s: %s", async (file, code) => {
    expect(await restricted(file, code)).toBe(false);
  });
});
