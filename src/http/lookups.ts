// HTTP layer (pure): what the read endpoints serve, built once per loaded index version — document cards with
// their counts, chunks by id, sections and indicators by document, tasks sorted by deadline and by document,
// the agency directory and each task's folded search text. Every read endpoint is then O(result): /api/documents
// rescanned all tasks and chunks per document (quadratic: 2 ms at the bundled corpus, 90 ms at 10×).

import type { Chunk } from "../document/chunk.ts";
import type { DocumentMeta } from "../document/types.ts";
import { type AgencyDirectoryEntry, agencyDirectory } from "../tasks/agencies.ts";
import type { CorpusData } from "../tasks/corpus.ts";
import type { Indicator } from "../tasks/types.ts";
import { type TaskIndex, taskIndexOf } from "../tasks/select.ts";

export interface DocumentCard extends DocumentMeta {
  tasks: number;
  chunks: number;
}

/** The task indexes are the selection's own (TaskIndex, src/tasks/select.ts); the rest serve the read endpoints. */
export interface Lookups extends TaskIndex {
  documents: DocumentCard[];
  /** The JSON of GET /api/documents, serialised once. */
  documentsJson: string;
  documentById: Map<string, DocumentMeta>;
  chunkById: Map<string, Chunk>;
  sectionsByDocument: Map<string, string[]>;
  indicatorsByDocument: Map<string, Indicator[]>;
  directory: () => AgencyDirectoryEntry[];
}

const built = new WeakMap<CorpusData, Lookups>();

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

/** The lookups of one corpus object (one index version): built on first use, or eagerly by the loader. */
export function lookupsOf(corpus: CorpusData): Lookups {
  let l = built.get(corpus);
  if (!l) built.set(corpus, (l = buildLookups(corpus)));
  return l;
}

export function buildLookups(corpus: CorpusData): Lookups {
  // The task indexes are the selection's own (src/tasks/select.ts), shared with the chat's counts and the board.
  const tasks = taskIndexOf(corpus.tasks);
  const { tasksByDocument } = tasks;
  const chunkById = new Map<string, Chunk>();
  const chunkCount = new Map<string, number>();
  const sections = new Map<string, Set<string>>();
  for (const ch of corpus.chunks) {
    chunkById.set(ch.id, ch);
    chunkCount.set(ch.documentId, (chunkCount.get(ch.documentId) ?? 0) + 1);
    let s = sections.get(ch.documentId);
    if (!s) sections.set(ch.documentId, (s = new Set()));
    s.add(ch.section);
  }
  const indicatorsByDocument = new Map<string, Indicator[]>();
  for (const i of corpus.indicators) push(indicatorsByDocument, i.documentId, i);
  const documents = corpus.documents.map((d) => ({ ...d, tasks: tasksByDocument.get(d.id)?.length ?? 0, chunks: chunkCount.get(d.id) ?? 0 }));
  let directory: AgencyDirectoryEntry[] | undefined;
  return {
    documents,
    documentsJson: JSON.stringify({ documents }),
    documentById: new Map(corpus.documents.map((d) => [d.id, d])),
    chunkById,
    sectionsByDocument: new Map([...sections].map(([k, v]) => [k, [...v]])),
    indicatorsByDocument,
    ...tasks,
    // The directory reads every task's text for unit names: built on first use, then kept.
    directory: () => (directory ??= agencyDirectory(corpus)),
  };
}
