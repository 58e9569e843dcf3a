// Workers entry (bundled corpus): the decision texts of corpus/ imported as Text modules (wrangler.toml
// [[rules]] type = "Text"), so corpus/ stays the one source — nothing is generated or copied. Workers have
// no file system to list, so each file is named here; test/worker.int.test.ts fails when corpus/ holds a
// .txt/.md file that is missing from this list (PDF/HTML need the Node ingest and are not bundled).
// No node:* imports: this module is part of the Worker bundle.

import manifestJson from "../corpus/manifest.json";
import { parseManifest } from "./answer/build-knowledge.ts";
import type { Manifest, SourceFile } from "./tasks/corpus.ts";

// TypeScript has no type for a Text module and a wildcard `declare module "*.txt"` cannot live in a module
// file, hence the per-line @ts-expect-error; wrangler turns each import into the file's UTF-8 text (a string).
// @ts-expect-error Text module (wrangler rule), untyped
import duThaoKhCds2025 from "../corpus/du-thao-ke-hoach-chuyen-doi-so-2025.txt";
// @ts-expect-error Text module (wrangler rule), untyped
import kh02Bcdtw2025 from "../corpus/kh-02-bcdtw-2025-chuyen-doi-so-lien-thong.md";
// @ts-expect-error Text module (wrangler rule), untyped
import qd2629 from "../corpus/qd-2629-2025-chuong-trinh-phat-trien-chinh-phu-so.txt";
// @ts-expect-error Text module (wrangler rule), untyped
import phienHop1Ubqg2021 from "../corpus/tai-lieu-phien-hop-1-ubqg-chuyen-doi-so-2021.md";
// @ts-expect-error Text module (wrangler rule), untyped
import tinKienTruc2025 from "../corpus/tin-2025-ke-hoach-kien-truc-nen-tang-du-lieu-dung-chung.txt";

/** File name → text, in the order ingest lists them (sorted by name). */
const TEXTS: Record<string, string> = {
  "du-thao-ke-hoach-chuyen-doi-so-2025.txt": duThaoKhCds2025 as string,
  "kh-02-bcdtw-2025-chuyen-doi-so-lien-thong.md": kh02Bcdtw2025 as string,
  "qd-2629-2025-chuong-trinh-phat-trien-chinh-phu-so.txt": qd2629 as string,
  "tai-lieu-phien-hop-1-ubqg-chuyen-doi-so-2021.md": phienHop1Ubqg2021 as string,
  "tin-2025-ke-hoach-kien-truc-nen-tang-du-lieu-dung-chung.txt": tinKienTruc2025 as string,
};

export interface CorpusSource {
  files: SourceFile[];
  manifest: Manifest;
}

/** The bundled corpus as buildCorpus() takes it (BOM stripped, like ingest). */
export function bundledCorpus(): CorpusSource {
  const files = Object.keys(TEXTS)
    .sort()
    .map((name) => ({ name, text: TEXTS[name]!.replace(/^\uFEFF/, "") }));
  return { files, manifest: parseManifest(manifestJson) };
}

/** The bundled file names (for the test that keeps this list in step with corpus/). */
export const BUNDLED_FILES: readonly string[] = Object.keys(TEXTS).sort();
