// HTTP layer (pure): a request body read with a byte cap, as bytes. Reading stops (and the stream is cancelled)
// as soon as the cap is passed, so a 300 MB chunked body costs the cap, not 300 MB: the runtime then drops the
// rest of the upload and the connection. The same reading as the channels' readBodyCapped, kept as bytes so
// /api/chat can refuse invalid UTF-8 instead of reading U+FFFD into the question.

export type BytesResult = { ok: true; bytes: Uint8Array } | { ok: false; status: 413 | 400 };

export async function readBytesCapped(req: Request, maxBytes: number): Promise<BytesResult> {
  const declared = req.headers.get("content-length");
  if (declared !== null && (!/^\d{1,15}$/.test(declared.trim()) || Number(declared) > maxBytes)) {
    return { ok: false, status: /^\d{1,15}$/.test(declared.trim()) ? 413 : 400 };
  }
  if (!req.body) return { ok: true, bytes: new Uint8Array(0) };
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => {});
        return { ok: false, status: 413 };
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, status: 400 };
  }
  if (chunks.length === 1) return { ok: true, bytes: chunks[0]! };
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, bytes };
}
