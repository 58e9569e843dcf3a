// HTTP layer (pure): what the read endpoints serve, built once per loaded index version — document cards with
// their counts, chunks by id, sections and indicators by document, tasks sorted by deadline and by document,
// the agency directory and each task's folded search text. Every read endpoint is then O(result): /api/documents
// rescanned all tasks and chunks per document (quadratic: 2 ms at the bundled corpus, 90 ms at 10×), and a page of
// /api/documents or /api/agencies is now a join of cards serialised once. A server builds them in slices
// (prepareLookups) while the previous version keeps serving; other runtimes build them on first use.

import type { Chunk } from "../document/chunk.ts";
import type { DocumentMeta } from "../document/types.ts";
import { eachInSlices, type Slicing } from "../text/slicing.ts";
import { type AgencyDirectoryEntry, agencyDirectory, predecessorsOf, successorOf } from "../tasks/agencies.ts";
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
  /** Each document card's JSON, in corpus order: a page of GET /api/documents joins a slice of them. */
  documentJson: string[];
  documentPages: PagedList;
  documentById: Map<string, DocumentMeta>;
  chunkById: Map<string, Chunk>;
  sectionsByDocument: Map<string, string[]>;
  indicatorsByDocument: Map<string, Indicator[]>;
  directory: () => AgencyDirectoryEntry[];
  /** Each GET /api/agencies entry's JSON, in directory order (built with the directory). */
  agencyJson: () => string[];
  agencyPages: () => PagedList;
}

/** GET /api/documents and /api/agencies: entries per page when no limit is asked, and the most a page holds. */
export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 500;

const built = new WeakMap<CorpusData, Lookups>();

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

/** The lookups of one corpus object (one index version): prepared by the loader, or built here on first use. */
export function lookupsOf(corpus: CorpusData): Lookups {
  let l = built.get(corpus);
  if (!l) built.set(corpus, (l = buildLookups(corpus)));
  return l;
}

export function buildLookups(corpus: CorpusData): Lookups {
  const chunkById = new Map<string, Chunk>();
  const chunkCount = new Map<string, number>();
  const sections = new Map<string, Set<string>>();
  for (const ch of corpus.chunks) addChunk(ch, chunkById, chunkCount, sections);
  let directory: AgencyDirectoryEntry[] | undefined;
  let agencyJson: string[] | undefined;
  let agencyPages: PagedList | undefined;
  // The directory reads every task's and chunk's text for unit names: built on first use, then kept.
  const dir = () => (directory ??= agencyDirectory(corpus));
  const docs = new Map(corpus.documents.map((d) => [d.id, d]));
  const json = () => (agencyJson ??= dir().map((e) => JSON.stringify(agencyCard(e, docs))));
  return assemble(corpus, taskIndexOf(corpus.tasks), chunkById, chunkCount, sections, dir, json, () => (agencyPages ??= new PagedList("agencies", json().map(encode))));
}

/**
 * buildLookups() for a server: every loop over the corpus in slices, and the agency directory given (computed once
 * when the version was built, data/<version>/directory.json); registered so lookupsOf(corpus) returns it.
 */
export async function prepareLookups(corpus: CorpusData, opts: { slicing: Slicing; directory: Promise<AgencyDirectoryEntry[]> }): Promise<Lookups> {
  const ready = built.get(corpus);
  if (ready) return ready;
  const s = opts.slicing;
  const chunkById = new Map<string, Chunk>();
  const chunkCount = new Map<string, number>();
  const sections = new Map<string, Set<string>>();
  await eachInSlices(corpus.chunks, (ch) => addChunk(ch, chunkById, chunkCount, sections), s);
  await s.pause();
  // One synchronous step of the tasks layer (it folds every task's text): about 40 ms at the bundled corpus.
  const tasks = taskIndexOf(corpus.tasks);
  await s.pause();
  const directory = await opts.directory;
  const docs = new Map(corpus.documents.map((d) => [d.id, d]));
  const agencyJson: string[] = [];
  const agencyBytes: Uint8Array[] = [];
  await eachInSlices(
    directory,
    (e) => {
      agencyJson.push(JSON.stringify(agencyCard(e, docs)));
      agencyBytes.push(encode(agencyJson.at(-1)!));
    },
    s,
  );
  const agencyPages = new PagedList("agencies", agencyBytes);
  const l = assemble(corpus, tasks, chunkById, chunkCount, sections, () => directory, () => agencyJson, () => agencyPages);
  built.set(corpus, l);
  return l;
}

