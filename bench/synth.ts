// Bench: synthetic corpora N× the bundled one, made from the real files with varied document numbers,
// agencies (rotated among real ministry names), years/months and figures, so copies are not duplicates.
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

export const MINISTRIES = [
  "Bộ Công an",
  "Bộ Quốc phòng",
  "Bộ Tài chính",
  "Bộ Khoa học và Công nghệ",
  "Bộ Nội vụ",
  "Bộ Tư pháp",
  "Bộ Y tế",
  "Bộ Giáo dục và Đào tạo",
  "Bộ Xây dựng",
  "Bộ Công Thương",
  "Bộ Ngoại giao",
  "Bộ Nông nghiệp và Môi trường",
  "Bộ Văn hóa, Thể thao và Du lịch",
  "Bộ Dân tộc và Tôn giáo",
  "Bộ Thông tin và Truyền thông",
  "Bộ Kế hoạch và Đầu tư",
];

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const MINISTRY_RE = new RegExp([...MINISTRIES].sort((a, b) => b.length - a.length).map(esc).join("|"), "gu");

/** Vary one real file for copy k (k ≥ 1): the structure stays, the facts differ. */
export function varyText(text: string, k: number): string {
  const yearShift = (k % 9) - 4 || 5; // -4..4, never 0
  const monthShift = k % 12;
  return (
    text
      // agencies: rotate each ministry name by k positions
      .replace(MINISTRY_RE, (m) => MINISTRIES[(MINISTRIES.indexOf(m) + k) % MINISTRIES.length]!)
      // document numbers: 2629/QĐ-TTg → (2629 + 37k)/QĐ-TTg, 02-KH/BCĐTW → (2+k)-KH/BCĐTW
      .replace(/\b(\d{1,5})(\/(?:QĐ|NQ|KH|CT|TB|BC|NĐ|TT|TTr)[-/])/gu, (_, n: string, rest: string) => `${Number(n) + 37 * k}${rest}`)
      .replace(/\b(\d{1,3})(-(?:KH|NQ|CT|TB)\/)/gu, (_, n: string, rest: string) => `${Number(n) + k}${rest}`)
      // months: "tháng 6" → shifted (kept 1..12)
      .replace(/([Tt]háng\s+)(\d{1,2})\b/gu, (all, p: string, m: string) => {
        const n = Number(m);
        return n >= 1 && n <= 12 ? `${p}${((n - 1 + monthShift) % 12) + 1}` : all;
      })
      // years 2000–2049 shifted
      .replace(/\b(20[0-4]\d)\b/g, (y) => String(Number(y) + yearShift))
      // percentages and targets
      .replace(/\b(\d{1,2})(\s?%)/g, (_, n: string, pct: string) => `${(Number(n) + 3 * k) % 100}${pct}`)
  );
}

/** Write a corpus of `factor` × the bundled one into dir (copy 0 is the real corpus). Returns bytes written. */
export async function writeSyntheticCorpus(srcDir: string, dir: string, factor: number): Promise<{ files: number; bytes: number }> {
  await mkdir(dir, { recursive: true });
  const names = (await readdir(srcDir)).filter((n) => !n.startsWith(".") && n !== "manifest.json" && n.toLowerCase() !== "readme.md").sort();
  const manifest = JSON.parse(await readFile(join(srcDir, "manifest.json"), "utf8")) as { files: { file: string; documents?: { id?: string; number?: string | null }[] }[] };
  const outManifest: { files: unknown[] } = { files: [] };
  let bytes = 0;
  let files = 0;
  for (const n of names) {
    const text = await readFile(join(srcDir, n), "utf8");
    const entry = manifest.files.find((f) => f.file === n);
    for (let k = 0; k < factor; k++) {
      const name = k === 0 ? n : n.replace(/(\.[a-z]+)$/, `-copy${String(k).padStart(3, "0")}$1`);
      const out = k === 0 ? text : varyText(text, k);
      await writeFile(join(dir, name), out);
      bytes += Buffer.byteLength(out);
      files++;
      if (entry) {
        // Document ids must stay unique and số hiệu overrides no longer match the varied numbers.
        const docs = (entry.documents ?? []).filter((d) => k === 0 || !d.number).map((d) => (k === 0 ? d : { ...d, id: undefined }));
        outManifest.files.push({ ...entry, file: name, documents: docs });
      }
    }
  }
  await writeFile(join(dir, "manifest.json"), JSON.stringify(outManifest, null, 2));
  return { files, bytes };
}
