// Ingest (Node): read one corpus file — .txt, .md, .html, .pdf, .docx — and reject what cannot be read:
// binary junk, unknown formats, invalid UTF-8 and legacy Vietnamese 8-bit encodings (TCVN3, VNI), zip bombs.
// Word files go through mammoth with their tables kept as HTML tables (the reader's grid.ts reads rowspan and
// colspan); a PDF without a text layer is read by OCR (ingest/ocr.ts) and its text is marked as OCR'd.

import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import type { SourceFile } from "../src/tasks/corpus.ts";
import { zipProblem } from "../src/http/upload-check.ts";
import { ocrPdf, type OcrOptions } from "./ocr.ts";

export class CorpusFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
  }
}

export const SUPPORTED = [".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx"];

/** A file as read: the text the reader gets, plus how it was obtained. */
export interface LoadedFile extends SourceFile {
  warnings?: string[];
  /** Set when the text came from OCR of a scanned PDF: its citations must say so. */
  ocr?: { pages: number; totalPages: number; ms: number };
}

export interface LoadOptions {
  /** OCR settings for scanned PDFs; false refuses them (the old "no text layer" error). */
  ocr?: OcrOptions | false;
}

/** The part of a file name that marks text read by OCR: "qd-12.ocr.txt". */
export const OCR_MARK = ".ocr.";
export const isOcrFile = (name: string) => name.toLowerCase().includes(OCR_MARK);

/** Text that decoded but is legacy-encoded Vietnamese ("Bé C«ng an", "Boä Coâng an"). */
export function detectLegacyEncoding(text: string): "TCVN3" | "VNI" | null {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (letters < 40) return null;
  const viet = text.match(/[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹăâêôơưđĐ]/giu)?.length ?? 0;
  const tcvn = text.match(/[«»¬®¸µ¶·¹¨©ª¤¥¦§£¢¡¿¾½¼ºÕÔÒÑÐÏÎÍÌËÊÇÆÅÄ]/gu)?.length ?? 0;
  const vni = text.match(/[a-zA-Z][øùûõïäåæçëìîñöüÆÖÜÏËÄ](?=[a-zA-Z\s,.])/gu)?.length ?? 0;
  if (tcvn > letters * 0.03 && tcvn > viet) return "TCVN3";
  if (vni > letters * 0.03 && vni > viet) return "VNI";
  return null;
}

function checkText(file: string, buf: Buffer): string {
  if (buf.includes(0)) throw new CorpusFileError(file, "binary content (NUL bytes) — not a text document / tệp nhị phân, không phải văn bản");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(buf);
  } catch {
    throw new CorpusFileError(file, "not valid UTF-8 (legacy 8-bit encoding?) — convert it to Unicode UTF-8 / không phải UTF-8, hãy chuyển sang Unicode");
  }
  const controls = text.match(/[\x00-\x08\x0E-\x1F\x7F]/g)?.length ?? 0;
  if (controls > text.length * 0.01) throw new CorpusFileError(file, "too many control characters — not a text document / tệp chứa ký tự điều khiển");
  const legacy = detectLegacyEncoding(text);
  if (legacy) throw new CorpusFileError(file, `text looks like legacy ${legacy} Vietnamese encoding — convert it to Unicode / văn bản dùng bảng mã ${legacy} cũ, hãy chuyển sang Unicode`);
  return text.replace(/^\uFEFF/, "");
}

/**
 * HTML as saved from a legal-documents site → the text layout the parser reads: block elements become
 * lines, table rows become tab-separated cells (the shape of the seeds' tab tables), scripts and styles go.
 */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|head)[\s\S]*?<\/\1>/gi, "")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/\s*\n\s*/g, " ")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/t[dh]>\s*<t[dh][^>]*>/gi, "\t")
    .replace(/<\/tr>/gi, "\n")
    .replace(/<\/(p|div|li|h\d|table|tbody|thead|section|article)>/gi, "\n")
    .replace(/<(?!\/?(b|i|sup)\b)[^>]+>/gi, "")
    .replace(/&nbsp;/g, " ")
    .replace(/\n[ \t]*\n+/g, "\n\n");
}

export async function loadCorpusFile(path: string, name: string, opts: LoadOptions = {}): Promise<LoadedFile> {
  const ext = extname(name).toLowerCase();
  if (!SUPPORTED.includes(ext)) throw new CorpusFileError(name, `unsupported format "${ext || "(none)"}" — use ${SUPPORTED.join(", ")} / định dạng không hỗ trợ`);
  return readSourceBytes(name, await readFile(path), opts);
}

/** The same reading for bytes in hand (an upload), by the file's extension. */
export async function readSourceBytes(name: string, buf: Buffer, opts: LoadOptions = {}): Promise<LoadedFile> {
  const ext = extname(name).toLowerCase();
  if (ext === ".pdf") return pdfSource(name, buf, opts);
  if (ext === ".docx") return { name, text: await docxText(name, buf) };
  const text = checkText(name, buf);
  if (ext === ".html" || ext === ".htm") return { name, text: htmlToText(text) };
  // A text file the workbench wrote from OCR: hard-wrapped lines like a PDF's.
  return isOcrFile(name) ? { name, text, pdfLike: true } : { name, text };
}

