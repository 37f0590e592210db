import { invalidArgument } from "../../errors";

/**
 * Recipient IP access lists (Databricks `ip_access_list.allowed_ip_addresses`, at most 100
 * entries): single addresses or CIDR blocks, IPv4 or IPv6. An IPv4-mapped IPv6 client
 * address (`::ffff:10.0.0.1`, what Node reports on dual-stack sockets) matches IPv4 entries.
 */
export const MAX_IP_ENTRIES = 100;

interface Block {
  bits: bigint;
  prefix: number;
  width: 32 | 128;
}

/** Validates entries and returns them in canonical text (trimmed). */
export function validateIpAccessList(entries: readonly string[], field = "ip_access_list.allowed_ip_addresses"): string[] {
  if (entries.length > MAX_IP_ENTRIES) throw invalidArgument(`Invalid ${field}: at most ${MAX_IP_ENTRIES} entries.`, { field });
  return entries.map((raw, i) => {
    const text = String(raw).trim();
    if (!parseBlock(text)) throw invalidArgument(`Invalid ${field}[${i}] '${text.slice(0, 60)}': expected an IP address or CIDR block.`, { field });
    return text;
  });
}

/** Whether `address` lies in one of the entries; an unknown or malformed address never does. */
export function ipAllowed(entries: readonly string[], address: string | undefined): boolean {
  if (!address) return false;
  const client = parseAddress(address.trim().replace(/^\[|\]$/g, ""));
  if (!client) return false;
  return entries.some((entry) => {
    const block = parseBlock(entry);
    if (!block) return false;
    const candidate = block.width === 32 && client.width === 128 && client.bits >> 32n === 0xffffn ? { bits: client.bits & 0xffffffffn, width: 32 as const } : client;
    if (candidate.width !== block.width) return false;
    const shift = BigInt(block.width - block.prefix);
    return candidate.bits >> shift === block.bits >> shift;
  });
}

function parseBlock(text: string): Block | undefined {
  const [addr, prefixText, extra] = text.split("/");
  if (extra !== undefined || !addr) return undefined;
  const parsed = parseAddress(addr);
  if (!parsed) return undefined;
  const prefix = prefixText === undefined ? parsed.width : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= parsed.width)) return undefined;
  return { ...parsed, prefix };
}

function parseAddress(text: string): { bits: bigint; width: 32 | 128 } | undefined {
  const v4 = parseV4(text);
  if (v4 !== undefined) return { bits: v4, width: 32 };
  const v6 = parseV6(text);
  return v6 === undefined ? undefined : { bits: v6, width: 128 };
}

function parseV4(text: string): bigint | undefined {
  const parts = text.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((acc, p) => (acc << 8n) | BigInt(Number(p)), 0n);
}

function parseV6(text: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text)) return undefined;
  let hex = text;
  const tail: bigint[] = [];
  if (text.includes(".")) {
    // An embedded IPv4 tail (::ffff:10.1.2.3) stands for the last two groups.
    const i = text.lastIndexOf(":");
    const v4 = parseV4(text.slice(i + 1));
    if (i < 0 || v4 === undefined) return undefined;
    tail.push(v4 >> 16n, v4 & 0xffffn);
    hex = text[i - 1] === ":" ? text.slice(0, i + 1) : text.slice(0, i);
  }
  const halves = hex.split("::");
  if (halves.length > 2) return undefined;
  const left = halves[0] ? halves[0].split(":") : [];
  const right = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const want = 8 - tail.length;
  let groups = left;
  if (halves.length === 2) {
    const fill = want - left.length - right.length;
    if (fill < 1) return undefined;
    groups = [...left, ...Array<string>(fill).fill("0"), ...right];
  }
  if (groups.length !== want || !groups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return [...groups.map((g) => BigInt(parseInt(g, 16))), ...tail].reduce((acc, g) => (acc << 16n) | g, 0n);
}
