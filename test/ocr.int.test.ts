// Scanned PDFs: a two-page plan written for this test is typeset (pdf-lib, DejaVu Sans), rasterised by
// pdftoppm, and wrapped back as an image-only PDF — a scan with no text layer. Read through the upload path
// (OCR with tesseract -l vie), at least 90% of the task fields written below by hand must come out.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument } from "pdf-lib";
import { afterAll, describe, expect, it } from "vitest";
import { CorpusFileError, readSourceBytes } from "../ingest/load-file.ts";
import { reportSource } from "../ingest/report.ts";

const PAGES = [
  [
    "ỦY BAN NHÂN DÂN",
    "TỈNH LAI CHÂU MỚI",
    "Số: 215/KH-UBND",
    "Lai Châu, ngày 10 tháng 2 năm 2026",
    "KẾ HOẠCH",
    "Triển khai dịch vụ công trực tuyến toàn trình năm 2026",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "Bảo đảm người dân, doanh nghiệp được phục vụ trên môi trường số.",
    "II. NHIỆM VỤ",
    "1. Sở Khoa học và Công nghệ chủ trì, phối hợp với Văn phòng Ủy ban nhân dân tỉnh nâng cấp Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh, hoàn thành trong tháng 6/2026.",
    "2. Sở Tư pháp chủ trì rà soát, chuẩn hóa dữ liệu hộ tịch đã số hóa, hoàn thành trong Quý III/2026.",
    "3. Sở Nội vụ chủ trì, phối hợp với Sở Khoa học và Công nghệ tổ chức tập huấn kỹ năng số cho công chức cấp xã, hoàn thành trước ngày 30/9/2026.",
  ],
  [
    "4. Công an tỉnh chủ trì, phối hợp với Sở Tư pháp triển khai xác thực điện tử cho dịch vụ công, hoàn thành trong tháng 10/2026.",
    "5. Sở Tài chính chủ trì bố trí kinh phí thực hiện Kế hoạch, hoàn thành trong tháng 3/2026.",
    "6. Ủy ban nhân dân các xã, phường chủ trì tuyên truyền, hướng dẫn người dân sử dụng dịch vụ công trực tuyến, thực hiện thường xuyên.",
    "III. TỔ CHỨC THỰC HIỆN",
    "Các sở, ngành báo cáo kết quả về Sở Khoa học và Công nghệ trước ngày 15/12/2026.",
  ],
];

/** Read from the text above by hand: who leads, who coordinates, the last day. */
const EXPECTED = [
  { lead: "Sở Khoa học và Công nghệ", coordinators: ["Văn phòng Ủy ban nhân dân tỉnh"], end: "2026-06-30" },
  { lead: "Sở Tư pháp", coordinators: [], end: "2026-09-30" },
  { lead: "Sở Nội vụ", coordinators: ["Sở Khoa học và Công nghệ"], end: "2026-09-30" },
  { lead: "Công an tỉnh", coordinators: ["Sở Tư pháp"], end: "2026-10-31" },
  { lead: "Sở Tài chính", coordinators: [], end: "2026-03-31" },
  { lead: "Ủy ban nhân dân các xã, phường", coordinators: [], end: null },
  { lead: "Các sở, ngành", coordinators: [], end: "2026-12-15" },
];
/** Share of task fields OCR must get right (the bar). */
const MIN_FIELD_RECALL = 0.9;

const dir = mkdtempSync(join(tmpdir(), "hoidap-scan-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function typeset(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const require = createRequire(import.meta.url);
  const font = await doc.embedFont(readFileSync(join(dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf", "DejaVuSans.ttf")), { subset: true });
  const size = 12;
  for (const paras of PAGES) {
    const page = doc.addPage([595, 842]);
    let y = 790;
    for (const p of paras) {
      let line = "";
      const lines: string[] = [];
      for (const w of p.split(" ")) {
        const next = line ? `${line} ${w}` : w;
        if (font.widthOfTextAtSize(next, size) > 495) {
          lines.push(line);
          line = w;
        } else line = next;
      }
      lines.push(line);
      for (const l of lines) {
        page.drawText(l, { x: 50, y, size, font });
        y -= size * 1.5;
      }
      y -= size * 0.6;
    }
  }
  return doc.save();
}

/** Rasterise a PDF's pages and put the images back into a PDF of their own: a scan. */
async function scan(pdf: Uint8Array): Promise<Uint8Array> {
  writeFileSync(join(dir, "typeset.pdf"), pdf);
  execFileSync("pdftoppm", ["-r", "200", "-gray", "-png", join(dir, "typeset.pdf"), join(dir, "page")]);
  const out = await PDFDocument.create();
  for (const f of readdirSync(dir).filter((n) => n.startsWith("page")).sort()) {
    const img = await out.embedPng(readFileSync(join(dir, f)));
    const page = out.addPage([595, 842]);
    page.drawImage(img, { x: 0, y: 0, width: 595, height: 842 });
  }
  return out.save();
}

describe("scanned PDF through OCR", () => {
  it(`reads a two-page scan with at least ${MIN_FIELD_RECALL * 100}% of the task fields`, async () => {
    const scanned = Buffer.from(await scan(await typeset()));
    // No text layer: the plain PDF reader refuses it…
    await expect(readSourceBytes("ke-hoach-215.pdf", scanned, { ocr: false })).rejects.toThrow(CorpusFileError);
    // …and OCR reads it, marked as OCR'd.
    const src = await readSourceBytes("ke-hoach-215.pdf", scanned);
    expect(src.ocr).toMatchObject({ pages: 2, totalPages: 2 });
    expect(src.warnings?.join(" ")).toMatch(/OCR/);
    const r = reportSource(src);
    expect(r.documents).toHaveLength(1);
    const d = r.documents[0]!;
    expect(d.meta.number).toBe("215/KH-UBND");
    let right = 0;
    const fields = EXPECTED.length * 3;
    for (const e of EXPECTED) {
      const t = d.tasks.find((x) => x.lead.includes(e.lead) || x.leadText === e.lead);
      if (!t) continue;
      right++;
      if (JSON.stringify(t.coordinators) === JSON.stringify(e.coordinators)) right++;
      if ((t.deadline.end ?? null) === e.end) right++;
    }
    console.log(`OCR task fields: ${right}/${fields} (${((100 * right) / fields).toFixed(1)}%), ${src.ocr!.ms} ms for ${src.ocr!.pages} pages`);
    expect(right / fields).toBeGreaterThanOrEqual(MIN_FIELD_RECALL);
  });

  it("a page limit reads the first pages only and says so", async () => {
    const scanned = Buffer.from(await scan(await typeset()));
    const src = await readSourceBytes("ke-hoach-215.pdf", scanned, { ocr: { maxPages: 1 } });
    expect(src.ocr).toMatchObject({ pages: 1, totalPages: 2 });
    expect(src.warnings?.join(" ")).toContain("1 of 2 pages");
  });

  it("a timeout stops OCR with a clear error", async () => {
    const scanned = Buffer.from(await scan(await typeset()));
    await expect(readSourceBytes("ke-hoach-215.pdf", scanned, { ocr: { timeoutMs: 50 } })).rejects.toThrow(/longer than|quá thời gian/);
  });
});
