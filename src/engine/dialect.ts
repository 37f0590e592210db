import { tokenize } from "../sql/lexer";
import type { Token } from "../sql/tokens";
import { LakewardError } from "../errors";
import { isGroupMember, type QueryIdentity } from "./identity";
import { assertNotReserved, unsupported } from "./refusals";
import { REFUSED_PUNCT, TYPE_WORDS, membershipSql, sqlIdentifier, sqlString } from "./dialect-text";

/**
 * Databricks query text → the PostgreSQL-flavoured text node-sql-parser reads and DuckDB runs.
 *
 * Works on the governance lexer's tokens, so strings, backticks and comments follow Databricks'
 * rules (backslash escapes, `"..."` strings), and re-emits them in one unambiguous spelling:
 * identifiers as `"..."`, strings as `'...'` without backslashes. Identity functions become
 * literals here, before parsing, so nothing a user writes can stand in for them (issue 6 §4).
 * Qualified function calls (`main.sec.f(x)`), which the parser cannot read, become placeholder
 * names `__lwfn_<i>` whose real names are returned in `functions`.
 */
export interface NormalizedSql {
  text: string;
  /** Lower-cased name parts of each placeholder `__lwfn_<i>`. */
  functions: string[][];
}

/** Normalizes one query or expression; `identity` supplies the identity functions' values. */
export function normalizeSql(source: string, identity: QueryIdentity): NormalizedSql {
  const tokens = tokenize(source).filter((t) => t.kind !== "eof");
  const functions: string[][] = [];
  const text = new Emitter(tokens, identity, functions).run(0, tokens.length);
  return { text, functions };
}

class Emitter {
  private readonly frames: boolean[] = [];
  private pendingCast = false;
  private typeNext = false;

  constructor(
    private readonly tokens: Token[],
    private readonly identity: QueryIdentity,
    private readonly functions: string[][],
  ) {}

