// Answer layer (pure): a part of a document the question names — "tại mục 5 phần III", "Phụ lục II", "Điều 3 khoản
// 2" — as the labels of a section path ("III › 5"), outer first, and whether a task's section lies inside it.

import { foldDiacritics } from "../text/normalize.ts";

/** What each kind of part is called, outer first, and its label in a section path. */
const PARTS: { re: RegExp; label: (x: string) => string }[] = [
  { re: /(?<![a-z])phu luc\s+([ivxlc]+|\d+)(?![a-z\d])/, label: (x) => `Phụ lục ${x.toUpperCase()}` },
  { re: /(?<![a-z])chuong\s+([ivxlc]+|\d+)(?![a-z\d])/, label: (x) => `Chương ${x.toUpperCase()}` },
  { re: /(?<![a-z])phan\s+([ivxlc]+|\d+)(?![a-z\d])/, label: (x) => x.toUpperCase() },
  { re: /(?<![a-z])dieu\s+(\d+)(?![a-z\d])/, label: (x) => `Điều ${x}` },
  { re: /(?<![a-z])(?:tieu\s+)?muc\s+([ivxlc]+|\d+(?:\.\d+)*)(?![a-z\d])/, label: (x) => x.toUpperCase() },
  { re: /(?<![a-z])khoan\s+(\d+)(?![a-z\d])/, label: (x) => x },
  { re: /(?<![a-z])diem\s+([a-z])(?![a-z\d])/, label: (x) => `${x})` },
];

/** The section labels a question names, outer first: "… tại mục 5 phần III …" → ["III", "5"]; none → null. */
export function sectionAsked(question: string): string[] | null {
  const f = foldDiacritics(question).toLowerCase().replace(/đ/g, "d");
  const out: string[] = [];
  for (const { re, label } of PARTS) {
    const m = re.exec(f);
    if (m) out.push(label(m[1]!));
  }
  return out.length ? out : null;
}

/** Is a section path ("III › 5 › b) › (3)") inside the part named (its labels found in order along the path)? */
export function inSection(section: string, labels: readonly string[]): boolean {
  // (Compared folded: "đ)" is asked as "d)" when typed without diacritics.)
  const k = (x: string) => foldDiacritics(x.trim()).toLowerCase().replace(/đ/g, "d");
  const path = section.split(" › ").map(k);
  let at = 0;
  for (const l of labels) {
    const i = path.indexOf(k(l), at);
    if (i < 0) return false;
    at = i + 1;
  }
  return true;
}
