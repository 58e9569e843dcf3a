// "Bộ X chủ trì nhiệm vụ gì về Y?": a list question restricted by "về Y" lists the body's tasks about Y, and when none
// of them is about Y it says it found none, naming Y and the body — never the body's whole list (which it did, a
// confidently wrong answer to a question about something the body is not given). Expected results read from the
// bundled corpus: Bộ Quốc phòng's tasks there are about cryptography, cyber defence and its own systems.
import { describe, expect, it } from "vitest";
import { buildKnowledge, getKnowledge } from "./helpers/knowledge.ts";
import { foldDiacritics } from "../src/text/normalize.ts";

describe("agency lists restricted by 'về X'", () => {
  it("none of the body's tasks about X: not found, naming X and the body, no citation, no count", async () => {
    const { answer } = await getKnowledge();
    const a = await answer({ message: "Bộ Quốc phòng chủ trì nhiệm vụ gì về sân bay Long Thành?" });
    expect(a.answer).toMatch(/^Không tìm thấy thông tin về nhiệm vụ nào liên quan đến "sân bay Long Thành" mà Bộ Quốc phòng chủ trì/u);
    expect(a.citations).toEqual([]);
    expect(a.answer).not.toMatch(/\d+ nhiệm vụ/u);
    // The same body's list without "về X" is its tasks, cited.
    const all = await answer({ message: "Bộ Quốc phòng chủ trì những nhiệm vụ nào?" });
    expect(all.answer).toMatch(/^Bộ Quốc phòng chủ trì — \d+ nhiệm vụ/u);
    expect(all.citations.length).toBeGreaterThan(0);
  });

  it("'liên quan đến X' and 'trong lĩnh vực X' restrict the list as 'về X' does", async () => {
    const { answer } = await getKnowledge();
    const none = await answer({ message: "Bộ Quốc phòng chủ trì nhiệm vụ gì liên quan đến sân bay Long Thành?" });
    expect(none.answer).toMatch(/^Không tìm thấy thông tin về nhiệm vụ nào liên quan đến "sân bay Long Thành" mà Bộ Quốc phòng chủ trì/u);
    expect(none.citations).toEqual([]);
    const field = await answer({ message: "Bộ Quốc phòng chủ trì nhiệm vụ gì trong lĩnh vực sân bay?" });
    expect(field.answer).toMatch(/^Không tìm thấy thông tin về nhiệm vụ nào liên quan đến "sân bay" mà Bộ Quốc phòng chủ trì/u);
    const tax = await answer({ message: "Bộ Tài chính chủ trì những nhiệm vụ nào liên quan đến thuế?" });
    expect(tax.citations.length).toBeGreaterThan(0);
    for (const c of tax.citations) expect(foldDiacritics(c.quote).toLowerCase()).toMatch(/\bthue\b/);
  });

  it("some of them about X: only those are listed, each holding X's words", async () => {
    const { answer } = await getKnowledge();
    const all = await answer({ message: "Bộ Tài chính chủ trì những nhiệm vụ nào?" });
    const about = await answer({ message: "Bộ Tài chính chủ trì nhiệm vụ nào về thuế?" });
    const count = (s: string) => Number(s.match(/— (\d+) nhiệm vụ/u)?.[1] ?? NaN);
    expect(count(about.answer)).toBeGreaterThan(0);
    expect(count(about.answer)).toBeLessThan(count(all.answer));
    for (const c of about.citations) expect(foldDiacritics(c.quote).toLowerCase()).toMatch(/\bthue\b/);
  });

  it("a 'về' that asks ('về những nội dung nào') or names the programme ('về chuyển đổi số') restricts nothing", async () => {
    const { answer } = await getKnowledge();
    const plain = await answer({ message: "Ngân hàng Nhà nước chủ trì những nhiệm vụ nào?" });
    const programme = await answer({ message: "Ngân hàng Nhà nước chủ trì những nhiệm vụ nào về chuyển đổi số?" });
    const asking = await answer({ message: "Ngân hàng Nhà nước chủ trì nhiệm vụ về những nội dung nào?" });
    const head = (s: string) => s.split("\n")[0];
    expect(head(programme.answer)).toBe(head(plain.answer));
    expect(head(asking.answer)).toBe(head(plain.answer));
  });

  it("period lists too: 'về X' keeps the tasks due then about X, or says none is (X cut before the deadline words)", async () => {
    const { answer } = await getKnowledge();
    const none = await answer({ message: "Những nhiệm vụ nào về sân bay phải hoàn thành trong quý I/2026?" });
    expect(none.answer).toMatch(/^Không tìm thấy thông tin về nhiệm vụ nào liên quan đến "sân bay" có thời hạn trong quý I\/2026/u);
    expect(none.citations).toEqual([]);
    const count = (s: string) => Number(s.match(/— (\d+) nhiệm vụ/u)?.[1] ?? NaN);
    const all = await answer({ message: "Những nhiệm vụ nào đến hạn trong năm 2025?" });
    const about = await answer({ message: "Những nhiệm vụ nào về dữ liệu dân cư đến hạn trong năm 2025?" });
    expect(count(about.answer)).toBeGreaterThan(0);
    expect(count(about.answer)).toBeLessThan(count(all.answer));
  });

  it("'Bộ X phối hợp những nhiệm vụ nào?' lists the tasks it coordinates, not those it leads", async () => {
    const K = await getKnowledge();
    const a = await K.answer({ message: "Bộ Công an phối hợp những nhiệm vụ nào?" });
    const coordinated = K.corpus.tasks.filter((t) => t.coordinators.includes("Bộ Công an")).length;
    expect(coordinated).toBeGreaterThan(0);
    expect(a.answer).toMatch(new RegExp(`^Bộ Công an phối hợp — ${coordinated} nhiệm vụ`, "u"));
    const led = await K.answer({ message: "Bộ Công an chủ trì những nhiệm vụ nào?" });
    expect(led.answer).toMatch(/^Bộ Công an chủ trì — \d+ nhiệm vụ/u);
  });
});

const UNIT_PLAN = `ỦY BAN NHÂN DÂN
TỈNH AN PHÚ

Số: 81/KH-UBND

An Phú, ngày 12 tháng 3 năm 2026

KẾ HOẠCH

Chuyển đổi số trong quản lý tài chính công năm 2026

1. Sở Tài chính chủ trì xây dựng cơ sở dữ liệu giá đất của tỉnh, hoàn thành trong quý III/2026.

2. Sở Tài chính chủ trì số hóa hồ sơ quyết toán ngân sách, hoàn thành trong quý IV/2026.
`;

describe("unit lists restricted by 'về X'", () => {
  it("none of the unit's tasks about X: not found, 'mà' before the unit as the documents write it", async () => {
    const k = await buildKnowledge([{ name: "kh-81-2026-ubnd-an-phu.txt", text: UNIT_PLAN }]);
    const a = await k.answer({ message: "Sở Tài chính chủ trì nhiệm vụ gì về sân bay?" });
    expect(a.answer).toMatch(/^Không tìm thấy thông tin về nhiệm vụ nào liên quan đến "sân bay" mà Sở Tài chính chủ trì trong các văn bản hiện có/u);
    expect(a.citations).toEqual([]);
    const some = await k.answer({ message: "Sở Tài chính chủ trì nhiệm vụ gì về giá đất?" });
    expect(some.answer).toContain("cơ sở dữ liệu giá đất");
    expect(some.answer).not.toContain("quyết toán ngân sách");
  });
});