  /** Emits tokens [from, to) as text, keeping adjacency (so `::`, `<=`, `||` survive). */
  run(from: number, to: number): string {
    let out = "";
    let i = from;
    while (i < to) {
      const t = this.tokens[i]!;
      const gap = i > from && t.start > this.tokens[i - 1]!.end ? " " : "";
      const [text, next] = this.one(i, to);
      out += (out && (gap || t.kind === "string") ? " " : "") + text;
      i = next;
    }
    // Spark's bare forms: `TABLE t` and a top-level `VALUES (...), (...)`.
    if (from === 0 && /^\s*TABLE\s/i.test(out)) out = out.replace(/^\s*TABLE\s/i, "SELECT * FROM ");
    if (from === 0 && /^\s*VALUES\s*\(/i.test(out)) out = `SELECT * FROM (${out}) AS "__lw_values"`;
    return out;
  }

  /** Text for the construct starting at token i, and the index after it. */
  private one(i: number, to: number): [string, number] {
    const t = this.tokens[i]!;
    const next = this.tokens[i + 1];
    switch (t.kind) {
      case "string": {
        let value = t.value;
        let j = i + 1;
        // Adjacent literals concatenate, as in Spark.
        while (j < to && this.tokens[j]!.kind === "string") value += this.tokens[j++]!.value;
        return [sqlString(value), j];
      }
      case "number":
        if (next && next.start === t.end && (next.kind === "word" || next.kind === "quoted")) throw unsupported(`The literal '${t.text}${next.text}'`);
        return [t.text, i + 1];
      case "quoted":
      case "word":
        return this.name(i, to);
      case "punct":
        return this.punct(i, to);
      default:
        return ["", i + 1];
    }
  }

  private punct(i: number, to: number): [string, number] {
    const t = this.tokens[i]!;
    const refuse = REFUSED_PUNCT[t.text];
    if (refuse) throw refuse();
    if (t.text === ":") {
      const n = this.tokens[i + 1];
      if (!n || n.text !== ":" || n.start !== t.end || i + 1 >= to) throw unsupported("Named parameters (:name)");
      this.typeNext = true;
      return ["::", i + 2];
    }
    if (t.text === "(") {
      this.frames.push(this.pendingCast);
      this.pendingCast = false;
    } else if (t.text === ")") {
      this.frames.pop();
    }
    return [t.text, i + 1];
  }

  private name(i: number, to: number): [string, number] {
    const t = this.tokens[i]!;
    assertNotReserved(t.value);
    const afterDot = i > 0 && this.tokens[i - 1]!.text === ".";
    if (!afterDot) {
      const call = this.qualifiedCall(i, to);
      if (call) return call;
    }
    if (t.kind === "quoted") return [sqlIdentifier(t.value), i + 1];
    const upper = t.upper;
    if (this.typeNext) {
      this.typeNext = false;
      return [TYPE_WORDS[upper] ?? t.text, i + 1];
    }
    if (upper === "AS" && this.frames[this.frames.length - 1]) this.typeNext = true;
    if ((upper === "CAST" || upper === "TRY_CAST") && this.tokens[i + 1]?.text === "(") this.pendingCast = true;
    if (!afterDot && this.tokens[i + 1]?.text !== ".") {
      const special = this.identityCall(i, to);
      if (special) return special;
    }
    return [t.text, i + 1];
  }

  /** `a.b(` or `a.b.c(`: a catalog function, replaced by a placeholder name. */
  private qualifiedCall(i: number, to: number): [string, number] | undefined {
    const parts: string[] = [];
    let j = i;
    while (j < to && (this.tokens[j]!.kind === "word" || this.tokens[j]!.kind === "quoted")) {
      parts.push(this.tokens[j]!.value.toLowerCase());
      if (this.tokens[j + 1]?.text !== ".") break;
      j += 2;
    }
    if (parts.length < 2 || parts.length > 3 || this.tokens[j + 1]?.text !== "(") return undefined;
    for (const p of parts) assertNotReserved(p);
    this.functions.push(parts);
    return [`__lwfn_${this.functions.length - 1}`, j + 1];
  }

  /** current_user(), is_account_group_member('g') ... → literals of the querying principal. */
  private identityCall(i: number, to: number): [string, number] | undefined {
    const t = this.tokens[i]!;
    const name = t.upper;
    const open = this.tokens[i + 1]?.text === "(" ? i + 1 : -1;
    const close = open < 0 ? -1 : this.matching(open, to);
    const empty = open >= 0 && close === open + 1;
    const value = (sql: string): [string, number] => [sql, empty ? close + 1 : i + 1];
    switch (name) {
      case "CURRENT_USER":
      case "SESSION_USER":
        if (open >= 0 && !empty) throw unsupported(`${t.text}() with arguments`);
        return value(sqlString(this.identity.userName));
      case "CURRENT_CATALOG":
      case "CURRENT_SCHEMA":
      case "CURRENT_DATABASE": {
        if (!empty) return undefined;
        const v = name === "CURRENT_CATALOG" ? this.identity.catalog : this.identity.schema;
        return value(v === undefined ? "CAST(NULL AS VARCHAR)" : sqlString(v));
      }
      case "IS_ACCOUNT_GROUP_MEMBER":
      case "IS_MEMBER":
        if (open < 0) return undefined;
        return [this.membership(open + 1, close), close + 1];
      default:
        return undefined;
    }
  }

  /** Membership test for tokens (from, to): a constant for a literal, a list test otherwise. */
  private membership(from: number, to: number): string {
    const only = to - from === 1 ? this.tokens[from]! : undefined;
    if (only?.kind === "string") return isGroupMember(this.identity, only.value) ? "TRUE" : "FALSE";
    if (to <= from) throw unsupported("is_account_group_member() without a group name");
    return membershipSql(this.identity, new Emitter(this.tokens, this.identity, this.functions).run(from, to));
  }

  /** Index of the `)` matching the `(` at `open`. */
  private matching(open: number, to: number): number {
    let depth = 0;
    for (let j = open; j < to; j++) {
      const s = this.tokens[j]!.text;
      if (this.tokens[j]!.kind !== "punct") continue;
      if (s === "(") depth++;
      else if (s === ")" && --depth === 0) return j;
    }
    throw new LakewardError("INVALID_ARGUMENT", "[PARSE_SYNTAX_ERROR] Unbalanced parentheses in the query.");
  }
}

