/**
 * MD5 of a string's UTF-8 bytes, as lowercase hex. Only for file ids: the reference server
 * derives parquet-format ids as MD5 of the path (digest A.6 `fileidhash`, B.3), and WebCrypto
 * has no MD5. Not for anything that needs collision resistance. Buffers are reused because a
 * query of 100,000 files hashes 100,000 paths.
 */
const S = Int32Array.from([7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21]);
const K = Int32Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) | 0);
const G = Int32Array.from({ length: 64 }, (_, i) => (i < 16 ? i : i < 32 ? 5 * i + 1 : i < 48 ? 3 * i + 5 : 7 * i) % 16);
const encoder = new TextEncoder();
let bytes = new Uint8Array(256);
let words = new Int32Array(64);
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

export function md5Hex(text: string): string {
  if (text.length * 3 + 72 > bytes.length) {
    bytes = new Uint8Array(text.length * 3 + 72);
    words = new Int32Array(bytes.length >> 2);
  }
  const n = encoder.encodeInto(text, bytes).written;
  const blocks = ((n + 8) >>> 6) + 1;
  words.fill(0, 0, blocks * 16);
  for (let i = 0; i < n; i++) words[i >> 2]! |= bytes[i]! << ((i & 3) << 3);
  words[n >> 2]! |= 0x80 << ((n & 3) << 3);
  words[blocks * 16 - 2] = n << 3;
  words[blocks * 16 - 1] = Math.floor(n / 0x20000000);
  let a0 = 0x67452301, b0 = 0xefcdab89 | 0, c0 = 0x98badcfe | 0, d0 = 0x10325476;
  for (let base = 0; base < blocks * 16; base += 16) {
    let a = a0, b = b0, c = c0, d = d0;
    for (let i = 0; i < 64; i++) {
      const f = i < 16 ? (b & c) | (~b & d) : i < 32 ? (d & b) | (~d & c) : i < 48 ? b ^ c ^ d : c ^ (b | ~d);
      const sum = (a + f + K[i]! + words[base + G[i]!]!) | 0;
      const s = S[((i >> 4) << 2) | (i & 3)]!;
      a = d;
      d = c;
      c = b;
      b = (b + ((sum << s) | (sum >>> (32 - s)))) | 0;
    }
    a0 = (a0 + a) | 0; b0 = (b0 + b) | 0; c0 = (c0 + c) | 0; d0 = (d0 + d) | 0;
  }
  let hex = "";
  for (const word of [a0, b0, c0, d0]) hex += HEX[word & 0xff]! + HEX[(word >>> 8) & 0xff]! + HEX[(word >>> 16) & 0xff]! + HEX[(word >>> 24) & 0xff]!;
  return hex;
}
