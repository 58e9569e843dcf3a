// Workers entry (prebuilt knowledge): the artefact's header — magic, format, input hash, part lengths — readable
// without the rest of the format's code (src/worker-knowledge.ts), so the build's up-to-date check
// (ingest/build-worker-index.ts) does not load the pipeline. Type imports only (erased).

import type { CorpusData } from "./tasks/corpus.ts";

export const MAGIC = "HDWK1";
/** Bump when the layout or any part's encoding changes: an artefact of another format is refused. */
export const WORKER_KNOWLEDGE_FORMAT = 3;
export const PARTS = ["corpus", "lexical", "embedder", "embedderDf", "vecStart", "vecSlots", "vecValues", "covTasks", "covIndicators"] as const;
export type PartName = (typeof PARTS)[number];

export interface PrebuiltHeader {
  format: number;
  /** Hash of everything the knowledge is built from (corpus files, manifest, pipeline code): the stale check. */
  inputHash: string;
  builtAt: string;
  dims: number;
  stats: CorpusData["stats"];
  /** Byte length of each part, in PARTS order. */
  lengths: number[];
}

export const align = (x: number) => (x + 3) & ~3;

export class PrebuiltKnowledgeError extends Error {}

export const fail = (why: string): never => {
  throw new PrebuiltKnowledgeError(`prebuilt knowledge: ${why}`);
};

/** Only the header (the build's stale check reads it without decoding the rest). */
export function readHeader(input: ArrayBuffer | Uint8Array): { header: PrebuiltHeader; bodyAt: number } {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const dec = new TextDecoder("utf-8", { fatal: true });
  if (bytes.byteLength < MAGIC.length + 4 || dec.decode(bytes.subarray(0, MAGIC.length)) !== MAGIC) fail("not a prebuilt knowledge file (run npm run build:worker)");
  const headLen = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(MAGIC.length, true);
  if (MAGIC.length + 4 + headLen > bytes.byteLength) fail("truncated header");
  const header = JSON.parse(dec.decode(bytes.subarray(MAGIC.length + 4, MAGIC.length + 4 + headLen))) as PrebuiltHeader;
  if (header.format !== WORKER_KNOWLEDGE_FORMAT) fail(`format ${header.format} is not ${WORKER_KNOWLEDGE_FORMAT} (rebuild with npm run build:worker)`);
  if (!Array.isArray(header.lengths) || header.lengths.length !== PARTS.length) fail("header lists the wrong parts");
  return { header, bodyAt: align(MAGIC.length + 4 + headLen) };
}

