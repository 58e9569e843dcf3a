// Tasks layer: the same three tasks of one synthetic decision, written in every layout the reader supports,
// give equal task records (text, lead, coordinators, deadline, result). Expected records written by hand.

import { describe, expect, it } from "vitest";
import { buildCorpus } from "../src/tasks/corpus.ts";

const HEADER = ["ỦY BAN NHÂN DÂN TỈNH AN PHÚ", "", "Số: 12/KH-UBND", "", "An Phú, ngày 03 tháng 11 năm 2025", "", "KẾ HOẠCH", "", "Chuyển đổi số tỉnh năm 2026", ""];

interface Row {
  task: string;
  lead: string;
  coord: string;
  deadline: string;
  result: string;
}

const ROWS: Row[] = [
  { task: "Xây dựng kho dữ liệu dùng chung của tỉnh", lead: "Sở Khoa học và Công nghệ", coord: "Sở Tài chính; Công an tỉnh", deadline: "Quý II/2026", result: "Kho dữ liệu được vận hành" },
  { task: "Số hóa hồ sơ đất đai", lead: "Sở Nông nghiệp và Môi trường", coord: "Ủy ban nhân dân các xã, phường", deadline: "Tháng 9/2026", result: "Cơ sở dữ liệu đất đai" },
  { task: "Bố trí kinh phí thực hiện Kế hoạch", lead: "Sở Tài chính", coord: "Sở Khoa học và Công nghệ", deadline: "Năm 2026", result: "Dự toán được phê duyệt" },
];

const HEAD = ["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành", "Sản phẩm"];
const cells = (r: Row, i: number) => [String(i + 1), r.task, r.lead, r.coord, r.deadline, r.result];

const LAYOUTS: Record<string, () => string[]> = {
  "markdown table": () => [`| ${HEAD.join(" | ")} |`, `|${HEAD.map(() => "---").join("|")}|`, ...ROWS.map((r, i) => `| ${cells(r, i).join(" | ")} |`)],
  "markdown table without outer pipes": () => [HEAD.join(" | "), HEAD.map(() => "---").join(" | "), ...ROWS.map((r, i) => cells(r, i).join(" | "))],
  "one cell per line between lone pipes": () => ["|", ...HEAD.flatMap((h) => [h, "|"]), ...ROWS.flatMap((r, i) => ["|", ...cells(r, i).flatMap((c) => [c, "|"])])],
  "one cell per line ending in ' |'": () => ["|", ...HEAD.map((h) => `${h} |`), ...ROWS.flatMap((r, i) => ["|", ...cells(r, i).map((c) => `${c} |`)])],
  "HTML table": () => [
    "<table>",
    `<tr>${HEAD.map((h) => `<th>${h}</th>`).join("")}</tr>`,
    ...ROWS.map((r, i) => `<tr>${cells(r, i).map((c) => `<td>${c.replace("ố", "&#7889;")}</td>`).join("")}</tr>`),
    "</table>",
  ],
  "tab-separated": () => [HEAD.join("\t"), ...ROWS.map((r, i) => cells(r, i).join("\t"))],
  "Số TT header, columns in another order": () => {
    const h = ["Số TT", "Tên nhiệm vụ", "Thời hạn", "Đơn vị chủ trì", "Đơn vị phối hợp", "Kết quả"];
    return [`| ${h.join(" | ")} |`, `|${h.map(() => "---").join("|")}|`, ...ROWS.map((r, i) => `| ${[String(i + 1), r.task, r.deadline, r.lead, r.coord, r.result].join(" | ")} |`)];
  },
  "table without a number column": () => {
    const h = HEAD.slice(1);
    return [`| ${h.join(" | ")} |`, `|${h.map(() => "---").join("|")}|`, ...ROWS.map((r, i) => `| ${cells(r, i).slice(1).join(" | ")} |`)];
  },
  "'+ Field:' lists under a dash task": () =>
    ROWS.flatMap((r) => [`- ${r.task}.`, `+ Cơ quan chủ trì: ${r.lead}.`, `+ Cơ quan phối hợp: ${r.coord}.`, `+ Thời hạn hoàn thành: ${r.deadline}.`, `+ Sản phẩm: ${r.result}.`, ""]),
  "lettered labelled fields with nested actors": () =>
    ROWS.flatMap((r, i) => [
      `${i + 1}. Nhiệm vụ ${i + 1}`,
      `a) Nhiệm vụ: ${r.task}.`,
      "b) Cơ quan thực hiện:",
      `- Đơn vị chủ trì: ${r.lead};`,
      `- Đơn vị phối hợp: ${r.coord}.`,
      `c) Thời gian thực hiện: ${r.deadline}.`,
      `d) Sản phẩm: ${r.result}.`,
      "",
    ]),
  "fields in another order": () =>
    ROWS.flatMap((r) => [`- ${r.task}.`, `+ Thời hạn: ${r.deadline}.`, `+ Kết quả: ${r.result}.`, `+ Đơn vị phối hợp: ${r.coord}.`, `+ Đơn vị chủ trì: ${r.lead}.`, ""]),
  "one line of fields": () => ROWS.map((r) => `- ${r.task}; Cơ quan chủ trì: ${r.lead}; Cơ quan phối hợp: ${r.coord}; Thời hạn: ${r.deadline}; Sản phẩm: ${r.result}.`),
};

/** What every layout must give: the task, who leads and coordinates, the deadline as written. */
const EXPECTED = [
  { text: "Xây dựng kho dữ liệu dùng chung của tỉnh", lead: ["Sở Khoa học và Công nghệ"], coordinators: ["Sở Tài chính", "Công an tỉnh"], deadline: { kind: "quarter", end: "2026-06-30" }, result: "Kho dữ liệu được vận hành" },
  { text: "Số hóa hồ sơ đất đai", lead: ["Sở Nông nghiệp và Môi trường"], coordinators: ["Ủy ban nhân dân các xã, phường"], deadline: { kind: "month", end: "2026-09-30" }, result: "Cơ sở dữ liệu đất đai" },
  { text: "Bố trí kinh phí thực hiện Kế hoạch", lead: ["Sở Tài chính"], coordinators: ["Sở Khoa học và Công nghệ"], deadline: { kind: "year", end: "2026-12-31" }, result: "Dự toán được phê duyệt" },
];

describe("layout matrix: three tasks written twelve ways give equal records", () => {
  it("has at least twelve layouts", () => expect(Object.keys(LAYOUTS).length).toBeGreaterThanOrEqual(12));
  describe.each(Object.entries(LAYOUTS))("%s", (_name, body) => {
    it("gives the three tasks and nothing else", () => {
      const text = [...HEADER, ...body(), "", "Nơi nhận:", "- Như trên;"].join("\n");
      const c = buildCorpus([{ name: "kh-12.md", text }]);
      const got = c.tasks.map((t) => ({
        text: t.text.replace(/\.$/, ""),
        lead: t.lead,
        coordinators: t.coordinators,
        deadline: { kind: t.deadline.kind, end: t.deadline.end },
        result: t.result.replace(/\.$/, ""),
      }));
      expect(got).toEqual(EXPECTED);
    });
  });
});