function addChunk(ch: Chunk, chunkById: Map<string, Chunk>, chunkCount: Map<string, number>, sections: Map<string, Set<string>>): void {
  chunkById.set(ch.id, ch);
  chunkCount.set(ch.documentId, (chunkCount.get(ch.documentId) ?? 0) + 1);
  let s = sections.get(ch.documentId);
  if (!s) sections.set(ch.documentId, (s = new Set()));
  s.add(ch.section);
}

/** The rest, quick at any corpus size (one entry per document or indicator). */
function assemble(
  corpus: CorpusData,
  tasks: TaskIndex,
  chunkById: Map<string, Chunk>,
  chunkCount: Map<string, number>,
  sections: Map<string, Set<string>>,
  directory: () => AgencyDirectoryEntry[],
  agencyJson: () => string[],
  agencyPages: () => PagedList,
): Lookups {
  const indicatorsByDocument = new Map<string, Indicator[]>();
  for (const i of corpus.indicators) push(indicatorsByDocument, i.documentId, i);
  const documents = corpus.documents.map((d) => ({ ...d, tasks: tasks.tasksByDocument.get(d.id)?.length ?? 0, chunks: chunkCount.get(d.id) ?? 0 }));
  const documentJson = documents.map((d) => JSON.stringify(d));
  return {
    documents,
    documentJson,
    documentPages: new PagedList("documents", documentJson.map(encode)),
    documentById: new Map(corpus.documents.map((d) => [d.id, d])),
    chunkById,
    sectionsByDocument: new Map([...sections].map(([k, v]) => [k, [...v]])),
    indicatorsByDocument,
    ...tasks,
    directory,
    agencyJson,
    agencyPages,
  };
}

/** One entry of GET /api/agencies: the directory's counts with the registry's names, successor and predecessors. */
export function agencyCard(e: AgencyDirectoryEntry, docs: Map<string, DocumentMeta>) {
  const a = e.agency;
  return {
    id: e.id,
    name: e.name,
    aliases: a?.aliases ?? [],
    kind: a?.kind ?? (/^các\s/iu.test(e.name) ? "group" : "unit"),
    successor: a?.successor ? (successorOf(a)?.name ?? null) : null,
    since: a?.since ?? null,
    predecessors: a ? predecessorsOf(a.id).map((p) => p.name) : [],
    /** false: a unit the registry does not list, named as the documents write it. */
    registered: !!a,
    tasks: e.tasks,
    leadTasks: e.leadTasks,
    coordinatorTasks: e.coordinatorTasks,
    documents: e.documents.map((id) => ({ id, number: docs.get(id)?.number ?? null, title: docs.get(id)?.title ?? "" })),
  };
}

const utf8 = new TextEncoder();
const encode = (json: string) => utf8.encode(json);

/**
 * A list served in pages, each entry's JSON encoded to UTF-8 once per index version: a page is
 * {"total":n,"limit":l,"offset":o,"<key>":[…]} copied together from its entries' bytes — O(limit) whatever the
 * corpus size, with no string built or encoded per request. The first page of each size asked is kept.
 */
export class PagedList {
  private readonly firstPages = new Map<number, Uint8Array<ArrayBuffer>>();

  constructor(
    readonly key: string,
    private readonly entries: readonly Uint8Array[],
  ) {}

  get total(): number {
    return this.entries.length;
  }

  /** Entries past the end give an empty page (the total still says how many there are). */
  page(limit: number, offset: number): Uint8Array<ArrayBuffer> {
    const kept = offset === 0 ? this.firstPages.get(limit) : undefined;
    if (kept) return kept;
    const slice = this.entries.slice(offset, offset + limit);
    const head = utf8.encode(`{"total":${this.entries.length},"limit":${limit},"offset":${offset},${JSON.stringify(this.key)}:[`);
    let size = head.length + slice.reduce((n, e) => n + e.length + 1, 0) + 1;
    if (slice.length === 0) size += 1;
    const out = new Uint8Array(size);
    out.set(head);
    let at = head.length;
    slice.forEach((e, i) => {
      if (i > 0) out[at++] = COMMA;
      out.set(e, at);
      at += e.length;
    });
    out[at++] = CLOSE_BRACKET;
    out[at++] = CLOSE_BRACE;
    // Only a few sizes are asked in practice (the default, a client's own): at most this many first pages kept.
    if (offset === 0 && this.firstPages.size < KEPT_FIRST_PAGES) this.firstPages.set(limit, out);
    return out;
  }
}

const COMMA = 0x2c;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;
/** First pages kept per list (one per page size asked). */
const KEPT_FIRST_PAGES = 4;
