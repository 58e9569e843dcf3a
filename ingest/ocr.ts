// Ingest (Node): a scanned PDF → text, by Debian's poppler-utils (pdfinfo, pdftoppm: pages → PNG) and
// tesseract-ocr with tesseract-ocr-vie (PNG → Vietnamese text). Child processes, so the event loop stays free;
// a page limit and a timeout per call and per document bound what one upload can cost.

import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Pages read at most from one scan (a decision with its annexes is rarely longer). */
export const DEFAULT_OCR_MAX_PAGES = 40;
/** Whole-document budget: rasterising + reading 40 pages takes about 2 minutes on one core. */
export const DEFAULT_OCR_TIMEOUT_MS = 300_000;
/** 300 dpi is what tesseract is trained for; lower loses Vietnamese tone marks. */
const RASTER_DPI = 300;

export const OCR_PACKAGES = "poppler-utils tesseract-ocr tesseract-ocr-vie";

export class OcrUnavailableError extends Error {
  constructor(missing: string) {
    super(
      `OCR needs ${missing} — install the Debian packages: apt-get install ${OCR_PACKAGES} / cần cài các gói Debian ${OCR_PACKAGES} để đọc PDF quét (thiếu ${missing})`,
    );
  }
}

export interface OcrOptions {
  maxPages?: number;
  timeoutMs?: number;
}

export interface OcrResult {
  text: string;
  pages: number;
  /** Pages in the file (more than `pages` when the limit cut it). */
  totalPages: number;
  warnings: string[];
  ms: number;
}

function run(cmd: string, args: string[], timeoutMs: number): Promise<{ stdout: string; stderr: string }> {
  return new Promise((ok, fail) => {
    execFile(cmd, args, { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, encoding: "utf8", killSignal: "SIGKILL" }, (err, stdout, stderr) => {
      if (err) {
        const e = err as NodeJS.ErrnoException & { killed?: boolean };
        if (e.code === "ENOENT") return fail(new OcrUnavailableError(cmd));
        if (e.killed) return fail(new Error(`${cmd} took longer than ${Math.round(timeoutMs / 1000)} s / ${cmd} chạy quá thời gian cho phép`));
        return fail(new Error(`${cmd} failed: ${(stderr || e.message).trim().slice(0, 300)}`));
      }
      ok({ stdout, stderr });
    });
  });
}

let checked: Promise<void> | undefined;
/** The tools and the Vietnamese model are there (checked once per process). */
export function checkOcrTools(): Promise<void> {
  checked ??= (async () => {
    await run("pdftoppm", ["-v"], 10_000);
    await run("pdfinfo", ["-v"], 10_000);
    const { stdout } = await run("tesseract", ["--list-langs"], 10_000);
    if (!/^vie$/m.test(stdout)) throw new OcrUnavailableError("tesseract-ocr-vie (the Vietnamese model)");
  })().catch((e) => {
    checked = undefined;
    throw e;
  });
  return checked;
}

/** OCR a PDF given as bytes: pages 1..maxPages rasterised, then read in order. */
export async function ocrPdf(pdf: Uint8Array, opts: OcrOptions = {}): Promise<OcrResult> {
  const t0 = performance.now();
  const maxPages = opts.maxPages ?? DEFAULT_OCR_MAX_PAGES;
  const deadline = Date.now() + (opts.timeoutMs ?? DEFAULT_OCR_TIMEOUT_MS);
  const left = () => {
    const ms = deadline - Date.now();
    if (ms <= 0) throw new Error(`OCR took longer than ${Math.round((opts.timeoutMs ?? DEFAULT_OCR_TIMEOUT_MS) / 1000)} s / nhận dạng chữ quá thời gian cho phép`);
    return ms;
  };
  await checkOcrTools();
  const dir = await mkdtemp(join(tmpdir(), "hoidap-ocr-"));
  try {
    const src = join(dir, "in.pdf");
    await writeFile(src, pdf);
    const info = await run("pdfinfo", [src], left());
    const totalPages = Number(/^Pages:\s+(\d+)/m.exec(info.stdout)?.[1] ?? "0");
    if (!totalPages) throw new Error("PDF has no pages / PDF không có trang nào");
    const pages = Math.min(totalPages, maxPages);
    const warnings: string[] = [];
    if (totalPages > pages) warnings.push(`OCR: only the first ${pages} of ${totalPages} pages were read / chỉ nhận dạng ${pages}/${totalPages} trang đầu`);
    await run("pdftoppm", ["-r", String(RASTER_DPI), "-gray", "-png", "-f", "1", "-l", String(pages), src, join(dir, "p")], left());
    const images = (await readdir(dir)).filter((n) => /^p-\d+\.png$/.test(n)).sort((a, b) => Number(a.slice(2, -4)) - Number(b.slice(2, -4)));
    const texts: string[] = [];
    for (const img of images) {
      // psm 4: one column of text of varying sizes — a decision's page; spaces kept so table columns stay apart.
      const { stdout } = await run("tesseract", [join(dir, img), "stdout", "-l", "vie", "--psm", "4", "-c", "preserve_interword_spaces=1"], left());
      texts.push(stdout.normalize("NFC").replace(/\f/g, "").trimEnd());
    }
    const text = texts.join("\n");
    if (text.replace(/\s/g, "").length < 20) warnings.push("OCR read almost no text — is the scan blank or upside down? / nhận dạng được rất ít chữ");
    return { text, pages, totalPages, warnings, ms: performance.now() - t0 };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
