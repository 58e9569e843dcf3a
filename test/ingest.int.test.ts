// Ingest end to end: a generated Vietnamese PDF, rejected files, and data/ durability (checksums, atomic
// pointer, crash leftovers). Everything happens in os.tmpdir() folders.
import { createHash } from "node:crypto";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, unlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAnswerer } from "../src/answer/engine.ts";
import { assembleKnowledge } from "../src/answer/knowledge.ts";
import { type BuildResult, buildData, DataError, ensureData, type LoadedData, loadData } from "../ingest/data-store.ts";
import { CorpusFileError, detectLegacyEncoding, loadCorpusFile } from "../ingest/load-file.ts";
import { CORPUS_DIR, TEST_NOW } from "./helpers/knowledge.ts";

const SEED = "tin-2025-ke-hoach-kien-truc-nen-tang-du-lieu-dung-chung.txt";
const TASK_SENTENCE = "Bộ Công an chủ trì, phối hợp với Bộ Tài chính xây dựng Cơ sở dữ liệu thử nghiệm, hoàn thành trong tháng 6/2026.";
const TCVN3 = "Bé C«ng an chñ tr× x©y dùng c¬ së d÷ liÖu quèc gia. ";

const tmpDirs: string[] = [];
async function tmp(prefix: string): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), `hoidap-${prefix}-`));
  tmpDirs.push(d);
  return d;
}
afterAll(async () => {
  for (const d of tmpDirs) await rm(d, { recursive: true, force: true });
});

function dejaVuPath(): string {
  const require = createRequire(import.meta.url);
  const pkgDir = dirname(require.resolve("dejavu-fonts-ttf/package.json"));
  return join(pkgDir, "ttf", "DejaVuSans.ttf");
}

/** A one-page decision, hard-wrapped at the page width like a real PDF, with paragraph gaps. */
async function makeDecisionPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(await readFile(dejaVuPath()), { subset: true });
  const page = doc.addPage([595, 842]);
  const size = 11;
  const paragraphs = [
    "THỦ TƯỚNG CHÍNH PHỦ",
    "Số: 45/QĐ-TTg",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Hà Nội, ngày 10 tháng 3 năm 2026",
    "QUYẾT ĐỊNH",
    "Về việc thử nghiệm cơ sở dữ liệu phục vụ Chính phủ số",
    "THỦ TƯỚNG CHÍNH PHỦ",
    "QUYẾT ĐỊNH:",
    "Điều 1. Giao nhiệm vụ",
    TASK_SENTENCE,
    "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
  ];
  let y = 800;
  for (const p of paragraphs) {
    let line = "";
    const flush = () => {
      page.drawText(line, { x: 50, y, size, font });
      y -= size * 1.6;
      line = "";
    };
    for (const w of p.split(" ")) {
      const next = line ? `${line} ${w}` : w;
      if (font.widthOfTextAtSize(next, size) > 480) {
        flush();
        line = w;
      } else line = next;
    }
    if (line) flush();
    y -= size;
  }
  return doc.save();
}

let pdfBytes: Uint8Array;
beforeAll(async () => {
  pdfBytes = await makeDecisionPdf();
});

async function expectRejected(path: string, name: string, pattern: RegExp) {
  const err = await loadCorpusFile(path, name).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CorpusFileError);
  expect((err as CorpusFileError).file).toBe(name);
  expect((err as Error).message.startsWith(`${name}: `)).toBe(true);
  expect((err as Error).message).toMatch(pattern);
  return err as CorpusFileError;
}

