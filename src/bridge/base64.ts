// Base64 for `__bytes__` and `__f64__` wire values. The bridge core also runs in
// browsers, so nothing here imports Node: it uses a native codec where the platform
// has one (Node's global Buffer, ~35× faster than JS on megabytes; the newer
// Uint8Array.toBase64/fromBase64), and table-driven codecs otherwise. Those work on
// whole groups (3 bytes ↔ 4 characters) so megabytes still go fast.

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const PAD = 61; // "="

const encodeTable = new Uint8Array(64);
const decodeTable = new Uint8Array(128).fill(255);
for (let i = 0; i < 64; i++) {
  encodeTable[i] = ALPHABET.charCodeAt(i);
  decodeTable[ALPHABET.charCodeAt(i)] = i;
}
// Accept the URL-safe alphabet too.
decodeTable[45] = 62; // "-"
decodeTable[95] = 63; // "_"

// Encoding: 12 bits → two characters, stored in memory order so one Uint16 write places both.
const pairBytes = new Uint8Array(8192);
for (let i = 0; i < 4096; i++) {
  pairBytes[2 * i] = encodeTable[i >> 6]!;
  pairBytes[2 * i + 1] = encodeTable[i & 63]!;
}
const pairs = new Uint16Array(pairBytes.buffer);

// Decoding: one table per position in a group of four, each holding the character's
// 6 bits already shifted; BAD marks a character outside the alphabet (it survives the OR).
const BAD = 1 << 24;
const shifted = [18, 12, 6, 0].map((shift) => {
  const table = new Uint32Array(256).fill(BAD);
  for (let code = 0; code < 128; code++) if (decodeTable[code] !== 255) table[code] = decodeTable[code]! << shift;
  return table;
});
const [d0, d1, d2, d3] = shifted as [Uint32Array, Uint32Array, Uint32Array, Uint32Array];

interface NativeBase64 {
  toBase64?: (this: Uint8Array) => string;
}
interface NativeBase64Constructor {
  fromBase64?: (text: string) => Uint8Array;
}
interface NodeBuffer {
  from(bytes: ArrayBufferLike, offset: number, length: number): { toString(encoding: "base64"): string };
}
const nodeBuffer = (globalThis as { Buffer?: NodeBuffer }).Buffer;
const nativeToBase64 =
  (Uint8Array.prototype as NativeBase64).toBase64 ??
  (nodeBuffer && function (this: Uint8Array) {
    return nodeBuffer.from(this.buffer, this.byteOffset, this.byteLength).toString("base64");
  });
// Not Buffer for decoding: it skips bad characters silently, and a corrupt payload must fail.
const nativeFromBase64 = (Uint8Array as NativeBase64Constructor).fromBase64;
// Base64 text is ASCII; the UTF-8 decoder has the fastest path for it.
const asciiDecoder = new TextDecoder();
const asciiEncoder = new TextEncoder();

export function bytesToBase64(bytes: Uint8Array): string {
  return nativeToBase64 ? nativeToBase64.call(bytes) : encodeGroups(bytes);
}

/** The portable encoder (exported for tests, since Node itself takes the native path). */
export function encodeGroups(bytes: Uint8Array): string {
  const length = bytes.length;
  const whole = length - (length % 3);
  const out = new Uint8Array(Math.ceil(length / 3) * 4);
  const out16 = new Uint16Array(out.buffer);
  let o = 0;
  for (let i = 0; i < whole; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out16[o++] = pairs[n >> 12]!;
    out16[o++] = pairs[n & 4095]!;
  }
  if (whole < length) {
    const two = whole + 1 < length;
    const n = (bytes[whole]! << 16) | (two ? bytes[whole + 1]! << 8 : 0);
    let b = o * 2;
    out[b++] = encodeTable[n >> 18]!;
    out[b++] = encodeTable[(n >> 12) & 63]!;
    out[b++] = two ? encodeTable[(n >> 6) & 63]! : PAD;
    out[b] = PAD;
  }
  return asciiDecoder.decode(out);
}

export function base64ToBytes(text: string): Uint8Array {
  if (nativeFromBase64) return nativeFromBase64(text);
  return decodeGroups(text) ?? decodeLenient(text);
}

/** Canonical base64 (padded, no line breaks) four characters at a time; null for anything else. */
function decodeGroups(text: string): Uint8Array | null {
  const src = asciiEncoder.encode(text); // non-ASCII becomes bytes ≥ 128, which are BAD
  const end = src.length;
  if (end % 4 !== 0) return null;
  const pad = end === 0 || src[end - 1] !== PAD ? 0 : src[end - 2] === PAD ? 2 : 1;
  const out = new Uint8Array((end / 4) * 3 - pad);
  const whole = pad ? end - 4 : end;
  let o = 0;
  let bad = 0;
  for (let i = 0; i < whole; i += 4) {
    const n = d0[src[i]!]! | d1[src[i + 1]!]! | d2[src[i + 2]!]! | d3[src[i + 3]!]!;
    bad |= n;
    out[o++] = n >> 16;
    out[o++] = n >> 8;
    out[o++] = n;
  }
  if (pad) {
    const n = d0[src[whole]!]! | d1[src[whole + 1]!]! | (pad === 2 ? 0 : d2[src[whole + 2]!]!);
    bad |= n;
    out[o++] = n >> 16;
    if (pad === 1) out[o] = n >> 8;
  }
  return bad & BAD ? null : out;
}

/** Character by character: tolerates line breaks and missing padding, and names a bad character. */
function decodeLenient(text: string): Uint8Array {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === PAD) end--;
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  let o = 0;
  let bits = 0;
  let buffer = 0;
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    const value = code < 128 ? decodeTable[code]! : 255;
    if (value === 255) {
      if (code === 10 || code === 13 || code === 32) continue; // tolerate line breaks
      throw new SyntaxError(`invalid base64 character ${JSON.stringify(text[i])} at ${i}`);
    }
    buffer = ((buffer << 6) | value) & 0xffff; // only the low 14 bits are ever pending
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (buffer >> bits) & 255;
    }
  }
  return o === out.length ? out : out.subarray(0, o);
}
