// Ingest (Node, worker thread): the agency directory of a loaded version (tasks/agencies.ts agencyDirectory reads
// every task and chunk for unit names: 1.5 s at the bundled corpus, 8 s at 10×), computed from the version's
// corpus.jsonl off the serving thread. Only the directory (a few hundred entries) comes back; node.ts starts it
// through directoryInWorker() while the main thread prepares the rest of the version in slices.

import { readFile } from "node:fs/promises";
import { parentPort, Worker, workerData } from "node:worker_threads";
import { type AgencyDirectoryEntry, agencyById, agencyDirectory } from "../src/tasks/agencies.ts";
import { readCorpusLines } from "./data-store.ts";

type Message = { kind: "done"; entries: AgencyDirectoryEntry[] } | { kind: "error"; message: string };

/** The directory of the corpus in this corpus.jsonl (already verified by the loader), from a worker thread. */
export function directoryInWorker(corpusFile: string): Promise<AgencyDirectoryEntry[]> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL("./directory-worker.node.mjs", import.meta.url), { workerData: { directoryOf: corpusFile } });
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      f();
    };
    w.on("message", (m: Message) =>
      settle(() => {
        if (m.kind === "error") return reject(new Error(m.message));
        // A registry agency crosses the thread as a copy: point back at the registry's own object.
        resolve(m.entries.map((e) => (e.agency ? { ...e, agency: agencyById(e.agency.id) ?? e.agency } : e)));
      }),
    );
    w.on("error", (e) => settle(() => reject(e)));
    w.on("exit", (code) => settle(() => reject(new Error(`agency directory worker exited with code ${code}`))));
  });
}

if (parentPort && (workerData as { directoryOf?: string } | null)?.directoryOf) {
  const port = parentPort;
  const file = (workerData as { directoryOf: string }).directoryOf;
  readFile(file)
    .then((buf) => readCorpusLines(buf))
    .then((corpus) => port.postMessage({ kind: "done", entries: agencyDirectory(corpus) } satisfies Message))
    .catch((e: unknown) => port.postMessage({ kind: "error", message: e instanceof Error ? e.message : String(e) } satisfies Message))
    .finally(() => port.close());
}
