// Answer layer (pure): what the assistant is for, read before understanding — a citizen's own procedure question
// ("làm lại CCCD ở đâu?") is pointed to Cổng Dịch vụ công quốc gia. (An English question is read by english.ts.)

import { foldDiacritics, normalizeText } from "../text/normalize.ts";

/** Matters of a citizen's own papers, residence, land, vehicle or insurance: "cấp lại CCCD", "tách hộ khẩu". */
const PERSONAL_MATTER =
  /\b(cccd|can cuoc|chung minh nhan dan|cmnd|ho khau|tam tru|thuong tru|ho chieu|khai sinh|dang ky ket hon|so do|so hong|quyen su dung dat|dat dai|bang lai|giay phep lai xe|dang ky xe|bien so xe|luong huu|bao hiem xa hoi|bhxh|the bao hiem y te|bhyt|thue thu nhap ca nhan|ly lich tu phap|vneid)\b/;
/** A person asking for themselves: "tôi", "em", "con tôi" … (folded, for a question typed without diacritics) */
const PERSONAL = /\b(toi|minh|con toi|nha toi|gia dinh toi|bo me toi)\b|^em\b/;
/** The same with diacritics: "tiến tới", "mình" — folded "toi" would also be "tới". */
const PERSONAL_MARKED = /(?:^|[^\p{L}])(tôi|mình|con tôi|nhà tôi|gia đình tôi|bố mẹ tôi)(?=$|[^\p{L}])|^em(?=$|[^\p{L}])/u;
/** Letters with Vietnamese diacritics: a question that has any was typed with them. */
const MARKED = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/u;
/** Steps of a procedure: "làm lại", "cấp đổi", "thủ tục", "hồ sơ gồm gì", "lệ phí", "ở đâu", "bao lâu" … */
const PROCEDURE = /\b(lam (lai|moi)|cap (lai|doi|moi)|thu tuc|ho so|nop|le phi|bi mat|o dau|bao lau|giay to|lam sao|lam the nao|the nao de|tach|sang ten|dang ky)\b/;
/**
 * Words of the programme itself: "Ai chủ trì CSDL quốc gia về đất đai?" is a question about a task; "HĐND thành phố hỗ
 * trợ bao nhiêu tiền … chữ ký số … VNeID?" about a body's resolution.
 */
const PROGRAMME =
  /\b(nhiem vu|chu tri|phoi hop|ke hoach|quyet dinh|chuong trinh|de an|chi tieu|co so du lieu|csdl|chuyen doi so|chinh phu so|van ban|trien khai|bo nao|co quan nao|thoi han|tien do|lam sach|ket noi|du lieu quoc gia|so hoa|lo trinh|he thong thong tin|phan mem|ha tang|nen tang|qd|kh|cv|nq|tb|hdnd|ubnd|hoi dong nhan dan|uy ban nhan dan|nghi quyet|thong bao|cong van|chinh sach|muc ho tro)\b|\b\d+\/(?:\d{4}\/)?[a-z]/;

/** "Tôi bị mất CCCD thì làm lại ở đâu?" → true; "Ai chủ trì xây dựng CSDL quốc gia về đất đai?" → false. */
export function isCitizenProcedure(message: string): boolean {
  const f = foldDiacritics(normalizeText(message));
  const personal = MARKED.test(message.toLowerCase()) ? PERSONAL_MARKED.test(normalizeText(message).toLowerCase()) : PERSONAL.test(f);
  return PERSONAL_MATTER.test(f) && (personal || PROCEDURE.test(f)) && !PROGRAMME.test(f);
}

export const OUT_OF_SCOPE_ANSWER =
  "Không tìm thấy thông tin về thủ tục này trong các văn bản hiện có: trợ lý chỉ trả lời về các quyết định, kế hoạch về Chính phủ số và chuyển đổi số đã được nạp (nhiệm vụ, cơ quan chủ trì, phối hợp, thời hạn, chỉ tiêu). Thủ tục hành chính của công dân (căn cước, cư trú, đất đai …) bạn có thể tra cứu và nộp hồ sơ trên Cổng Dịch vụ công quốc gia (dichvucong.gov.vn) hoặc hỏi cơ quan tiếp nhận hồ sơ nơi cư trú.";
