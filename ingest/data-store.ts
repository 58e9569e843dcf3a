// Ingest (Node): corpus/ → data/. Each build goes into its own version folder with checksums; a pointer
// file (data/current.json) is switched atomically by rename, so a crash mid-build or a re-ingest while
// serving never leaves a half-written index in use. Loading verifies the checksums (hashed off the event loop)
// and reads the corpus one slice at a time, so a server swapping versions keeps answering (no pause > 50 ms).

import { createHash } from "node:crypto";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { buildKnowledge, parseManifest, VECTOR_DIMS } from "../src/answer/build-knowledge.ts";
import { coverageBytes, type StoredCoverage } from "../src/answer/prepared.ts";
import type { Slicing } from "../src/text/slicing.ts";
import type { CorpusData, Manifest } from "../src/tasks/corpus.ts";
import { IndicatorSchema, TaskSchema } from "../src/tasks/types.ts";
import { type AgencyDirectoryEntry, agencyById, agencyDirectory } from "../src/tasks/agencies.ts";
import { embedderBytes, embedderFromBytes, HASHED_TFIDF_NAME, type HashedTfidfEmbeddings } from "../src/retrieval/embeddings.ts";
import { HnswVectorIndex } from "../src/retrieval/hnsw.node.ts";
import { LexicalIndex } from "../src/retrieval/lexical.ts";
import { CorpusFileError, loadCorpusFile, SUPPORTED } from "./load-file.ts";

/**
 * Versions kept in data/ besides the one just built: on a shared data/ another instance may still be loading the
 * previous one when a build finishes (it swaps on the Redis message, seconds later).
 */
const KEEP_OLD_VERSIONS = 2;
/** A build folder of another host (or of a live process here) counts as abandoned only after this long. */
const STALE_TMP_MS = 6 * 60 * 60 * 1000;

/** Bump when parsing or indexing changes so existing data/ is rebuilt. */
export const DATA_FORMAT = 11;

/**
 * data/<version>/directory.json: the agency directory of the version (tasks/agencies.ts agencyDirectory), computed
 * once at build — it reads every task and chunk for unit names (1.5 s at the bundled corpus, 8 s at 10×), which
 * no instance loading the version should do again. Registry agencies are stored by id.
 */
const DirectorySchema = z.object({
  entries: z.array(
    z.object({ id: z.string(), name: z.string(), agencyId: z.string().optional(), leadTasks: z.number(), coordinatorTasks: z.number(), tasks: z.number(), documents: z.array(z.string()) }),
  ),
});
const StatsSchema = z.object({
  files: z.number(),
  documents: z.number(),
  sections: z.number(),
  tableRows: z.number(),
  chunks: z.number(),
  tasks: z.number(),
  indicators: z.number(),
});

/** data/<version>/manifest.json: what was built, from what, and each file's checksum. */
const DataManifestSchema = z.object({
  format: z.number(),
  version: z.string(),
  corpusHash: z.string(),
  embedder: z.string(),
  builtAt: z.string(),
  stats: StatsSchema,
  files: z.record(z.string(), z.string()),
});
export type DataManifest = z.infer<typeof DataManifestSchema>;

/** First line of corpus.jsonl. */
const CorpusHeadSchema = z.object({ stats: StatsSchema, warnings: z.array(z.string()) });

export interface LoadedData {
  corpus: CorpusData;
  lexical: LexicalIndex;
  vectors: HnswVectorIndex;
  embedder: HashedTfidfEmbeddings;
  manifest: DataManifest;
  /** The agency directory built with the version. */
  directory: AgencyDirectoryEntry[];
  /** The answerer's coverage indexes built with the version (prepared.ts coverageBytes), read instead of built. */
  coverage: StoredCoverage;
}

export type Progress = (msg: string) => void;

const sha256 = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");
/** sha256 on the thread pool (Web Crypto runs digests there): a 40 MB index file is not hashed on the event loop. */
const sha256Off = async (b: Buffer) => Buffer.from(await crypto.subtle.digest("SHA-256", b as Uint8Array<ArrayBuffer>)).toString("hex");

