// Test helpers for the Slack and Zalo channels: a fake answer function, a recording logger, a recording fetch, signers.

import { createHash, createHmac } from "node:crypto";
import type { AnswerFn, ChatAnswer, ChatInput } from "../src/answer/types.ts";
import type { LogFields, Logger } from "../src/log.ts";

export const SAMPLE_ANSWER: ChatAnswer = {
  answer:
    "Bộ Công an chủ trì nhiệm vụ “Xây dựng Luật An ninh dữ liệu”, thời hạn: tháng 12/2026 [1]. Dự thảo kế hoạch năm 2026 giao Bộ Khoa học và Công nghệ phối hợp [2].",
  citations: [
    {
      n: 1,
      documentId: "qd-2629-2025",
      document: {
        number: "2629/QĐ-TTg",
        title: "Quyết định phê duyệt Chương trình phát triển Chính phủ số",
        issuedDate: "2025-12-01",
        status: "final",
      },
      section: "Phụ lục II › I › 3",
      quote: "Xây dựng Luật An ninh dữ liệu. | Bộ Công an | …",
    },
    {
      n: 2,
      documentId: "du-thao-kh-2026",
      document: {
        number: null,
        title: "Dự thảo Quyết định ban hành Kế hoạch chuyển đổi số năm 2026",
        issuedDate: null,
        status: "draft",
      },
      section: "Mục II › 2",
      quote: "Bộ Khoa học và Công nghệ phối hợp …",
      label: "Dự thảo",
    },
  ],
  intent: "lead",
  facts: [],
};

export function fakeAnswer(result: ChatAnswer | ((input: ChatInput) => ChatAnswer) = SAMPLE_ANSWER) {
  const calls: ChatInput[] = [];
  const fn: AnswerFn = async (input) => {
    calls.push(structuredClone(input));
    return structuredClone(typeof result === "function" ? result(input) : result);
  };
  return { fn, calls };
}

export interface LogLine {
  level: "info" | "warn" | "error";
  msg: string;
  fields?: LogFields;
}

export function recordingLogger(): Logger & { lines: LogLine[]; text(): string } {
  const lines: LogLine[] = [];
  return {
    lines,
    info: (msg, fields) => lines.push({ level: "info", msg, fields }),
    warn: (msg, fields) => lines.push({ level: "warn", msg, fields }),
    error: (msg, fields) => lines.push({ level: "error", msg, fields }),
    text: () => JSON.stringify(lines),
  };
}

export interface FetchCall {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: string;
  json: unknown;
}

/** A fetch that records every call and answers through `route`. */
export function recordingFetch(route: (call: FetchCall) => Response | Promise<Response>) {
  const calls: FetchCall[] = [];
  const fn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, init);
    const body = init?.body === undefined || init.body === null ? "" : await req.text();
    const headers: Record<string, string> = {};
    req.headers.forEach((v, k) => {
      headers[k] = v;
    });
    let json: unknown = null;
    try {
      json = body ? JSON.parse(body) : null;
    } catch {
      json = null;
    }
    const call: FetchCall = { url: new URL(req.url), method: req.method, headers, body, json };
    calls.push(call);
    return route(call);
  }) as typeof fetch;
  return { fn, calls };
}

export function jsonResponse(data: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(data), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

/** Collects the promises a sub-app defers, so a test can wait for the background work. */
export function deferCollector() {
  const pending: Promise<unknown>[] = [];
  return {
    defer: (p: Promise<unknown>) => {
      pending.push(p);
    },
    pending,
    async settle() {
      // Deferred work may defer more; loop until nothing new appears.
      let seen = 0;
      while (seen < pending.length) {
        const batch = pending.slice(seen);
        seen = pending.length;
        await Promise.all(batch);
      }
    },
  };
}

export function slackSignature(secret: string, timestamp: string, body: string): string {
  return "v0=" + createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex");
}

export function zaloSignature(appId: string, body: string, timestamp: string, oaSecretKey: string): string {
  return createHash("sha256")
    .update(appId + body + timestamp + oaSecretKey)
    .digest("hex");
}
