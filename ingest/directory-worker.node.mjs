// Ingest (Node, worker thread bootstrap): a worker thread does not inherit the parent's --import tsx hooks, so
// it registers tsx itself and then runs the TypeScript directory worker (ingest/directory-worker.ts).
import { register } from "tsx/esm/api";

register();
await import("./directory-worker.ts");
