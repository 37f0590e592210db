import { scimInvalid, type ScimType } from "./errors";
import { tokenize, type Token } from "./filter-lexer";

/** An attribute path: optional schema URN, attribute and sub-attribute, names lowercased. */
export interface AttrPath {
  uri?: string;
  attr: string;
  sub?: string;
  /** The names as written, for storing attributes Lakeward does not know under the client's spelling. */
  raw?: { attr: string; sub?: string };
}

export type CompareOp = "eq" | "ne" | "co" | "sw" | "ew" | "gt" | "ge" | "lt" | "le";
export type FilterValue = string | number | boolean | null;

/** RFC 7644 §3.4.2.2 filter, parsed. */
export type Filter =
  | { kind: "and" | "or"; left: Filter; right: Filter }
  | { kind: "not"; filter: Filter }
  | { kind: "present"; path: AttrPath }
  | { kind: "compare"; op: CompareOp; path: AttrPath; value: FilterValue }
  | { kind: "valuePath"; path: AttrPath; filter: Filter };

const COMPARE_OPS = new Set(["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le"]);

/** Parses `[urn:...:]attr[.sub]`; URN-qualified names keep their URN (lowercased). */
export function parseAttrPath(text: string, errorType: ScimType = "invalidFilter"): AttrPath {
  let uri: string | undefined;
  let rest = text;
  if (/^urn:/i.test(text)) {
    const cut = text.lastIndexOf(":");
    uri = text.slice(0, cut).toLowerCase();
    rest = text.slice(cut + 1);
  }
  const parts = rest.split(".");
  if (parts.length > 2 || parts.some((p) => !/^[A-Za-z$][\w$-]*$/.test(p))) throw scimInvalid(errorType, `Invalid attribute path '${text}'.`);
  return { uri, attr: parts[0]!.toLowerCase(), sub: parts[1]?.toLowerCase(), raw: { attr: parts[0]!, sub: parts[1] } };
}

/** Recursive-descent parser: or < and < not/parentheses/attribute expressions. */
class Parser {
  private pos = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly errorType: ScimType,
  ) {}

  parseAll(): Filter {
    const filter = this.or();
    if (this.pos < this.tokens.length) this.fail("end of filter");
    return filter;
  }

  /** A PATCH path: attrPath, or valuePath with an optional `.sub` after `]`. */
  parsePath(): { path: AttrPath; filter?: Filter; sub?: string; rawSub?: string } {
    const head = this.expect("word");
    const path = parseAttrPath(head.text, this.errorType);
    if (this.peek()?.type !== "[") {
      if (this.pos < this.tokens.length) this.fail("end of path");
      return { path };
    }
    this.pos++;
    const filter = this.or();
    this.expect("]");
    let rawSub: string | undefined;
    const tail = this.peek();
    if (tail?.type === "word" && /^\.[A-Za-z$][\w$-]*$/.test(tail.text)) {
      rawSub = tail.text.slice(1);
      this.pos++;
    }
    if (this.pos < this.tokens.length) this.fail("end of path");
    return rawSub === undefined ? { path, filter } : { path, filter, sub: rawSub.toLowerCase(), rawSub };
  }

  private or(): Filter {
    let left = this.and();
    while (this.isWord("or")) {
      this.pos++;
      left = { kind: "or", left, right: this.and() };
    }
    return left;
  }

  private and(): Filter {
    let left = this.unary();
    while (this.isWord("and")) {
      this.pos++;
      left = { kind: "and", left, right: this.unary() };
    }
    return left;
  }

  private unary(): Filter {
    if (this.isWord("not")) {
      this.pos++;
      this.expect("(");
      const filter = this.or();
      this.expect(")");
      return { kind: "not", filter };
    }
    if (this.peek()?.type === "(") {
      this.pos++;
      const filter = this.or();
      this.expect(")");
      return filter;
    }
    const path = parseAttrPath(this.expect("word").text, this.errorType);
    if (this.peek()?.type === "[") {
      this.pos++;
      const filter = this.or();
      this.expect("]");
      return { kind: "valuePath", path, filter };
    }
    const op = this.expect("word").text.toLowerCase();
    if (op === "pr") return { kind: "present", path };
    if (!COMPARE_OPS.has(op)) throw scimInvalid(this.errorType, `Unknown operator '${op}'.`);
    return { kind: "compare", op: op as CompareOp, path, value: this.value() };
  }

  private value(): FilterValue {
    const token = this.peek();
    if (!token || (token.type !== "string" && token.type !== "word")) return this.fail("a value");
    this.pos++;
    if (token.type === "string") return token.value!;
    const word = token.text.toLowerCase();
    if (word === "true" || word === "false") return word === "true";
    if (word === "null") return null;
    if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(token.text)) return Number(token.text);
    return this.fail("a quoted string, number, true, false or null", token);
  }

  private isWord(word: string): boolean {
    const token = this.peek();
    return token?.type === "word" && token.text.toLowerCase() === word;
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private expect(type: Token["type"]): Token {
    const token = this.peek();
    if (!token || token.type !== type) return this.fail(type === "word" ? "an attribute or operator" : `'${type}'`);
    this.pos++;
    return token;
  }

  private fail(expected: string, token = this.peek()): never {
    const found = token ? `'${token.text.length > 40 ? token.text.slice(0, 40) + "…" : token.text}' at position ${token.at + 1}` : "end of input";
    throw scimInvalid(this.errorType, `Expected ${expected}, found ${found}.`);
  }
}

/** Parses a SCIM filter; errors are 400 invalidFilter saying what was expected and where. */
export function parseFilter(text: string): Filter {
  if (text.length > 4096) throw scimInvalid("invalidFilter", "Filter is too long.");
  const tokens = tokenize(text, "invalidFilter");
  if (tokens.length === 0) throw scimInvalid("invalidFilter", "Filter is empty.");
  return new Parser(tokens, "invalidFilter").parseAll();
}

/** Parses a PATCH `path` (RFC 7644 §3.5.2); errors are 400 invalidPath. */
export function parsePatchPath(text: string): { path: AttrPath; filter?: Filter; sub?: string; rawSub?: string } {
  const tokens = tokenize(text, "invalidPath");
  if (tokens.length === 0) throw scimInvalid("invalidPath", "Path is empty.");
  return new Parser(tokens, "invalidPath").parsePath();
}
