// Text layer (pure): common abbreviations in questions and documents, expanded for search.
// Agencies have their own registry (src/tasks/agencies.ts); these are general terms.

export const TERM_ABBREVIATIONS: Record<string, string> = {
  csdl: "cơ sở dữ liệu",
  dvctt: "dịch vụ công trực tuyến",
  dvc: "dịch vụ công",
  tthc: "thủ tục hành chính",
  cđs: "chuyển đổi số",
  cds: "chuyển đổi số",
  cps: "Chính phủ số",
  cpđt: "Chính phủ điện tử",
  cntt: "công nghệ thông tin",
  attt: "an toàn thông tin",
  ai: "trí tuệ nhân tạo",
  ttdlqg: "Trung tâm dữ liệu quốc gia",
  vneid: "định danh điện tử VNeID",
  ndxp: "Nền tảng tích hợp, chia sẻ dữ liệu quốc gia",
  lgsp: "Nền tảng tích hợp, chia sẻ dữ liệu cấp bộ, cấp tỉnh",
  qđ: "quyết định",
  kh: "kế hoạch",
  nq: "nghị quyết",
  nđ: "nghị định",
  ubqg: "Ủy ban Quốc gia về chuyển đổi số",
  bcđ: "Ban Chỉ đạo",
  dntn: "doanh nghiệp",
  smes: "doanh nghiệp nhỏ và vừa",
  ktxh: "kinh tế - xã hội",
};
