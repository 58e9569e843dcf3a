// Ingest (Node): the workbench's document jobs behind the admin API (src/http/admin.ts's DocumentAdmin port).
// An upload is read (Word through mammoth, a scan through OCR), reported on as `npm run inspect` would, written
// into corpus/ atomically (temp file + rename), and the index rebuilt; the old index keeps answering until the
// new one is loaded, and a failed build puts the corpus back as it was. A document with the số hiệu of one
// already served replaces it: the old file moves to corpus/.superseded/ and is listed, never merged.
// One job runs at a time; finished jobs are kept for JOB_TTL_MS, then their id answers "expired".

import { createHash, randomUUID } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { extname, join } from "node:path";
import type { AdminDocumentList, DocumentAdmin, JobDocument, JobView } from "../src/http/admin.ts";
import { OCR_FILE_MARK } from "../src/http/answer-extras.ts";
import { safeFileName, type UploadKind } from "../src/http/upload-check.ts";
import type { Logger } from "../src/log.ts";
import type { CorpusData } from "../src/tasks/corpus.ts";
import { CorpusFileError, loadCorpusFile, readSourceBytes } from "./load-file.ts";
import type { OcrOptions } from "./ocr.ts";
import { type FileReport, reportSource } from "./report.ts";

/** How long a finished job's result is kept. */
export const JOB_TTL_MS = 60 * 60 * 1000;
/** Jobs remembered at most (the oldest finished ones go first). */
const MAX_JOBS = 500;

/** corpus/.workbench.json: what the workbench did to the corpus (uploads, superseded and deleted files). */
interface WorkbenchState {
  uploads: Record<string, { original: string; uploadedAt: string; source: string; sha256: string }>;
  superseded: { number: string | null; title: string; file: string; supersededAt: string; by: string }[];
  deleted: { file: string; deletedAt: string; documents: string[] }[];
}

export interface DocumentAdminDeps {
  corpusDir: string;
  /** Rebuild data/ from corpus/ and swap the new index in; throws when the build fails. */
  rebuild: () => Promise<unknown>;
  /** The corpus being served (null while loading). */
  corpus: () => CorpusData | null;
  /** Files the last build rejected (shown in the list). */
  rejected?: () => string[];
  logger: Logger;
  ocr?: OcrOptions;
  now?: () => Date;
  /** Called after each job with its duration (metrics). */
  onJob?: (kind: string, status: string, seconds: number) => void;
  /** How long finished jobs are kept (default JOB_TTL_MS). */
  jobTtlMs?: number;
}