async function pdfSource(name: string, buf: Buffer, opts: LoadOptions): Promise<LoadedFile> {
  try {
    return { name, text: await pdfText(name, buf), pdfLike: true };
  } catch (e) {
    if (!(e instanceof NoTextLayer) || opts.ocr === false) throw e;
  }
  let r;
  try {
    r = await ocrPdf(buf, opts.ocr ?? {});
  } catch (e) {
    throw new CorpusFileError(name, `scanned PDF, OCR failed: ${(e as Error).message}`);
  }
  if (r.text.replace(/\s/g, "").length < 20) throw new CorpusFileError(name, "scanned PDF: OCR read no text / PDF quét: không nhận dạng được chữ");
  return {
    name,
    text: r.text,
    pdfLike: true,
    ocr: { pages: r.pages, totalPages: r.totalPages, ms: Math.round(r.ms) },
    warnings: [`text read by OCR (tesseract, vie) from ${r.pages} scanned page(s) — check numbers and names against the scan / văn bản nhận dạng bằng OCR từ ${r.pages} trang quét`, ...r.warnings],
  };
}

class NoTextLayer extends CorpusFileError {}

/** A zip bomb or broken zip renamed .docx is refused before mammoth inflates anything. */
function checkZipSizes(name: string, buf: Buffer): void {
  const p = zipProblem(buf);
  if (p) throw new CorpusFileError(name, p);
}

/**
 * A Word file → the text the reader reads: paragraphs as lines (headings, bold and italics kept as the HTML
 * path keeps them), each table as an HTML <table> with one row per line so citations point at the row.
 * "<table><tr><td><p>Xây dựng …</p></td><td><p>Bộ Công an</p></td></tr></table>" →
 * "<table>\n<tr><td><p>Xây dựng …</p></td><td><p>Bộ Công an</p></td></tr>\n</table>".
 */
async function docxText(name: string, buf: Buffer): Promise<string> {
  if (buf.readUInt32LE(0) !== 0x04034b50) throw new CorpusFileError(name, "not a .docx (Word 2007+) file / không phải tệp .docx");
  checkZipSizes(name, buf);
  const mammoth = (await import("mammoth")).default;
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: buf }, { ignoreEmptyParagraphs: true, convertImage: mammoth.images.imgElement(async () => ({ src: "" })) })).value;
  } catch (e) {
    throw new CorpusFileError(name, `cannot read .docx: ${(e as Error).message} / không đọc được tệp .docx`);
  }
  html = html.replace(/<img[^>]*>/gi, "").replace(/<(\/?)strong>/gi, "<$1b>").replace(/<(\/?)em>/gi, "<$1i>");
  const out: string[] = [];
  let pos = 0;
  for (const t of topLevelTables(html)) {
    out.push(htmlToText(html.slice(pos, t.start)));
    out.push("\n" + html.slice(t.start, t.end).replace(/<tr[\s>]/gi, "\n$&").replace(/<\/table>$/i, "\n</table>") + "\n");
    pos = t.end;
  }
  out.push(htmlToText(html.slice(pos)));
  const text = out.join("").replace(/\n[ \t]*\n+/g, "\n\n").trim();
  if (text.replace(/\s/g, "").length < 20) throw new CorpusFileError(name, ".docx has no text / tệp .docx không có chữ");
  return text + "\n";
}

/** Spans of the outermost <table>…</table> elements (tables nested in cells stay inside their parent). */
function topLevelTables(html: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  const re = /<table[\s>]|<\/table>/gi;
  let depth = 0;
  let start = 0;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    if (m[0].toLowerCase().startsWith("<table")) {
      if (depth++ === 0) start = m.index;
    } else if (depth > 0 && --depth === 0) spans.push({ start, end: m.index + m[0].length });
  }
  return spans;
}

async function pdfText(name: string, buf: Buffer): Promise<string> {
  if (buf.subarray(0, 5).toString("latin1") !== "%PDF-") throw new CorpusFileError(name, "not a PDF file / không phải tệp PDF");
  const { PDFParse } = await import("pdf-parse");
  const parser = new PDFParse({ data: new Uint8Array(buf) });
  try {
    const res = await parser.getText();
    const pages = (res.pages ?? []).map((p: { text: string }) => p.text);
    const text = pages.length ? pages.join("\n") : res.text;
    const legacy = detectLegacyEncoding(text);
    if (legacy) throw new CorpusFileError(name, `PDF text is in legacy ${legacy} encoding / PDF dùng bảng mã ${legacy} cũ`);
    if (text.replace(/\s/g, "").length < 20) throw new NoTextLayer(name, "PDF has no extractable text (scanned image?) / PDF không có lớp chữ");
    return text;
  } catch (e) {
    if (e instanceof CorpusFileError) throw e;
    throw new CorpusFileError(name, `cannot read PDF: ${(e as Error).message}`);
  } finally {
    await parser.destroy?.();
  }
}
