// Test helper (Node): a throw-away PostgreSQL cluster on loopback — initdb into a temp dir, postgres on a free
// port, stopped and removed by stop(). As root (a CI container), the server runs as the "postgres" or
// "nobody" user, since postgres refuses to run as root. Returns null when Debian's postgresql is not installed.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, sleep } from "./net.ts";

export interface TestPostgres {
  url: string;
  stop(): Promise<void>;
}

function pgBin(): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, "bin", "initdb"))).sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], "bin") : null;
}

function runAs(): { uid: number; gid: number; name: string } | null {
  if (process.getuid?.() !== 0) return null;
  for (const name of ["postgres", "nobody"]) {
    const r = spawnSync("id", ["-u", name], { encoding: "utf8" });
    const g = spawnSync("id", ["-g", name], { encoding: "utf8" });
    if (r.status === 0) return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()), name };
  }
  throw new Error("running as root and no postgres/nobody user to run PostgreSQL as");
}

export async function startPostgres(): Promise<TestPostgres | null> {
  const bin = pgBin();
  if (!bin) return null;
  const dir = mkdtempSync(join(tmpdir(), "hoidap-pg-"));
  chmodSync(dir, 0o777);
  const data = join(dir, "data");
  const user = runAs();
  if (user) chownSync(dir, user.uid, user.gid);
  const wrap = (cmd: string, args: string[]): [string, string[]] => (user ? ["runuser", ["-u", user.name, "--", cmd, ...args]] : [cmd, args]);
  const [c1, a1] = wrap(join(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "hoidap", "--no-sync", "-E", "UTF8"]);
  const init = spawnSync(c1, a1, { encoding: "utf8" });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  const port = await freePort();
  const [c2, a2] = wrap(join(bin, "postgres"), ["-D", data, "-p", String(port), "-h", "127.0.0.1", "-k", dir, "-c", "fsync=off"]);
  const proc: ChildProcess = spawn(c2, a2, { stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  proc.stderr!.on("data", (d) => (log += String(d)));
  const url = `postgres://hoidap@127.0.0.1:${port}/postgres`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const r = spawnSync(join(bin, "pg_isready"), ["-h", "127.0.0.1", "-p", String(port)]);
    if (r.status === 0) break;
    if (Date.now() > deadline || proc.exitCode !== null) throw new Error(`postgres did not start: ${log.slice(-500)}`);
    await sleep(200);
  }
  return {
    url,
    async stop() {
      // pg_ctl as the server's user: a signal to runuser would not reach postgres.
      const [c3, a3] = wrap(join(bin, "pg_ctl"), ["stop", "-D", data, "-m", "fast", "-w"]);
      spawnSync(c3, a3, { encoding: "utf8", timeout: 30_000 });
      if (proc.exitCode === null) await new Promise((r) => proc.once("exit", r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
