import { scimInvalid, type ScimType } from "./errors";

/** A lexical token of a SCIM filter or PATCH path; `at` is its 0-based offset. */
export type Token = { type: "word" | "string" | "(" | ")" | "[" | "]"; text: string; value?: string; at: number };

/** Splits filter text into words, JSON-quoted strings and brackets. */
export function tokenize(text: string, errorType: ScimType): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) i++;
    else if ("()[]".includes(ch)) tokens.push({ type: ch as Token["type"], text: ch, at: i++ });
    else if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      if (j >= text.length) throw scimInvalid(errorType, `Unterminated string at position ${i + 1}.`);
      const raw = text.slice(i, j + 1);
      let value: string;
      try {
        value = JSON.parse(raw) as string;
      } catch {
        throw scimInvalid(errorType, `Invalid escape in string at position ${i + 1}.`);
      }
      tokens.push({ type: "string", text: raw, value, at: i });
      i = j + 1;
    } else {
      let j = i;
      while (j < text.length && !/[\s()[\]"]/.test(text[j]!)) j++;
      tokens.push({ type: "word", text: text.slice(i, j), at: i });
      i = j;
    }
  }
  return tokens;
}

