// Tasks layer: the subject of a clause when one body asks others to act ("UBND tỉnh yêu cầu các sở … triển khai"):
// the bodies asked are the leads, the one asking is not (a closing paragraph of a plan made the People's Committee
// the lead of every addressee's report). Synthetic clauses in the shape of real plans' closing paragraphs.

import { describe, expect, it } from "vitest";
import { parseFile } from "../src/document/parse.ts";
import { extractTasks } from "../src/tasks/extract.ts";
import { subjectOf } from "../src/tasks/prose.ts";

describe("a requester and the bodies it asks", () => {
  it("reads the bodies asked as the subject", () => {
    const s = subjectOf("Ủy ban nhân dân tỉnh yêu cầu Sở Tài chính, Sở Nội vụ nghiêm túc triển khai thực hiện; định kỳ báo cáo kết quả.");
    expect(s?.leadText).toBe("Sở Tài chính, Sở Nội vụ");
    const d = subjectOf("Chủ tịch UBND tỉnh đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh phối hợp tuyên truyền, vận động nhân dân.");
    expect(d?.leadText).toBe("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh");
  });

  it("keeps a subject that asks nobody", () => {
    expect(subjectOf("Sở Tài chính chủ trì, phối hợp với Sở Nội vụ bố trí kinh phí.")?.leadText).toBe("Sở Tài chính");
  });

  it("gives the task of a closing paragraph to the bodies asked, with its deadline", () => {
    const text = [
      "ỦY BAN NHÂN DÂN TỈNH A",
      "Số: 12/KH-UBND",
      "KẾ HOẠCH",
      "Chuyển đổi số năm 2026",
      "IV. TỔ CHỨC THỰC HIỆN",
      "1. Sở Khoa học và Công nghệ",
      "- Chủ trì theo dõi, đôn đốc triển khai Kế hoạch.",
      "Ủy ban nhân dân tỉnh yêu cầu Sở Khoa học và Công nghệ, Sở Tài chính nghiêm túc triển khai thực hiện; định kỳ trước ngày 30 tháng 11 hằng năm báo cáo kết quả thực hiện về Ủy ban nhân dân tỉnh.",
      "",
    ].join("\n");
    const [doc] = parseFile("kh-12-ubnd-a.txt", text);
    const tasks = extractTasks(doc!).tasks;
    const closing = tasks.find((t) => t.text.includes("nghiêm túc triển khai"));
    expect(closing?.lead).toEqual(["Sở Khoa học và Công nghệ", "Sở Tài chính"]);
    expect(closing?.deadline.text).toContain("30 tháng 11");
  });
});
