// Channels (Node only): keeps the Zalo OA token pair in a JSON file, because each refresh rotates the refresh token and a restart must not lose it.

import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, rename, unlink, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { TokenPair, TokenStore } from "./zalo.ts";

export interface FileTokenStoreOptions {
  /** Used while the file does not exist yet (e.g. ZALO_OA_ACCESS_TOKEN / ZALO_OA_REFRESH_TOKEN). The file wins once written. */
  initial?: TokenPair | null;
}

function parsePair(text: string, path: string): TokenPair {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error(`Zalo token file is not valid JSON: ${path}`);
  }
  const d = data as Partial<TokenPair> | null;
  if (!d || typeof d.accessToken !== "string" || typeof d.refreshToken !== "string") {
    throw new Error(`Zalo token file lacks accessToken/refreshToken: ${path}`);
  }
  return {
    accessToken: d.accessToken,
    refreshToken: d.refreshToken,
    expiresAt: typeof d.expiresAt === "number" && Number.isFinite(d.expiresAt) ? d.expiresAt : 0,
  };
}

/**
 * A TokenStore in one file, mode 0600. Writes go to a temporary file in the same folder and are
 * renamed over the old one, so a crash leaves either the old pair or the new one, never half.
 */
export function createFileTokenStore(path: string, opts: FileTokenStoreOptions = {}): TokenStore {
  let writing: Promise<void> = Promise.resolve();

  return {
    async load() {
      let text: string;
      try {
        text = await readFile(path, "utf8");
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ENOENT")
          return opts.initial ? { ...opts.initial } : null;
        throw err;
      }
      return parsePair(text, path);
    },

    save(pair: TokenPair) {
      const next = writing.then(async () => {
        await mkdir(dirname(path), { recursive: true, mode: 0o700 });
        const tmp = `${path}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
        const data = JSON.stringify(
          { accessToken: pair.accessToken, refreshToken: pair.refreshToken, expiresAt: pair.expiresAt },
          null,
          2,
        );
        try {
          await writeFile(tmp, `${data}\n`, { mode: 0o600, flag: "wx" });
          await chmod(tmp, 0o600);
          await rename(tmp, path);
        } catch (err) {
          await unlink(tmp).catch(() => {});
          throw err;
        }
      });
      // Keep the queue alive after a failed write; the caller still sees the failure.
      writing = next.catch(() => {});
      return next;
    },
  };
}
