// An HTML decision (as saved from a legal-documents site) dropped into the corpus: its header, its task
// table (<table><tr><td>) and its prose are read without code changes; scripts and styles are ignored.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadCorpusFile } from "../ingest/load-file.ts";
import { buildCorpus } from "../src/tasks/corpus.ts";

const dir = mkdtempSync(join(tmpdir(), "hoidap-html-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HTML = `<!doctype html><html><head><meta charset="utf-8"><title>QĐ 77/QĐ-BKHCN</title>
<style>td { color: red }</style><script>alert("x")</script></head><body>
<p>BỘ KHOA HỌC VÀ CÔNG NGHỆ</p>
<p>Số: 77/QĐ-BKHCN</p>
<p>Hà Nội, ngày 12 tháng 01 năm 2026</p>
<p><b>QUYẾT ĐỊNH</b></p>
<p><b>Về việc ban hành Kế hoạch số hóa hồ sơ lưu trữ năm 2026</b></p>
<p>Điều 1. Ban hành kèm theo Quyết định này Kế hoạch số hóa hồ sơ lưu trữ năm 2026.</p>
<p>1. Cục Chuyển đổi số quốc gia chủ trì, phối hợp với Văn phòng Bộ xây dựng kho hồ sơ số dùng chung, hoàn thành trong tháng 6/2026.</p>
<table>
<tr><td>TT</td><td>Nhiệm vụ</td><td>Cơ quan chủ trì</td><td>Cơ quan phối hợp</td><td>Thời hạn</td></tr>
<tr><td>1</td><td>Số hóa hồ sơ lưu trữ giai đoạn 2015-2020</td><td>Văn phòng Chính phủ</td><td>Bộ Nội vụ</td><td>Quý III/2026</td></tr>
<tr><td>2</td><td>Kết nối kho hồ sơ số với Cổng Dịch vụ công quốc gia</td><td>Bộ Công an</td><td>Văn phòng Chính phủ</td><td>Tháng 11/2026</td></tr>
</table>
</body></html>`;

describe("HTML corpus files", () => {
  it("reads the header, the table rows as tasks, and drops scripts", async () => {
    writeFileSync(join(dir, "qd-77.html"), HTML);
    const f = await loadCorpusFile(join(dir, "qd-77.html"), "qd-77.html");
    expect(f.text).not.toContain("alert");
    const c = buildCorpus([f]);
    expect(c.documents).toHaveLength(1);
    expect(c.documents[0]).toMatchObject({ number: "77/QĐ-BKHCN", issuedDate: "2026-01-12", type: "Quyết định", status: "final" });
    const t1 = c.tasks.find((t) => t.text.startsWith("Số hóa hồ sơ lưu trữ"));
    expect(t1).toMatchObject({ lead: ["Văn phòng Chính phủ"], coordinators: ["Bộ Nội vụ"], deadline: { kind: "quarter", end: "2026-09-30" } });
    const t2 = c.tasks.find((t) => t.text.startsWith("Kết nối kho hồ sơ số"));
    expect(t2).toMatchObject({ lead: ["Bộ Công an"], deadline: { kind: "month", end: "2026-11-30" } });
  });
});