/** Longest a slice of loading work holds the event loop before letting requests run. */
export const LOAD_SLICE_MS = 5;
/** Node's slicing: a pause is one setImmediate, so requests waiting on the loop go first. */
export const nodeSlicing: Slicing = { pause: () => new Promise((r) => setImmediate(r)), now: () => performance.now(), budgetMs: LOAD_SLICE_MS };
/** No pauses (a CLI, a worker thread): one slice as long as it takes. */
export const unsliced: Slicing = { pause: () => Promise.resolve(), now: () => 0, budgetMs: Infinity };

async function listCorpus(corpusDir: string): Promise<string[]> {
  const names = await readdir(corpusDir);
  return names.filter((n) => !n.startsWith(".") && n !== "manifest.json" && n.toLowerCase() !== "readme.md").sort();
}

/** Hash of everything that determines data/: corpus files, manifest, embedder, format. */
/** Source folders whose code shapes data/: a change there rebuilds the index on the next start. */
const PIPELINE_DIRS = ["text", "document", "tasks", "retrieval"].map((d) => join(import.meta.dirname, "..", "src", d));

/** src/answer files that shape the stored coverage indexes (coverage-*.bin). */
const COVERAGE_SOURCES = ["coverage.ts", "prepared.ts", "understand.ts"];

async function pipelineHash(h: ReturnType<typeof createHash>): Promise<void> {
  for (const dir of PIPELINE_DIRS) {
    let names: string[] = [];
    try {
      names = (await readdir(dir)).filter((n) => n.endsWith(".ts")).sort();
    } catch {
      continue;
    }
    for (const n of names) h.update(n + "\0").update(await readFile(join(dir, n)));
  }
  // These set the index parameters (dimensions, what BM25 sees) and the data/ format.
  h.update(await readFile(join(import.meta.dirname, "..", "src", "answer", "build-knowledge.ts")));
  // The stored coverage indexes: how they are encoded and the long forms their task texts are read in.
  for (const f of COVERAGE_SOURCES) h.update(await readFile(join(import.meta.dirname, "..", "src", "answer", f)));
  h.update(await readFile(join(import.meta.dirname, "data-store.ts")));
}

export async function corpusHash(corpusDir: string): Promise<string> {
  const h = createHash("sha256");
  h.update(`format:${DATA_FORMAT};embedder:${HASHED_TFIDF_NAME};`);
  await pipelineHash(h);
  for (const n of [...(await listCorpus(corpusDir)), "manifest.json"]) {
    try {
      h.update(n + "\0");
      h.update(await readFile(join(corpusDir, n)));
    } catch {
      /* manifest is optional */
    }
  }
  return h.digest("hex").slice(0, 16);
}

export async function readManifest(corpusDir: string): Promise<Manifest> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(join(corpusDir, "manifest.json"), "utf8"));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { files: [] };
    throw new CorpusFileError("manifest.json", `invalid JSON: ${(e as Error).message}`);
  }
  const parsed = safeManifest(raw);
  if (!parsed.ok) throw new CorpusFileError("manifest.json", parsed.reason);
  return parsed.manifest;
}

function safeManifest(raw: unknown): { ok: true; manifest: Manifest } | { ok: false; reason: string } {
  try {
    return { ok: true, manifest: parseManifest(raw) };
  } catch (e) {
    const issues = e instanceof z.ZodError ? e.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ") : String(e);
    return { ok: false, reason: `invalid manifest: ${issues}` };
  }
}

export interface BuildResult {
  manifest: DataManifest;
  warnings: string[];
  rejected: string[];
  /** Files or documents the reader could not handle: reported, the rest is indexed. */
  failures: CorpusData["failures"];
  ms: number;
}