export function createDocumentAdmin(deps: DocumentAdminDeps): DocumentAdmin & { idle(): Promise<void> } {
  const now = deps.now ?? (() => new Date());
  const jobs = new Map<string, JobView & { expiresAt?: number }>();
  const issued = new Set<string>();
  let chain: Promise<void> = Promise.resolve();
  const stateFile = join(deps.corpusDir, ".workbench.json");

  async function readState(): Promise<WorkbenchState> {
    try {
      const s = JSON.parse(await readFile(stateFile, "utf8")) as Partial<WorkbenchState>;
      return { uploads: s.uploads ?? {}, superseded: s.superseded ?? [], deleted: s.deleted ?? [] };
    } catch {
      return { uploads: {}, superseded: [], deleted: [] };
    }
  }
  async function writeState(s: WorkbenchState) {
    const tmp = `${stateFile}.${randomUUID()}.tmp`;
    await writeFile(tmp, JSON.stringify(s, null, 2));
    await rename(tmp, stateFile);
  }

  function sweep() {
    const t = now().getTime();
    for (const [id, j] of jobs) if (j.expiresAt && j.expiresAt < t) jobs.delete(id);
    while (jobs.size > MAX_JOBS) {
      const oldest = [...jobs.values()].find((j) => j.status === "done" || j.status === "failed");
      if (!oldest) break;
      jobs.delete(oldest.id);
    }
  }

  function enqueue(kind: JobView["kind"], file: string, work: (job: JobView) => Promise<void>): JobView {
    sweep();
    const id = randomUUID();
    issued.add(id);
    const job: JobView & { expiresAt?: number } = { id, kind, status: "queued", file, createdAt: now().toISOString(), steps: [] };
    jobs.set(id, job);
    chain = chain.then(async () => {
      job.status = "running";
      job.startedAt = now().toISOString();
      const t0 = performance.now();
      try {
        await work(job);
        job.status = "done";
      } catch (e) {
        job.status = "failed";
        job.error = (e as Error).message;
        deps.logger.error("admin job failed", { job: id, kind, error: job.error.slice(0, 300) });
      } finally {
        job.finishedAt = now().toISOString();
        job.expiresAt = now().getTime() + (deps.jobTtlMs ?? JOB_TTL_MS);
        deps.onJob?.(kind, job.status, (performance.now() - t0) / 1000);
      }
    });
    return job;
  }

  const docsOfFile = (corpus: CorpusData | null, file: string): JobDocument[] =>
    (corpus?.documents ?? [])
      .filter((d) => d.file === file)
      .map((d) => ({ id: d.id, number: d.number, title: d.title, file: d.file, tasks: corpus!.tasks.filter((t) => t.documentId === d.id).length }));

  async function upload(job: JobView, name: string, bytes: Buffer, kind: UploadKind) {
    const step = (s: string) => job.steps.push(s);
    step("reading / đang đọc");
    let src;
    try {
      src = await readSourceBytes(name, bytes, { ocr: deps.ocr ?? {} });
    } catch (e) {
      throw e instanceof CorpusFileError ? new Error(e.message) : e;
    }
    const report: FileReport = reportSource(src);
    job.report = report;
    if (report.documents.length === 0) throw new Error("no document could be read in this file / không đọc được văn bản nào trong tệp");
    step(src.ocr ? `OCR: ${src.ocr.pages} page(s) / nhận dạng ${src.ocr.pages} trang` : "read / đã đọc");

    // Where it goes: typed text and Word/PDF files as they came; a scan as its OCR'd text (read once, not on
    // every rebuild), with the scan itself kept in corpus/.originals/.
    const base = safeFileName(name);
    const ext = extname(base);
    const target = src.ocr ? `${base.slice(0, base.length - ext.length)}${OCR_FILE_MARK}txt` : kind === "html" && ext === ".htm" ? base.replace(/\.htm$/, ".html") : base;
    const corpus = deps.corpus();
    const state = await readState();
    // Same số hiệu as a served document in another file, or the same file name: the old file is superseded.
    const numbers = new Set(report.documents.map((d) => d.meta.number).filter((n): n is string => !!n));
    const replacedFiles = new Set<string>();
    for (const d of corpus?.documents ?? []) if ((d.number && numbers.has(d.number)) || d.file === target) replacedFiles.add(d.file);
    const existing = new Set(await readdir(deps.corpusDir));
    if (existing.has(target)) replacedFiles.add(target);
    const stamp = now().toISOString().replace(/[:.]/g, "-");
    const moved: { from: string; to: string }[] = [];
    const superseded: NonNullable<JobView["superseded"]> = [];
    await mkdir(join(deps.corpusDir, ".superseded"), { recursive: true });
    const tmp = join(deps.corpusDir, `.upload-${job.id}${ext}`);
    try {
      for (const f of replacedFiles) {
        const to = join(deps.corpusDir, ".superseded", `${stamp}-${f}`);
        await rename(join(deps.corpusDir, f), to);
        moved.push({ from: join(deps.corpusDir, f), to });
        for (const d of (corpus?.documents ?? []).filter((x) => x.file === f)) superseded.push({ number: d.number, title: d.title, file: f });
      }
      if (src.ocr) {
        await mkdir(join(deps.corpusDir, ".originals"), { recursive: true });
        await writeFile(join(deps.corpusDir, ".originals", `${stamp}-${base}`), bytes);
      }
      await writeFile(tmp, src.ocr ? src.text : bytes);
      await rename(tmp, join(deps.corpusDir, target));
      step("stored in the corpus / đã lưu vào kho văn bản");
      step("indexing / đang lập chỉ mục");
      await deps.rebuild();
    } catch (e) {
      // Put the corpus back as it was: the new file out, the superseded ones back. The served index never changed.
      await rm(tmp, { force: true });
      await rm(join(deps.corpusDir, target), { force: true });
      for (const m of moved.reverse()) await rename(m.to, m.from).catch(() => undefined);
      throw new Error(`indexing failed, the previous documents are still served / lập chỉ mục thất bại, hệ thống vẫn dùng bộ văn bản cũ: ${(e as Error).message}`);
    }
    for (const f of replacedFiles) delete state.uploads[f];
    state.uploads[target] = { original: name, uploadedAt: now().toISOString(), source: src.ocr ? "ocr" : kind, sha256: createHash("sha256").update(bytes).digest("hex") };
    state.superseded.push(...superseded.map((s) => ({ ...s, supersededAt: now().toISOString(), by: target })));
    await writeState(state);
    job.superseded = superseded;
    const docs = docsOfFile(deps.corpus(), target);
    job.documents = docs;
    if (docs[0]) job.document = docs[0];
    step("done / xong");
  }

  async function remove(job: JobView, file: string) {
    const corpus = deps.corpus();
    const gone = (corpus?.documents ?? []).filter((d) => d.file === file).map((d) => d.number ?? d.title);
    await mkdir(join(deps.corpusDir, ".deleted"), { recursive: true });
    const stamp = now().toISOString().replace(/[:.]/g, "-");
    const to = join(deps.corpusDir, ".deleted", `${stamp}-${file}`);
    job.steps.push("removing / đang gỡ");
    await rename(join(deps.corpusDir, file), to);
    try {
      job.steps.push("indexing / đang lập chỉ mục");
      await deps.rebuild();
    } catch (e) {
      await rename(to, join(deps.corpusDir, file)).catch(() => undefined);
      throw new Error(`indexing failed, the document is still served / lập chỉ mục thất bại, văn bản vẫn được dùng: ${(e as Error).message}`);
    }
    const state = await readState();
    delete state.uploads[file];
    state.deleted.push({ file, deletedAt: now().toISOString(), documents: gone });
    await writeState(state);
    job.steps.push("done / xong");
  }

  return {
    submit({ name, bytes, kind }) {
      return enqueue("upload", name, (job) => upload(job, name, Buffer.from(bytes), kind));
    },
    remove(documentId) {
      const d = deps.corpus()?.documents.find((x) => x.id === documentId);
      if (!d) return null;
      const job = enqueue("delete", d.file, (j) => remove(j, d.file));
      job.documents = docsOfFile(deps.corpus(), d.file);
      return job;
    },
    job(id) {
      sweep();
      const j = jobs.get(id);
      if (j) {
        const { expiresAt: _e, ...view } = j;
        return view;
      }
      return issued.has(id) ? "expired" : null;
    },
    async list(): Promise<AdminDocumentList> {
      const corpus = deps.corpus();
      const state = await readState();
      const documents = (corpus?.documents ?? []).map((d) => {
        const up = state.uploads[d.file];
        const fileExt = extname(d.file).toLowerCase();
        return {
          id: d.id,
          number: d.number,
          title: d.title,
          type: d.type,
          status: d.status,
          issuedDate: d.issuedDate,
          file: d.file,
          tasks: corpus!.tasks.filter((t) => t.documentId === d.id).length,
          chunks: corpus!.chunks.filter((c) => c.documentId === d.id).length,
          warnings: corpus!.warnings.filter((w) => w.includes(d.file) || w.includes(d.id)),
          source: d.file.includes(OCR_FILE_MARK) ? "ocr" : (up?.source ?? (fileExt === ".pdf" ? "pdf" : fileExt === ".docx" ? "docx" : "text")),
          uploadedAt: up?.uploadedAt ?? null,
        };
      });
      return { documents, superseded: state.superseded, rejected: deps.rejected?.() ?? [] };
    },
    async report(documentId) {
      const d = deps.corpus()?.documents.find((x) => x.id === documentId);
      if (!d) return null;
      const r = reportSource(await loadCorpusFile(join(deps.corpusDir, d.file), d.file, { ocr: deps.ocr ?? {} }));
      return { ...r, documents: r.documents.filter((x) => x.meta.id === documentId) };
    },
    idle: () => chain,
  };
}
