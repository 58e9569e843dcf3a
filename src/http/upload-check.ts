// HTTP layer (pure): what an uploaded file really is, read from its bytes, not its name — a Windows program
// renamed "quyet-dinh.pdf" or a zip that is not a Word file is refused with a message saying what it is.

import { AppError } from "./errors.ts";

/** Uploads accepted (POST /api/admin/documents). */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
export const UPLOAD_EXTENSIONS = [".txt", ".md", ".html", ".htm", ".pdf", ".docx"] as const;
export type UploadKind = "text" | "markdown" | "html" | "pdf" | "docx";

const KIND_OF_EXT: Record<string, UploadKind> = { ".txt": "text", ".md": "markdown", ".html": "html", ".htm": "html", ".pdf": "pdf", ".docx": "docx" };

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);
const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, Math.min(to, b.length)));

/** What the first bytes say, for the error message: "Windows program (.exe)", "ZIP archive" … */
export function detectContent(b: Uint8Array): { kind: UploadKind | "other"; what: string } {
  if (startsWith(b, [0x4d, 0x5a])) return { kind: "other", what: "a Windows program (.exe/.dll) / chương trình Windows" };
  if (startsWith(b, [0x7f, 0x45, 0x4c, 0x46])) return { kind: "other", what: "a Linux program (ELF) / chương trình Linux" };
  if (startsWith(b, [0x23, 0x21])) return { kind: "other", what: "a script / tệp lệnh" };
  if (ascii(b, 0, 1024).includes("%PDF-")) return { kind: "pdf", what: "PDF" };
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) {
    // Zip entry names are stored uncompressed: a Word file names word/document.xml.
    const names = new TextDecoder("latin1").decode(b.length > 4_000_000 ? new Uint8Array([...b.subarray(0, 2_000_000), ...b.subarray(-2_000_000)]) : b);
    if (names.includes("word/document.xml")) return { kind: "docx", what: "Word (.docx)" };
    return { kind: "other", what: "a ZIP archive that is not a Word document / tệp nén không phải Word" };
  }
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0])) return { kind: "other", what: "an old Word/Excel file (.doc/.xls) — save it as .docx / tệp Word cũ (.doc), hãy lưu thành .docx" };
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47]) || startsWith(b, [0xff, 0xd8, 0xff])) return { kind: "other", what: "an image — put it in a PDF / tệp ảnh, hãy đưa vào PDF" };
  if (b.includes(0)) return { kind: "other", what: "binary data / dữ liệu nhị phân" };
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(b.subarray(0, 64 * 1024 + 4)).slice(0, 64 * 1024);
    if (/<(html|body|p|div|table|h\d)[\s>]/i.test(text)) return { kind: "html", what: "HTML" };
    return { kind: "text", what: "text" };
  } catch {
    // A cut in the middle of a multi-byte character at the 64 kB mark is not invalid text.
    return { kind: "other", what: "text that is not UTF-8 (legacy TCVN3/VNI encoding?) / văn bản không phải UTF-8" };
  }
}

/** Bounds on what a .docx (a zip) may unpack to: a 300-page decision is a few MB of XML. */
export const MAX_DOCX_UNPACKED_BYTES = 100 * 1024 * 1024;
/** XML compresses 5–20×; a zip bomb compresses thousands of times. */
export const MAX_DOCX_RATIO = 200;

/**
 * The sizes a zip's central directory declares, checked before anything is inflated: a zip bomb renamed .docx
 * (a few kB that unpack to gigabytes) is refused before it can fill the memory. Returns the reason, or null.
 */
export function zipProblem(b: Uint8Array): string | null {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65_535); i--) {
    if (v.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return "not a valid .docx (no zip directory) / tệp .docx hỏng";
  const entries = v.getUint16(eocd + 10, true);
  let at = v.getUint32(eocd + 16, true);
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > b.length || v.getUint32(at, true) !== 0x02014b50) return "not a valid .docx (broken zip directory) / tệp .docx hỏng";
    const packed = v.getUint32(at + 20, true);
    const size = v.getUint32(at + 24, true);
    // 0xFFFFFFFF: a zip64 entry, over 4 GB — far beyond any document.
    if (size === 0xffffffff || packed === 0xffffffff) return "zip64 entries are not accepted / không nhận tệp nén quá lớn";
    total += size;
    if (total > MAX_DOCX_UNPACKED_BYTES || (size > 1024 * 1024 && size > packed * MAX_DOCX_RATIO)) {
      return `unpacks to ${Math.round(total / 1048576)} MB or more, far more than a document (zip bomb?) / tệp .docx giải nén ra quá lớn`;
    }
    at += 46 + v.getUint16(at + 28, true) + v.getUint16(at + 30, true) + v.getUint16(at + 32, true);
  }
  return null;
}

const unsupported = (vi: string, en: string) => new AppError(415, "unsupported_file", vi, en);

/** Checks name and content agree; returns the kind the reader will treat the file as. */
export function checkUpload(name: string, bytes: Uint8Array): UploadKind {
  const dot = name.lastIndexOf(".");
  const ext = dot >= 0 ? name.slice(dot).toLowerCase() : "";
  const kind = KIND_OF_EXT[ext];
  if (!kind) throw unsupported(`Định dạng "${ext || "(không có)"}" không được hỗ trợ; hãy dùng ${UPLOAD_EXTENSIONS.join(", ")}`, `Unsupported format "${ext || "(none)"}"; use ${UPLOAD_EXTENSIONS.join(", ")}`);
  if (bytes.length === 0) throw new AppError(400, "empty_file", "Tệp rỗng", "The file is empty");
  if (bytes.length > MAX_UPLOAD_BYTES) throw tooLargeUpload();
  const seen = detectContent(bytes);
  // .txt, .md and .html are all text: a Markdown file may hold HTML tables, an .html page may be mostly text.
  const textual = (k: string) => k === "text" || k === "markdown" || k === "html";
  const fits = seen.kind === kind || (textual(kind) && textual(seen.kind));
  if (!fits) throw unsupported(`Tệp "${name}" có đuôi ${ext} nhưng nội dung là ${seen.what}`, `"${name}" is named ${ext} but its content is ${seen.what}`);
  if (kind === "docx") {
    const p = zipProblem(bytes);
    if (p) throw new AppError(422, "unreadable_file", `Tệp "${name}" không dùng được: ${p.split(" / ")[1] ?? p}`, `"${name}" cannot be used: ${p.split(" / ")[0]}`);
  }
  return kind;
}

export const tooLargeUpload = () =>
  new AppError(413, "file_too_large", `Tệp lớn quá ${MAX_UPLOAD_BYTES / 1048576} MB`, `File larger than ${MAX_UPLOAD_BYTES / 1048576} MB`);

/** A file name safe to keep in the corpus: letters (Vietnamese folded), digits, dots and dashes. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "tai-lieu";
  const dot = base.lastIndexOf(".");
  const stem = (dot > 0 ? base.slice(0, dot) : base)
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
  return `${stem || "tai-lieu"}${dot > 0 ? base.slice(dot).toLowerCase() : ""}`;
}