/** Build data/ from corpus/. Unreadable files are rejected with a message and skipped. */
export async function buildData(corpusDir: string, dataDir: string, progress: Progress = () => {}): Promise<BuildResult> {
  const t0 = performance.now();
  const names = await listCorpus(corpusDir);
  const manifest = await readManifest(corpusDir);
  const files = [];
  const rejected: string[] = [];
  for (const [i, n] of names.entries()) {
    progress(`[${i + 1}/${names.length}] đọc ${n}`);
    try {
      files.push(await loadCorpusFile(join(corpusDir, n), n));
    } catch (e) {
      if (e instanceof CorpusFileError) rejected.push(e.message);
      else throw e;
    }
  }
  if (files.length === 0) throw new Error(`no readable documents in ${corpusDir} (supported: ${SUPPORTED.join(", ")})`);

  // One pipeline (src/answer/build-knowledge.ts) as the Worker and the tests; here the vectors go into
  // hnswlib graphs, written into the version folder as they are built (in worker threads, by shard).
  let t = performance.now();
  const lap = () => {
    const s = ((performance.now() - t) / 1000).toFixed(1);
    t = performance.now();
    return s;
  };
  const hash = await corpusHash(corpusDir);
  const version = `v-${hash}-${Date.now().toString(36)}`;
  // The builder's host and pid in the name: a start-up clean-up can tell a dead build from a running one.
  const tmp = join(dataDir, `.tmp-${version}.${hostTag()}.${process.pid}`);
  const built = await buildKnowledge(files, {
    manifest,
    onStep: (step, corpus) => {
      if (step === "corpus") {
        for (const f of corpus.failures) progress(`không đọc được / could not read ${f.file}${f.line ? `:${f.line}` : ""}: ${f.reason}`);
        if (corpus.documents.length === 0) throw new Error(`no document could be read in ${corpusDir}`);
        progress(`tài liệu ${corpus.stats.documents}, mục ${corpus.stats.sections}, dòng bảng ${corpus.stats.tableRows}, đoạn ${corpus.stats.chunks}, nhiệm vụ ${corpus.stats.tasks}, chỉ tiêu ${corpus.stats.indicators}`);
        lap();
      } else if (step === "lexical") progress(`BM25 và từ điển: ${corpus.chunks.length} đoạn (${lap()} s)`);
      else progress(`nhúng và đồ thị HNSW: ${corpus.chunks.length} đoạn (${HASHED_TFIDF_NAME}, ${VECTOR_DIMS} chiều, ${lap()} s)`);
    },
    storeVectors: async (count, at) => {
      await mkdir(dataDir, { recursive: true });
      await rm(tmp, { recursive: true, force: true });
      await mkdir(join(tmp, "hnsw"), { recursive: true });
      await HnswVectorIndex.buildFrom(count, VECTOR_DIMS, at, { dir: join(tmp, "hnsw"), onProgress: (done) => done % 20000 < 1000 && progress(`  vectors ${done}/${count}`) });
    },
  });
  const { corpus, embedder, lexical } = built;

  const write = async (rel: string, content: string) => writeFile(join(tmp, rel), content);
  await writeCorpusLines(join(tmp, "corpus.jsonl"), corpus);
  await writeFile(join(tmp, "lexical.bin"), lexical.toBytes());
  // The embedder as sorted terms and u32 frequencies (a load reads them without building a Map of every term).
  const emb = embedderBytes(embedder);
  await writeFile(join(tmp, "embedder-terms.txt"), emb.terms);
  await writeFile(join(tmp, "embedder-df.bin"), new Uint8Array(emb.df.buffer, emb.df.byteOffset, emb.df.byteLength));
  progress("danh bạ cơ quan / agency directory");
  const entries = agencyDirectory(corpus).map(({ agency, ...e }) => ({ ...e, ...(agency ? { agencyId: agency.id } : {}) }));
  await write("directory.json", JSON.stringify({ entries } satisfies z.infer<typeof DirectorySchema>));
  // The answerer's coverage indexes (0.3–0.5 s of CPU at the bundled corpus): built once here, read at every load.
  const coverage = coverageBytes(corpus);
  await writeFile(join(tmp, "coverage-tasks.bin"), coverage.tasks);
  await writeFile(join(tmp, "coverage-indicators.bin"), coverage.indicators);
  const fileSums: Record<string, string> = {};
  for (const rel of ["corpus.jsonl", "lexical.bin", "embedder-terms.txt", "embedder-df.bin", "directory.json", "coverage-tasks.bin", "coverage-indicators.bin", ...(await HnswVectorIndex.files(join(tmp, "hnsw"))).map((f) => `hnsw/${f}`)]) {
    fileSums[rel] = sha256(await readFile(join(tmp, rel)));
  }
  const dm: DataManifest = {
    format: DATA_FORMAT,
    version,
    corpusHash: hash,
    embedder: HASHED_TFIDF_NAME,
    builtAt: new Date().toISOString(),
    stats: corpus.stats,
    files: fileSums,
  };
  await write("manifest.json", JSON.stringify(dm, null, 2));
  await rename(tmp, join(dataDir, version));
  // Switch the pointer atomically, then drop versions older than the few kept.
  const ptrTmp = join(dataDir, `.current-${version}.${hostTag()}.${process.pid}.json`);
  await writeFile(ptrTmp, JSON.stringify({ version }));
  await rename(ptrTmp, join(dataDir, "current.json"));
  const older = [];
  for (const n of await readdir(dataDir)) {
    if (n !== version && n.startsWith("v-")) older.push({ n, t: (await stat(join(dataDir, n)).catch(() => null))?.mtimeMs ?? 0 });
  }
  older.sort((a, b) => b.t - a.t);
  for (const { n } of older.slice(KEEP_OLD_VERSIONS)) await rm(join(dataDir, n), { recursive: true, force: true });
  await cleanStaleTemp(dataDir);
  return { manifest: dm, warnings: corpus.warnings, rejected, failures: corpus.failures, ms: performance.now() - t0 };
}

