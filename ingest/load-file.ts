// Ingest (Node): read one corpus file — .txt, .md, .html, .pdf — and reject what cannot be read:
// binary junk, unknown formats, invalid UTF-8 and legacy Vietnamese 8-bit encodings (TCVN3, VNI).

import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import type { SourceFile } from "../src/tasks/corpus.ts";

export class CorpusFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
  }
}

export const SUPPORTED = [".txt", ".md", ".markdown", ".html", ".htm", ".pdf"];

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

export async function loadCorpusFile(path: string, name: string): Promise<SourceFile> {
  const ext = extname(name).toLowerCase();
  if (!SUPPORTED.includes(ext)) throw new CorpusFileError(name, `unsupported format "${ext || "(none)"}" — use ${SUPPORTED.join(", ")} / định dạng không hỗ trợ`);
  const buf = await readFile(path);
  if (ext === ".pdf") return { name, text: await pdfText(name, buf), pdfLike: true };
  const text = checkText(name, buf);
  if (ext === ".html" || ext === ".htm") return { name, text: htmlToText(text) };
  return { name, text };
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
    if (text.replace(/\s/g, "").length < 20) throw new CorpusFileError(name, "PDF has no extractable text (scanned image?) / PDF không có lớp chữ");
    return text;
  } catch (e) {
    if (e instanceof CorpusFileError) throw e;
    throw new CorpusFileError(name, `cannot read PDF: ${(e as Error).message}`);
  } finally {
    await parser.destroy?.();
  }
}
