// Retrieval layer (pure): the one binary container of the index files — a magic string, a little-endian u32 header
// length, a JSON header, then the parts, each 4-byte aligned so typed-array views can be laid over them (the BM25
// index, the Worker's prebuilt knowledge).

/** Rounded up to a multiple of 4. */
export const align4 = (x: number): number => (x + 3) & ~3;

/** magic + u32 header length + header bytes + each part 4-byte aligned. */
export function packParts(magic: string, header: Uint8Array, parts: readonly ArrayBufferView[]): Uint8Array {
  const enc = new TextEncoder();
  let size = align4(magic.length + 4 + header.byteLength);
  for (const p of parts) size += align4(p.byteLength);
  const out = new Uint8Array(size);
  out.set(enc.encode(magic), 0);
  new DataView(out.buffer).setUint32(magic.length, header.byteLength, true);
  out.set(header, magic.length + 4);
  let at = align4(magic.length + 4 + header.byteLength);
  for (const p of parts) {
    out.set(new Uint8Array(p.buffer, p.byteOffset, p.byteLength), at);
    at += align4(p.byteLength);
  }
  return out;
}