describe("loadCorpusFile", () => {
  it("reads a generated PDF with its Vietnamese diacritics intact", async () => {
    const dir = await tmp("pdf");
    await writeFile(join(dir, "qd-45.pdf"), pdfBytes);
    const f = await loadCorpusFile(join(dir, "qd-45.pdf"), "qd-45.pdf");
    expect(f.name).toBe("qd-45.pdf");
    expect(f.pdfLike).toBe(true);
    const text = f.text.normalize("NFC").replace(/\s+/g, " ");
    for (const s of ["Số: 45/QĐ-TTg", "Hà Nội, ngày 10 tháng 3 năm 2026", "QUYẾT ĐỊNH", "Về việc thử nghiệm cơ sở dữ liệu phục vụ Chính phủ số", TASK_SENTENCE]) {
      expect(text).toContain(s);
    }
    expect(detectLegacyEncoding(f.text)).toBeNull();
  });

  it("reads UTF-8 text with a BOM and strips the BOM", async () => {
    const dir = await tmp("bom");
    await writeFile(join(dir, "a.txt"), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("Bộ Công an chủ trì.")]));
    expect((await loadCorpusFile(join(dir, "a.txt"), "a.txt")).text).toBe("Bộ Công an chủ trì.");
  });

  it("rejects binary junk, unknown formats, invalid UTF-8, legacy TCVN3 and fake PDFs, naming the file", async () => {
    const dir = await tmp("bad");
    const junk = Buffer.alloc(4096);
    for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919 + 13) % 256;
    await writeFile(join(dir, "junk.txt"), junk);
    await expectRejected(join(dir, "junk.txt"), "junk.txt", /binary|nhị phân/i);

    await writeFile(join(dir, "bao-cao.docx"), Buffer.from("PK\x03\x04 fake docx"));
    // .docx is read now (mammoth); a file named .docx that is not a Word zip is refused as such.
    const docx = await expectRejected(join(dir, "bao-cao.docx"), "bao-cao.docx", /not a valid \.docx/);
    expect(docx.message).toContain(".docx");

    await writeFile(join(dir, "latin1.txt"), Buffer.from("Bộ Công an chủ trì, Hà Nội, ngày 10 tháng 3 năm 2026. ".repeat(5).replace(/[^\x00-\xff]/g, "o"), "latin1"));
    await expectRejected(join(dir, "latin1.txt"), "latin1.txt", /UTF-8/);

    await writeFile(join(dir, "tcvn3.txt"), TCVN3.repeat(8));
    await expectRejected(join(dir, "tcvn3.txt"), "tcvn3.txt", /TCVN3/);

    await writeFile(join(dir, "scan.pdf"), junk);
    await expectRejected(join(dir, "scan.pdf"), "scan.pdf", /not a PDF/);

    await writeFile(join(dir, "noext"), "Bộ Công an chủ trì.");
    await expectRejected(join(dir, "noext"), "noext", /unsupported format "\(none\)"/);
  });

  it("detectLegacyEncoding tells TCVN3 from Unicode", () => {
    expect(detectLegacyEncoding(TCVN3.repeat(4))).toBe("TCVN3");
    expect(detectLegacyEncoding("Bộ Công an chủ trì xây dựng cơ sở dữ liệu quốc gia về dân cư. ".repeat(4))).toBeNull();
    expect(detectLegacyEncoding("short « text")).toBeNull();
  });
});

