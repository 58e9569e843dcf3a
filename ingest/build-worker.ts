// Ingest (Node, worker thread): runs buildData off the serving thread, so a reindex never stalls the event loop
// that answers requests (it held it for up to 685 ms at the bundled corpus). Progress and the result go back as
// messages; node.ts starts it through buildInWorker().

import { parentPort, Worker, workerData } from "node:worker_threads";
import { type BuildResult, buildData } from "./data-store.ts";

type Message = { kind: "progress"; msg: string } | { kind: "done"; result: BuildResult } | { kind: "error"; message: string };

/** Build corpus/ → data/ in a worker thread; resolves with the build's result, rejects with its error message. */
export function buildInWorker(corpusDir: string, dataDir: string, progress: (msg: string) => void = () => {}): Promise<BuildResult> {
  return new Promise((resolve, reject) => {
    // Through a .mjs bootstrap that registers tsx: worker threads do not inherit --import hooks.
    const w = new Worker(new URL("./build-worker.node.mjs", import.meta.url), { workerData: { corpusDir, dataDir } });
    let settled = false;
    w.on("message", (m: Message) => {
      if (m.kind === "progress") progress(m.msg);
      else if (!settled) {
        settled = true;
        if (m.kind === "done") resolve(m.result);
        else reject(new Error(m.message));
      }
    });
    w.on("error", (e) => {
      if (settled) return;
      settled = true;
      reject(e);
    });
    w.on("exit", (code) => {
      if (settled) return;
      settled = true;
      reject(new Error(`index build worker exited with code ${code}`));
    });
  });
}

if (parentPort && (workerData as { corpusDir?: string } | null)?.corpusDir) {
  const port = parentPort;
  const { corpusDir, dataDir } = workerData as { corpusDir: string; dataDir: string };
  buildData(corpusDir, dataDir, (msg) => port.postMessage({ kind: "progress", msg } satisfies Message))
    .then((result) => port.postMessage({ kind: "done", result } satisfies Message))
    .catch((e: unknown) => port.postMessage({ kind: "error", message: e instanceof Error ? e.message : String(e) } satisfies Message))
    .finally(() => port.close());
}
