import { base64url } from "../../auth/secrets";
import { fromBase64url } from "./keys";

/**
 * Opaque, tamper-proof tokens: `base64url(JSON).base64url(HMAC-SHA256(purpose + "." + body))`.
 * The purpose is inside the MAC so a page token can never pass as a file grant or a refresh
 * token (digest B.3: "make page tokens and refresh tokens opaque, signed or MAC'd").
 */
export type TokenPurpose = "file" | "page" | "refresh" | "list";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Seals `payload` for `purpose`. */
export async function sealToken(key: CryptoKey, purpose: TokenPurpose, payload: object): Promise<string> {
  const body = base64url(encoder.encode(JSON.stringify(payload)));
  const mac = await crypto.subtle.sign("HMAC", key, encoder.encode(`${purpose}.${body}`));
  return `${body}.${base64url(new Uint8Array(mac))}`;
}

/**
 * Opens a token sealed for `purpose`; undefined when it is malformed or its MAC does not
 * verify (crypto.subtle.verify compares in constant time).
 */
export async function openToken<T>(key: CryptoKey, purpose: TokenPurpose, token: string): Promise<T | undefined> {
  const dot = token.indexOf(".");
  if (dot <= 0 || dot !== token.lastIndexOf(".") || token.length > 4096) return undefined;
  const body = token.slice(0, dot);
  let mac: Uint8Array<ArrayBuffer>;
  try {
    mac = fromBase64url(token.slice(dot + 1));
  } catch {
    return undefined;
  }
  const ok = await crypto.subtle.verify("HMAC", key, mac, encoder.encode(`${purpose}.${body}`));
  if (!ok) return undefined;
  try {
    const value: unknown = JSON.parse(decoder.decode(fromBase64url(body)));
    return value && typeof value === "object" ? (value as T) : undefined;
  } catch {
    return undefined;
  }
}