export class DataError extends Error {}

function hostTag(): string {
  return hostname().replace(/[^\w-]/g, "").slice(0, 40) || "host";
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Removes build folders and pointer temporaries a killed build left in data/ (".tmp-<version>.<host>.<pid>"):
 * this host's whose process is gone, any of the old unnamed kind, and other hosts' once older than a few hours
 * (a shared data/ may hold another host's running build). Returns the names removed.
 */
export async function cleanStaleTemp(dataDir: string, nowMs = Date.now()): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dataDir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const n of names) {
    if (!n.startsWith(".tmp-") && !n.startsWith(".current-")) continue;
    const m = /\.([\w-]+)\.(\d+)(?:\.json)?$/.exec(n);
    let stale: boolean;
    if (!m) stale = true;
    else if (m[1] === hostTag()) stale = Number(m[2]) !== process.pid && !alive(Number(m[2]));
    else stale = nowMs - ((await stat(join(dataDir, n)).catch(() => null))?.mtimeMs ?? 0) > STALE_TMP_MS;
    if (!stale) continue;
    await rm(join(dataDir, n), { recursive: true, force: true });
    removed.push(n);
  }
  return removed;
}

/**
 * The corpus as JSON lines — a header with stats and warnings, then one record per line — so a large
 * corpus is never one string (V8 strings stop at 512 MB: the 300× synthetic corpus is about 900 MB).
 */
async function writeCorpusLines(file: string, corpus: CorpusData): Promise<void> {
  const out = createWriteStream(file);
  const put = (line: string) => (out.write(line + "\n") ? Promise.resolve() : once(out, "drain").then(() => undefined));
  await put(JSON.stringify({ stats: corpus.stats, warnings: corpus.warnings }));
  for (const [tag, list] of [["d", corpus.documents], ["c", corpus.chunks], ["t", corpus.tasks], ["i", corpus.indicators]] as const) {
    for (const r of list) await put(`["${tag}",${JSON.stringify(r)}]`);
  }
  out.end();
  await once(out, "finish");
}

