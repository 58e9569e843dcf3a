// Ingest (Node): corpus/ → build/worker/knowledge.bin, the prebuilt knowledge the Cloudflare Worker bundles
// (src/worker-knowledge.ts is the format). Run by wrangler itself before every `wrangler dev` / `deploy` /
// `npm run build:worker` (wrangler.toml [build]), so a bundle never carries an index older than corpus/:
// the artefact records the hash of its inputs and is rebuilt whenever they differ. `--check` only compares and
// fails loudly (exit 1) on a missing or stale artefact.
//
//   node --import tsx ingest/build-worker-index.ts [--check] [--force] [--corpus DIR] [--out FILE]

import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import type { CorpusData } from "../src/tasks/corpus.ts";

// Only node:* is imported statically: wrangler runs this script twice on every `wrangler dev` start (once more
// when its watcher starts), and the up-to-date check must not pay for loading the whole pipeline (~1 s).
// The pipeline and the format module are imported when a build is needed.

export const ROOT = resolve(import.meta.dirname, "..");
/** Where the Worker imports the artefact from (src/worker-prebuilt.ts; wrangler.toml's Data rule). */
export const DEFAULT_OUT = join(ROOT, "build", "worker", "knowledge.bin");

/**
 * Source that shapes the artefact: the pipeline's folders and build step (what data/'s corpusHash covers), how
 * corpus files are read, and the artefact's format and this builder. A change in any rebuilds the artefact.
 */
const INPUT_SOURCES = [
  ...["text", "document", "tasks", "retrieval"].map((d) => join(ROOT, "src", d)),
  join(ROOT, "src", "answer", "build-knowledge.ts"),
  // The stored coverage indexes: their encoding and the long forms task texts are read in.
  ...["coverage.ts", "prepared.ts", "understand.ts"].map((f) => join(ROOT, "src", "answer", f)),
  join(ROOT, "src", "worker-knowledge.ts"),
  join(ROOT, "src", "worker-knowledge-header.ts"),
  join(ROOT, "ingest", "load-file.ts"),
  join(ROOT, "ingest", "build-worker-index.ts"),
];

async function sourceFiles(path: string): Promise<string[]> {
  if (path.endsWith(".ts")) return [path];
  const names = await readdir(path).catch(() => []);
  return names
    .filter((n) => n.endsWith(".ts"))
    .sort()
    .map((n) => join(path, n));
}

/** Hash of the artefact's inputs: every corpus file ingest reads, the manifest, and INPUT_SOURCES. */
export async function workerInputHash(corpusDir: string): Promise<string> {
  const h = createHash("sha256");
  for (const n of [...(await corpusFiles(corpusDir)), "manifest.json"]) {
    h.update(`corpus:${n}\0`);
    h.update(await readFile(join(corpusDir, n)).catch(() => Buffer.alloc(0)));
  }
  for (const src of INPUT_SOURCES) {
    for (const f of await sourceFiles(src)) h.update(`src:${f.slice(ROOT.length)}\0`).update(await readFile(f));
  }
  return h.digest("hex").slice(0, 16);
}

/** The files ingest reads (README and manifest excluded), sorted by name, as ingest lists them. */
async function corpusFiles(corpusDir: string): Promise<string[]> {
  const names = await readdir(corpusDir);
  return names.filter((n) => !n.startsWith(".") && n !== "manifest.json" && n.toLowerCase() !== "readme.md").sort();
}

export interface Prebuilt {
  bytes: Uint8Array;
  inputHash: string;
  stats: CorpusData["stats"];
  rejected: string[];
  failures: CorpusData["failures"];
  ms: number;
}

