// Ingest entry point: `npm run ingest` — corpus/ → data/, printing what it found.

import { resolve } from "node:path";
import { buildData } from "./data-store.ts";

const corpusDir = resolve(process.env.CORPUS_DIR ?? "corpus");
const dataDir = resolve(process.env.DATA_DIR ?? "data");

try {
  const r = await buildData(corpusDir, dataDir, (m) => console.log(m));
  const s = r.manifest.stats;
  console.log(`\nĐã lập chỉ mục ${r.manifest.version} trong ${(r.ms / 1000).toFixed(1)} s`);
  console.log(`  tệp ${s.files}, văn bản ${s.documents}, mục ${s.sections}, dòng bảng ${s.tableRows}, đoạn ${s.chunks}, nhiệm vụ ${s.tasks}, chỉ tiêu ${s.indicators}`);
  if (r.rejected.length) {
    console.log(`\nTệp bị từ chối (${r.rejected.length}):`);
    for (const m of r.rejected) console.log(`  ✗ ${m}`);
  }
  if (r.warnings.length) {
    console.log(`\nCảnh báo (${r.warnings.length}):`);
    for (const w of r.warnings.slice(0, process.env.VERBOSE ? undefined : 20)) console.log(`  - ${w}`);
    if (!process.env.VERBOSE && r.warnings.length > 20) console.log(`  … và ${r.warnings.length - 20} cảnh báo khác (VERBOSE=1 để xem hết)`);
  }
  if (r.failures.length) {
    console.log(`\nKhông đọc được (${r.failures.length}) — phần còn lại vẫn được lập chỉ mục / could not be read, the rest is indexed:`);
    for (const f of r.failures) console.log(`  ✗ ${f.file}${f.line ? `:${f.line}` : ""}: ${f.reason}`);
  }
  if (r.rejected.length) process.exitCode = 2;
} catch (e) {
  console.error(`Lỗi lập chỉ mục / ingest failed: ${(e as Error).message}`);
  process.exit(1);
}
