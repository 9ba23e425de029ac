// Base64 for `__bytes__` wire values, without Node's Buffer: the bridge core
// also runs in browsers. Uses the native Uint8Array.toBase64/fromBase64 where
// the platform has them, and a table-driven codec otherwise.

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

interface NativeBase64 {
  toBase64?: (this: Uint8Array) => string;
}
interface NativeBase64Constructor {
  fromBase64?: (text: string) => Uint8Array;
}
const nativeToBase64 = (Uint8Array.prototype as NativeBase64).toBase64;
const nativeFromBase64 = (Uint8Array as NativeBase64Constructor).fromBase64;
const decoder = new TextDecoder("latin1");

export function bytesToBase64(bytes: Uint8Array): string {
  if (nativeToBase64) return nativeToBase64.call(bytes);
  const length = bytes.length;
  const out = new Uint8Array(Math.ceil(length / 3) * 4);
  let o = 0;
  let i = 0;
  for (; i + 2 < length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = encodeTable[n >> 18]!;
    out[o++] = encodeTable[(n >> 12) & 63]!;
    out[o++] = encodeTable[(n >> 6) & 63]!;
    out[o++] = encodeTable[n & 63]!;
  }
  if (i < length) {
    const n = (bytes[i]! << 16) | (i + 1 < length ? bytes[i + 1]! << 8 : 0);
    out[o++] = encodeTable[n >> 18]!;
    out[o++] = encodeTable[(n >> 12) & 63]!;
    out[o++] = i + 1 < length ? encodeTable[(n >> 6) & 63]! : PAD;
    out[o++] = PAD;
  }
  return decoder.decode(out);
}

export function base64ToBytes(text: string): Uint8Array {
  if (nativeFromBase64) return nativeFromBase64(text);
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