/** Build the knowledge with the one pipeline (buildKnowledge), the vectors collected sparse, and encode it. */
export async function prebuildKnowledge(corpusDir: string): Promise<Prebuilt> {
  const t0 = performance.now();
  const [{ buildKnowledge, VECTOR_DIMS }, { encodeKnowledge, SparseVectorsBuilder }, { readManifest }, { CorpusFileError, loadCorpusFile }] = await Promise.all([
    import("../src/answer/build-knowledge.ts"),
    import("../src/worker-knowledge.ts"),
    import("./data-store.ts"),
    import("./load-file.ts"),
  ]);
  const inputHash = await workerInputHash(corpusDir);
  const manifest = await readManifest(corpusDir);
  const files = [];
  const rejected: string[] = [];
  for (const n of await corpusFiles(corpusDir)) {
    try {
      files.push(await loadCorpusFile(join(corpusDir, n), n));
    } catch (e) {
      if (e instanceof CorpusFileError) rejected.push(e.message);
      else throw e;
    }
  }
  if (files.length === 0) throw new Error(`no readable documents in ${corpusDir}`);
  const built = await buildKnowledge(files, {
    manifest,
    onStep: (step, corpus) => {
      if (step === "corpus" && corpus.documents.length === 0) throw new Error(`no document could be read in ${corpusDir}`);
    },
    storeVectors: (count, at) => {
      const b = new SparseVectorsBuilder(VECTOR_DIMS);
      for (let i = 0; i < count; i++) {
        const { id, vector } = at(i);
        b.add(id, vector);
      }
      return b.finish();
    },
  });
  const bytes = encodeKnowledge(built, inputHash);
  return { bytes, inputHash, stats: built.corpus.stats, rejected, failures: built.corpus.failures, ms: performance.now() - t0 };
}

export type PrebuiltState = { state: "fresh"; inputHash: string } | { state: "missing" } | { state: "stale"; built: string; now: string } | { state: "unreadable"; reason: string };

/** Whether `out` holds the knowledge of corpusDir as it is now. */
export async function checkPrebuilt(corpusDir: string, out = DEFAULT_OUT): Promise<PrebuiltState> {
  let bytes: Buffer;
  try {
    bytes = await readFile(out);
  } catch {
    return { state: "missing" };
  }
  const { readHeader } = await import("../src/worker-knowledge-header.ts");
  let built: string;
  try {
    built = readHeader(bytes).header.inputHash;
  } catch (e) {
    return { state: "unreadable", reason: (e as Error).message };
  }
  const now = await workerInputHash(corpusDir);
  return built === now ? { state: "fresh", inputHash: now } : { state: "stale", built, now };
}

/** Rebuild `out` unless it is fresh (or always, with force); written to a temporary file and renamed into place. */
export async function ensurePrebuilt(corpusDir: string, out = DEFAULT_OUT, opts: { force?: boolean } = {}): Promise<{ rebuilt: boolean; why: string; result?: Prebuilt }> {
  const before = await checkPrebuilt(corpusDir, out);
  if (before.state === "fresh" && !opts.force) return { rebuilt: false, why: "fresh" };
  const result = await prebuildKnowledge(corpusDir);
  await mkdir(dirname(out), { recursive: true });
  const tmp = `${out}.tmp-${process.pid}`;
  try {
    await writeFile(tmp, result.bytes);
    await rename(tmp, out);
  } finally {
    await rm(tmp, { force: true });
  }
  return { rebuilt: true, why: opts.force ? "forced" : before.state, result };
}

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(args: string[]): Promise<number> {
  const corpusDir = resolve(argValue(args, "--corpus") ?? process.env.CORPUS_DIR ?? join(ROOT, "corpus"));
  const out = resolve(argValue(args, "--out") ?? DEFAULT_OUT);
  if (args.includes("--check")) {
    const s = await checkPrebuilt(corpusDir, out);
    if (s.state === "fresh") {
      console.log(`worker knowledge ${out} is up to date (${s.inputHash})`);
      return 0;
    }
    const why = s.state === "stale" ? `stale: built from ${s.built}, corpus/pipeline is now ${s.now}` : s.state === "unreadable" ? s.reason : "missing";
    console.error(`worker knowledge ${out} is ${why} — run npm run build:worker`);
    return 1;
  }
  const r = await ensurePrebuilt(corpusDir, out, { force: args.includes("--force") });
  if (!r.rebuilt || !r.result) {
    console.log(`worker knowledge up to date: ${out}`);
    return 0;
  }
  const { result: p } = r;
  const s = p.stats;
  const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
  console.log(
    `worker knowledge (${r.why}) → ${out}: ${s.documents} documents, ${s.chunks} chunks, ${s.tasks} tasks, ${s.indicators} indicators; ` +
      `${kib(p.bytes.byteLength)} (gzip ${kib(gzipSync(p.bytes).byteLength)}), ${(p.ms / 1000).toFixed(1)} s, input ${p.inputHash}`,
  );
  for (const m of p.rejected) console.log(`  rejected: ${m}`);
  for (const f of p.failures) console.log(`  could not read ${f.file}${f.line ? `:${f.line}` : ""}: ${f.reason}`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      console.error(`worker knowledge build failed: ${(e as Error)?.message ?? e}`);
      process.exitCode = 1;
    },
  );
}
