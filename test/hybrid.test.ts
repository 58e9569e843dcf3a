// Query expansion before hybrid search: abbreviations and agency aliases gain their long forms.
import { describe, expect, it } from "vitest";
import { expandQuery } from "../src/retrieval/hybrid.ts";

describe("expandQuery", () => {
  it("adds the agency for a one-word alias, in any position, once per alias", () => {
    expect(expandQuery("BCA chủ trì gì?")).toContain("Bộ Công an");
    expect(expandQuery("nhiệm vụ của NHNN")).toContain("Ngân hàng Nhà nước Việt Nam");
  });

  it("handles aliases with an ampersand", () => {
    expect(expandQuery("Bộ KH&CN chủ trì những việc gì")).toContain("Bộ Khoa học và Công nghệ");
  });

  it("does not match an alias inside a longer word", () => {
    expect(expandQuery("ABCA và XBCA")).not.toContain("Bộ Công an");
  });

  it("expands term abbreviations and leaves plain questions unchanged", () => {
    expect(expandQuery("CSDL quốc gia về dân cư")).toMatch(/cơ sở dữ liệu/i);
    expect(expandQuery("Luật An ninh dữ liệu trình khi nào")).toBe("Luật An ninh dữ liệu trình khi nào");
  });
});
