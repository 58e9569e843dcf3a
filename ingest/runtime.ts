// Node glue shared by the CLIs and the server: load (or build) data/ and assemble the answer function.

import { resolve } from "node:path";
import { assembleKnowledge } from "../src/answer/knowledge.ts";
import { createAnswerer, type AnswerOptions, type Knowledge } from "../src/answer/engine.ts";
import { ensureData, loadData, type LoadedData, type Progress } from "./data-store.ts";

export interface Runtime {
  data: LoadedData;
  kb: Knowledge;
  answer: ReturnType<typeof createAnswerer>;
  rebuilt: boolean;
}

export interface RuntimeOptions {
  corpusDir?: string;
  dataDir?: string;
  progress?: Progress;
  answer?: AnswerOptions;
  /** Load this built version as it is (a version another instance published): no staleness check, no build. */
  version?: string;
}

export async function loadRuntime(opts: RuntimeOptions = {}): Promise<Runtime> {
  const corpusDir = resolve(opts.corpusDir ?? process.env.CORPUS_DIR ?? "corpus");
  const dataDir = resolve(opts.dataDir ?? process.env.DATA_DIR ?? "data");
  const { data, rebuilt } = opts.version ? { data: await loadData(dataDir, opts.version), rebuilt: false } : await ensureData(corpusDir, dataDir, opts.progress);
  const kb = assembleKnowledge(data.corpus, data.lexical, data.vectors, data.embedder);
  return { data, kb, answer: createAnswerer(kb, opts.answer), rebuilt };
}
