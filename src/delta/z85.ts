import { DeltaError } from "./errors";

/**
 * Z85 (ZeroMQ RFC 32) — the base-85 text encoding Delta uses for inline deletion vectors and
 * for the UUID inside `u`-type DV paths (PROTOCOL.md "Deletion Vector Format"). Every 4 bytes
 * become 5 characters, big-endian.
 */
const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

/**
 * Decode Z85 text (length a multiple of 5) to bytes.
 * @throws DeltaError DELTA_LOG_CORRUPT on a bad length or character
 */
export function z85Decode(text: string): Uint8Array {
  if (text.length % 5 !== 0) throw new DeltaError("DELTA_LOG_CORRUPT", `Z85 text length ${text.length} is not a multiple of 5`);
  const out = new Uint8Array((text.length / 5) * 4);
  for (let i = 0, o = 0; i < text.length; i += 5, o += 4) {
    let value = 0;
    for (let j = 0; j < 5; j++) {
      const c = text.charCodeAt(i + j);
      const d = c < 128 ? DECODE[c]! : -1;
      if (d < 0) throw new DeltaError("DELTA_LOG_CORRUPT", `invalid Z85 character ${JSON.stringify(text[i + j])}`);
      value = value * 85 + d;
    }
    if (value > 0xffffffff) throw new DeltaError("DELTA_LOG_CORRUPT", "Z85 group overflows 32 bits");
    out[o] = value >>> 24;
    out[o + 1] = (value >>> 16) & 0xff;
    out[o + 2] = (value >>> 8) & 0xff;
    out[o + 3] = value & 0xff;
  }
  return out;
}

/** Encode bytes (length a multiple of 4) as Z85. */
export function z85Encode(bytes: Uint8Array): string {
  if (bytes.length % 4 !== 0) throw new DeltaError("DELTA_INVALID_ARGUMENT", "Z85 input length must be a multiple of 4");
  let out = "";
  for (let i = 0; i < bytes.length; i += 4) {
    let value = ((bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!) >>> 0;
    const chars = new Array<string>(5);
    for (let j = 4; j >= 0; j--) {
      chars[j] = ALPHABET[value % 85]!;
      value = Math.floor(value / 85);
    }
    out += chars.join("");
  }
  return out;
}

/** Decode the 20-character Z85 form of a UUID into its canonical 8-4-4-4-12 text. */
export function z85DecodeUuid(text: string): string {
  const b = z85Decode(text);
  if (b.length !== 16) throw new DeltaError("DELTA_LOG_CORRUPT", `Z85 UUID must be 20 characters, got ${text.length}`);
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
