// Node glue shared by the CLIs and the server: load (or build) data/ and assemble the answer function.

import { resolve } from "node:path";
import { assembleKnowledge } from "../src/answer/knowledge.ts";
import { createAnswerer, type AnswerOptions, type Knowledge } from "../src/answer/engine.ts";
import type { Slicing } from "../src/text/slicing.ts";
import { taskIndexInSlices } from "../src/tasks/select.ts";
import { ensureData, loadData, type LoadedData, type Progress, unsliced } from "./data-store.ts";

export interface Runtime {
  data: LoadedData;
  kb: Knowledge;
  answer: ReturnType<typeof createAnswerer>;
  rebuilt: boolean;
  /** Read-only data/: why the version served may be behind the corpus (it is served all the same). */
  stale?: string;
}

export interface RuntimeOptions {
  corpusDir?: string;
  dataDir?: string;
  progress?: Progress;
  answer?: AnswerOptions;
  /** Load this built version as it is (a version another instance published): no staleness check, no build. */
  version?: string;
  /** data/ is someone else's to write (a shared, published index): never build, serve what is there. */
  readOnly?: boolean;
  /** A server loads in slices so it keeps answering meanwhile (data-store's nodeSlicing); CLIs in one go. */
  slicing?: Slicing;
}

export async function loadRuntime(opts: RuntimeOptions = {}): Promise<Runtime> {
  const corpusDir = resolve(opts.corpusDir ?? process.env.CORPUS_DIR ?? "corpus");
  const dataDir = resolve(opts.dataDir ?? process.env.DATA_DIR ?? "data");
  const slicing = opts.slicing ?? unsliced;
  const { data, rebuilt, stale } = opts.version
    ? { data: await loadData(dataDir, opts.version, slicing), rebuilt: false, stale: undefined }
    : await ensureData(corpusDir, dataDir, opts.progress, { slicing, ...(opts.readOnly ? { readOnly: true } : {}) });
  // The coverage indexes stored with the version: the answerer reads them instead of building them at load.
  // The task index (folded task texts for q, deadline order) in slices, so the lookups built next find it ready.
  if (opts.slicing) await taskIndexInSlices(data.corpus.tasks, slicing);
  const kb: Knowledge = { ...assembleKnowledge(data.corpus, data.lexical, data.vectors, data.embedder), coverage: data.coverage };
  return { data, kb, answer: createAnswerer(kb, opts.answer), rebuilt, ...(stale ? { stale } : {}) };
}
