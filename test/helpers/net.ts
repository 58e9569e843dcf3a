// Dev helpers shared by tests and the bench (Node only): a free port on 127.0.0.1, and sleep.
import { createServer } from "node:net";

/** A port nothing listens on right now, on 127.0.0.1 (load and fault tests never leave loopback). */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => ok(p));
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