describe("buildData on a corpus with a PDF, a seed and bad files", () => {
  let corpusDir: string;
  let dataDir: string;
  let result: BuildResult;
  let data: LoadedData;

  beforeAll(async () => {
    corpusDir = await tmp("corpus");
    dataDir = await tmp("data");
    await writeFile(join(corpusDir, "qd-45-2026-thu-nghiem.pdf"), pdfBytes);
    await copyFile(join(CORPUS_DIR, SEED), join(corpusDir, SEED));
    await writeFile(join(corpusDir, "junk.txt"), Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00, 0x10]));
    await writeFile(join(corpusDir, "bao-cao.docx"), Buffer.from("PK\x03\x04"));
    await writeFile(join(corpusDir, "latin1.txt"), Buffer.from("C\xf4ng an H\xe0 N\xf4i ng\xe0y 10 th\xe1ng 3 n\xe3m 2026 ".repeat(4), "latin1"));
    await writeFile(join(corpusDir, "tcvn3.md"), TCVN3.repeat(8));
    result = await buildData(corpusDir, dataDir);
    data = await loadData(dataDir);
  });

  it("keeps the good files and reports each rejected one by name", () => {
    expect(result.rejected).toHaveLength(4);
    const byFile = (n: string) => result.rejected.find((r) => r.startsWith(`${n}: `));
    expect(byFile("junk.txt")).toMatch(/binary/);
    expect(byFile("bao-cao.docx")).toMatch(/not a valid \.docx/);
    expect(byFile("latin1.txt")).toMatch(/UTF-8/);
    expect(byFile("tcvn3.md")).toMatch(/TCVN3/);
    expect(result.manifest.stats.files).toBe(2);
    expect(data.corpus.documents.map((d) => d.file).sort()).toEqual(["qd-45-2026-thu-nghiem.pdf", SEED].sort());
    expect(data.vectors.size()).toBe(data.corpus.chunks.length);
    expect(data.lexical.size()).toBe(data.corpus.chunks.length);
  });

  it("answers from the PDF: the task, its document and its deadline", async () => {
    const answer = createAnswerer(assembleKnowledge(data.corpus, data.lexical, data.vectors, data.embedder), { now: () => TEST_NOW });
    const a = await answer({ message: "Ai chủ trì xây dựng Cơ sở dữ liệu thử nghiệm?" });
    const pdfDoc = data.corpus.documents.find((d) => d.file.endsWith(".pdf"))!;
    expect(a.citations.map((c) => c.documentId)).toContain(pdfDoc.id);
    expect(a.answer).toContain("tháng 6/2026");
    expect(a.answer).toContain("Cơ sở dữ liệu thử nghiệm");
    expect(a.facts[0]?.deadline).toMatchObject({ end: "2026-06-30" });
    expect(a.facts[0]?.coordinators).toContain("Bộ Tài chính");
  });

  // Was a bug: pdf-parse never emits blank lines, and src/document/lines.ts (scanLines, `hardWrapped ? !startsList`)
  // joins every non-list line of pdfLike text into the previous paragraph. So "Điều 1. Giao nhiệm vụ" swallows
  // the task sentence and the prose extractor falls back to the issuer: lead = ["Thủ tướng Chính phủ"] and the
  // answer says "Thủ tướng Chính phủ chủ trì nhiệm vụ …". The same text as .txt gives lead ["Bộ Công an"].
  it("names Bộ Công an as the lead of the PDF's task", async () => {
    const answer = createAnswerer(assembleKnowledge(data.corpus, data.lexical, data.vectors, data.embedder), { now: () => TEST_NOW });
    const a = await answer({ message: "Ai chủ trì xây dựng Cơ sở dữ liệu thử nghiệm?" });
    expect(a.facts[0]?.lead).toEqual(["Bộ Công an"]);
    expect(a.answer).toMatch(/Bộ Công an chủ trì nhiệm vụ “[^”]*Cơ sở dữ liệu thử nghiệm/);
    expect(a.answer).not.toContain("Thủ tướng Chính phủ chủ trì");
  });

  // BUG: same root cause (src/document/lines.ts hard-wrap joining for pdfLike input): the whole PDF header
  // ("THỦ TƯỚNG CHÍNH PHỦ Số: 45/QĐ-TTg … QUYẾT ĐỊNH Về việc …") becomes one paragraph, so the document gets
  // number null, issuedDate null, type "Văn bản" and that run-on header as its title. The same lines
  // separated by blank lines give 45/QĐ-TTg, 2026-03-10, "Quyết định".
  it("detects the PDF decision's header: số hiệu, ngày ban hành, loại, trích yếu", () => {
    const d = data.corpus.documents.find((x) => x.file.endsWith(".pdf"))!;
    expect(d.number).toBe("45/QĐ-TTg");
    expect(d.issuedDate).toBe("2026-03-10");
    expect(d.type).toBe("Quyết định");
    expect(d.title).toMatch(/thử nghiệm cơ sở dữ liệu phục vụ Chính phủ số/i);
    expect(d.title).not.toContain("Số:");
  });

  it("an unchanged corpus is loaded, not rebuilt", async () => {
    const r = await ensureData(corpusDir, dataDir);
    expect(r.rebuilt).toBe(false);
    expect(r.data.manifest.version).toBe(result.manifest.version);
  });

  it("fails clearly when no file is readable", async () => {
    const only = await tmp("only-bad");
    await writeFile(join(only, "junk.txt"), Buffer.from([0, 0, 0, 1]));
    await expect(buildData(only, await tmp("data-none"))).rejects.toThrow(/no readable documents/);
  });
});

