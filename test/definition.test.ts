// Tests the definition answer type (answer-type.ts definedTerm / definesTerm) on synthetic sentences.
import { describe, expect, it } from "vitest";
import { definedTerm, definesTerm } from "../src/answer/answer-type.ts";

describe("definition questions", () => {
  it("reads the term asked", () => {
    expect(definedTerm("Theo Kế hoạch 05-KH/ABC, kinh tế số được hiểu là gì?")).toBe("kinh te so");
    expect(definedTerm("Thế nào là xã hội số?")).toBe("xa hoi so");
    expect(definedTerm("Dữ liệu mở là gì?")).toBe("du lieu mo");
    expect(definedTerm("Mục tiêu chung là gì?")).toBeNull();
    expect(definedTerm("Nhiệm vụ của Bộ Tài chính là gì?")).toBeNull();
    expect(definedTerm("dia chi cong thong tin cua tinh Lai Chau de can bo tiep nhan, xu ly ho so la gi?")).toBeNull();
    expect(definedTerm("Địa chỉ tiếp nhận hồ sơ trực tuyến là gì?")).toBeNull();
  });
  it("only a sentence opening with the term and 'là' defines it; a title does not", () => {
    expect(definesTerm("kinh te so", "- Kinh tế số là hoạt động kinh tế sử dụng công nghệ số.")).toBe(true);
    expect(definesTerm("kinh te so", "1. Kinh tế số (sau đây gọi là KTS) được hiểu là nền kinh tế dựa trên dữ liệu.")).toBe(true);
    expect(definesTerm("kinh te so", "Số 05-KH/ABC: thúc đẩy kinh tế số nhanh, hiệu quả")).toBe(false);
    expect(definesTerm("kinh te so", "Đẩy mạnh kinh tế số là nhiệm vụ trọng tâm của năm.")).toBe(false);
    expect(definesTerm("ma dinh danh", "Mã định danh: 000.00.12.H40")).toBe(true);
  });
});