/** Parse corpus.jsonl one line at a time, pausing between slices (`unsliced`: in one go). */
export async function readCorpusLines(buf: Buffer, slicing: Slicing = unsliced): Promise<CorpusData> {
  let at = 0;
  const next = (): string | undefined => {
    if (at >= buf.length) return undefined;
    let end = buf.indexOf(10, at);
    if (end < 0) end = buf.length;
    const line = buf.toString("utf8", at, end);
    at = end + 1;
    return line;
  };
  const head = next();
  if (!head) throw new Error("empty");
  const { stats, warnings } = CorpusHeadSchema.parse(JSON.parse(head));
  const corpus: CorpusData = { documents: [], chunks: [], tasks: [], indicators: [], warnings, failures: [], stats };
  // Tasks and indicators are checked against their schemas (the API serves them as they are); documents and
  // chunks have no schema and are trusted to the file checksums.
  const lists = { d: corpus.documents, c: corpus.chunks, t: corpus.tasks, i: corpus.indicators } as Record<string, unknown[]>;
  const schemas: Record<string, z.ZodType | undefined> = { t: TaskSchema, i: IndicatorSchema };
  let sliceStart = slicing.now();
  for (let line = next(), n = 2; line !== undefined; line = next(), n++) {
    if (slicing.now() - sliceStart >= slicing.budgetMs) {
      await slicing.pause();
      sliceStart = slicing.now();
    }
    if (!line) continue;
    const [tag, record] = JSON.parse(line) as [string, unknown];
    const list = lists[tag];
    if (!list) throw new Error(`unknown record type ${JSON.stringify(tag)}`);
    const schema = schemas[tag];
    if (schema) {
      const r = schema.safeParse(record);
      if (!r.success) throw new Error(`line ${n}: ${r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    }
    list.push(record);
  }
  if (corpus.chunks.length !== stats.chunks || corpus.tasks.length !== stats.tasks) throw new Error("record counts do not match its stats");
  return corpus;
}

/** The version data/current.json points to. */
export async function currentVersion(dataDir: string): Promise<string> {
  try {
    return (JSON.parse(await readFile(join(dataDir, "current.json"), "utf8")) as { version: string }).version;
  } catch {
    throw new DataError(`no index in ${dataDir} (run npm run ingest)`);
  }
}

/**
 * Load a data version (the pointer's unless `wanted` names one, e.g. from another instance's message),
 * verifying every file's checksum.
 */
export async function loadData(dataDir: string, wanted?: string, slicing: Slicing = unsliced): Promise<LoadedData> {
  // Start loading the vector-store modules now: their file I/O overlaps the reads and parses below.
  const preload = import("@langchain/community/vectorstores/hnswlib").catch(() => undefined);
  const version = wanted ?? (await currentVersion(dataDir));
  if (!/^v-[a-z0-9-]+$/.test(version)) throw new DataError(`corrupt pointer ${dataDir}/current.json`);
  const dir = join(dataDir, version);
  let dm: DataManifest;
  try {
    dm = DataManifestSchema.parse(JSON.parse(await readFile(join(dir, "manifest.json"), "utf8")));
  } catch {
    throw new DataError(`index ${version} has no readable manifest`);
  }
  if (dm.format !== DATA_FORMAT) throw new DataError(`index format ${dm.format} is not ${DATA_FORMAT}`);
  const bufs = new Map<string, Buffer>();
  await Promise.all(
    Object.entries(dm.files).map(async ([rel, sum]) => {
      let buf: Buffer;
      try {
        buf = await readFile(join(dir, rel));
      } catch {
        throw new DataError(`index file ${rel} is missing`);
      }
      if ((await sha256Off(buf)) !== sum) throw new DataError(`index file ${rel} is corrupted (checksum mismatch)`);
      bufs.set(rel, buf);
    }),
  );
  const bytes = (rel: string) => {
    const b = bufs.get(rel);
    if (!b) throw new DataError(`index file ${rel} is not in the manifest`);
    return b;
  };
  const text = (rel: string) => bytes(rel).toString("utf8");
  const corpusBytes = bytes("corpus.jsonl");
  const lexicalBytes = bytes("lexical.bin");
  let corpus: CorpusData;
  try {
    corpus = await readCorpusLines(corpusBytes, slicing);
  } catch (e) {
    throw new DataError(`index file corpus.jsonl: ${(e as Error).message}`);
  }
  let lexical: LexicalIndex;
  try {
    await slicing.pause();
    lexical = await LexicalIndex.fromBytesInSlices(lexicalBytes, slicing);
  } catch (e) {
    throw new DataError(`index file lexical.bin: ${(e as Error).message}`);
  }
  let directory: AgencyDirectoryEntry[];
  try {
    directory = DirectorySchema.parse(JSON.parse(text("directory.json"))).entries.map(({ agencyId, ...e }) => {
      const agency = agencyId ? agencyById(agencyId) : undefined;
      if (agencyId && !agency) throw new Error(`agency ${agencyId} is not in the registry`);
      return { ...e, ...(agency ? { agency } : {}) };
    });
  } catch (e) {
    throw new DataError(`index file directory.json: ${e instanceof DataError ? e.message : (e as Error).message}`);
  }
  const u8 = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  const coverage = { tasks: u8(bytes("coverage-tasks.bin")), indicators: u8(bytes("coverage-indicators.bin")) };
  await slicing.pause();
  let embedder: HashedTfidfEmbeddings;
  try {
    const df = bytes("embedder-df.bin");
    if (df.byteLength % 4 !== 0) throw new Error("not a list of u32 counts");
    // A Uint32Array view needs a 4-byte aligned offset: copy when the buffer is not.
    const counts = df.byteOffset % 4 === 0 ? new Uint32Array(df.buffer, df.byteOffset, df.byteLength / 4) : new Uint32Array(new Uint8Array(df).buffer);
    embedder = embedderFromBytes(bytes("embedder-terms.txt"), counts);
  } catch (e) {
    throw new DataError(`index file embedder-terms.txt / embedder-df.bin: ${e instanceof DataError ? e.message : (e as Error).message}`);
  }
  await preload;
  await slicing.pause();
  const vectors = await HnswVectorIndex.load(join(dir, "hnsw"), embedder);
  if (vectors.size() !== corpus.chunks.length) throw new DataError("vector index does not match the chunks");
  return { corpus, lexical, vectors, embedder, manifest: dm, directory, coverage };
}

export interface EnsureOptions {
  /** Never build: data/ is shared and written by someone else. A stale version is served and said so (`stale`). */
  readOnly?: boolean;
  slicing?: Slicing;
}

/**
 * Load data/, rebuilding it when missing, stale (corpus changed) or corrupted — unless read-only: then the
 * version published is loaded as it is (`stale` says why it may be behind the corpus) and a missing or broken
 * one is an error, never a build.
 */
export async function ensureData(
  corpusDir: string,
  dataDir: string,
  progress: Progress = () => {},
  opts: EnsureOptions = {},
): Promise<{ data: LoadedData; rebuilt: boolean; reason?: string; stale?: string }> {
  const slicing = opts.slicing ?? unsliced;
  const hash = await corpusHash(corpusDir).catch((e: unknown) => {
    // A read-only instance may have no corpus of its own: it serves what was published.
    if (opts.readOnly) return null;
    throw e;
  });
  let reason: string | undefined;
  try {
    const data = await loadData(dataDir, undefined, slicing);
    if (data.manifest.corpusHash === hash) return { data, rebuilt: false };
    if (opts.readOnly) return { data, rebuilt: false, stale: hash === null ? "corpus not readable" : "corpus changed since this version was built" };
    reason = "corpus changed";
  } catch (e) {
    if (opts.readOnly) throw e;
    reason = (e as Error).message;
  }
  progress(`building index (${reason})`);
  const built = await buildData(corpusDir, dataDir, progress);
  for (const r of built.rejected) progress(`rejected: ${r}`);
  return { data: await loadData(dataDir, undefined, slicing), rebuilt: true, reason };
}

export async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}