describe("data/ durability", () => {
  let corpusDir: string;
  beforeAll(async () => {
    corpusDir = await tmp("dur-corpus");
    await copyFile(join(CORPUS_DIR, SEED), join(corpusDir, SEED));
  });

  async function freshData(): Promise<{ dataDir: string; version: string }> {
    const dataDir = await tmp("dur-data");
    const r = await buildData(corpusDir, dataDir);
    return { dataDir, version: r.manifest.version };
  }

  async function loadError(dataDir: string): Promise<Error> {
    const e = await loadData(dataDir).then(
      () => null,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(DataError);
    return e as Error;
  }

  it("builds a versioned folder with a pointer, and nothing else", async () => {
    const { dataDir, version } = await freshData();
    expect(JSON.parse(await readFile(join(dataDir, "current.json"), "utf8"))).toEqual({ version });
    expect((await readdir(dataDir)).sort()).toEqual(["current.json", version].sort());
    const files = await readdir(join(dataDir, version));
    for (const f of ["corpus.jsonl", "lexical.bin", "embedder-terms.txt", "embedder-df.bin", "manifest.json", "hnsw"]) expect(files).toContain(f);
  });

  it("corpus.jsonl whose records do not match its header → DataError (even with a matching checksum)", async () => {
    const { dataDir, version } = await freshData();
    const dir = join(dataDir, version);
    const text = await readFile(join(dir, "corpus.jsonl"), "utf8");
    const cut = text.split("\n").slice(0, -50).join("\n") + "\n";
    await writeFile(join(dir, "corpus.jsonl"), cut);
    // Re-sign the manifest as a careless tool would: the record count check still catches it.
    const m = JSON.parse(await readFile(join(dir, "manifest.json"), "utf8"));
    m.files["corpus.jsonl"] = createHash("sha256").update(cut).digest("hex");
    await writeFile(join(dir, "manifest.json"), JSON.stringify(m));
    const e = await loadError(dataDir);
    expect(e.message).toMatch(/corpus\.jsonl: record counts do not match/);
  });

  it("a manifest that does not list lexical.bin → DataError saying so", async () => {
    const { dataDir, version } = await freshData();
    const p = join(dataDir, version, "manifest.json");
    const m = JSON.parse(await readFile(p, "utf8"));
    delete m.files["lexical.bin"];
    await writeFile(p, JSON.stringify(m));
    expect((await loadError(dataDir)).message).toMatch(/lexical\.bin is not in the manifest/);
  });

  it("one corrupted byte in lexical.bin → DataError mentioning the checksum", async () => {
    const { dataDir, version } = await freshData();
    const p = join(dataDir, version, "lexical.bin");
    const buf = await readFile(p);
    const at = Math.floor(buf.length / 2);
    buf[at] = buf[at] === 0x61 ? 0x62 : 0x61;
    await writeFile(p, buf);
    const e = await loadError(dataDir);
    expect(e.message).toMatch(/checksum/);
    expect(e.message).toContain("lexical.bin");
  });

  it("a missing index file → DataError naming it", async () => {
    const { dataDir, version } = await freshData();
    await unlink(join(dataDir, version, "hnsw", "0", "hnswlib.index"));
    expect((await loadError(dataDir)).message).toMatch(/hnswlib\.index.*missing/);
  });

  it("no current.json → DataError; a garbage pointer → DataError", async () => {
    const { dataDir } = await freshData();
    await unlink(join(dataDir, "current.json"));
    expect((await loadError(dataDir)).message).toMatch(/no index/);
    await writeFile(join(dataDir, "current.json"), JSON.stringify({ version: "../../etc" }));
    expect((await loadError(dataDir)).message).toMatch(/corrupt pointer/);
    await writeFile(join(dataDir, "current.json"), "{not json");
    await loadError(dataDir);
  });

  it("ensureData rebuilds a missing or corrupted index and then loads it", async () => {
    const { dataDir, version } = await freshData();
    await unlink(join(dataDir, "current.json"));
    const r = await ensureData(corpusDir, dataDir);
    expect(r.rebuilt).toBe(true);
    expect(r.reason).toMatch(/no index/);
    expect(r.data.manifest.version).not.toBe(version);
    const again = await loadData(dataDir);
    expect(again.corpus.chunks.length).toBe(r.data.corpus.chunks.length);

    // Corrupt the rebuilt one: ensureData notices the checksum and rebuilds again.
    const v2 = r.data.manifest.version;
    const p = join(dataDir, v2, "corpus.jsonl");
    const buf = await readFile(p);
    buf[10] = buf[10] === 0x20 ? 0x21 : 0x20;
    await writeFile(p, buf);
    const r2 = await ensureData(corpusDir, dataDir);
    expect(r2.rebuilt).toBe(true);
    expect(r2.reason).toMatch(/checksum/);
    expect((await loadData(dataDir)).manifest.version).toBe(r2.data.manifest.version);
  });

  it("a changed corpus is rebuilt", async () => {
    const { dataDir } = await freshData();
    const c2 = await tmp("dur-corpus2");
    await copyFile(join(CORPUS_DIR, SEED), join(c2, SEED));
    await writeFile(join(c2, "them.md"), `# Kế hoạch thử\n\nBộ Nội vụ chủ trì rà soát quy trình nội bộ, hoàn thành trong tháng 9/2026.\n`);
    const r = await ensureData(c2, dataDir);
    expect(r.rebuilt).toBe(true);
    expect(r.reason).toBe("corpus changed");
    expect(r.data.corpus.documents.map((d) => d.file)).toContain("them.md");
  });

  it("leftovers of a crashed build do not break loading and are cleaned by the next build", async () => {
    const { dataDir, version } = await freshData();
    // A build that died half-way: partial temp folder and an unrenamed pointer file.
    const crashed = join(dataDir, ".tmp-v-0000000000000000-crash");
    await mkdir(join(crashed, "hnsw"), { recursive: true });
    await writeFile(join(crashed, "corpus.jsonl"), '{"documents":[');
    await writeFile(join(dataDir, ".current-v-0000000000000000-crash.json"), '{"vers');
    const loaded = await loadData(dataDir);
    expect(loaded.manifest.version).toBe(version);
    const ensured = await ensureData(corpusDir, dataDir);
    expect(ensured.rebuilt).toBe(false);

    const r = await buildData(corpusDir, dataDir);
    const names = await readdir(dataDir);
    // The version it replaces stays for instances still swapping to it (the last two are kept).
    expect(names.sort()).toEqual(["current.json", version, r.manifest.version].sort());
    expect(names.some((n) => n.startsWith(".tmp-") || n.startsWith(".current-"))).toBe(false);
    expect((await loadData(dataDir)).manifest.version).toBe(r.manifest.version);
  });
});
