// Ingest (Node, worker thread bootstrap): a worker thread does not inherit the parent's --import tsx hooks, so
// it registers tsx itself and then runs the TypeScript build worker (ingest/build-worker.ts).
import { register } from "tsx/esm/api";

register();
await import("./build-worker.ts");
