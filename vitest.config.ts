// Test projects: "unit" (pure code + app.request), "int" (native hnswlib, PDF, real corpus,
// browser), "slow" (load, soak, fuzz at scale — run by CI after npm test).
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: ["test/**/*.int.test.ts", "test/**/*.slow.test.ts"],
          testTimeout: 20_000,
          // Building the corpus knowledge once per file takes 3–5 s, more on a busy 2-core machine.
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "int",
          include: ["test/**/*.int.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: "slow",
          include: ["test/**/*.slow.test.ts"],
          testTimeout: 600_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
