import type { CreateFunction, FunctionParameter } from "../nodes/functions";
import type { Token } from "../tokens";
import { parseIdentifier, parseIfNotExists, parseName, parseParenList, parseString } from "./basics";
import { parseClauses } from "./clauses";
import type { Parser } from "./cursor";
import { parseDataType } from "./datatype";
import { NAME_PARTS } from "./securables";
import type { CreateModifiers } from "./tables";

/**
 * `CREATE [OR REPLACE] [TEMPORARY] FUNCTION` after FUNCTION:
 * `[IF NOT EXISTS] name ([param, ...]) RETURNS type [characteristics] RETURN body`.
 * The body is kept as raw text; the engine parses it when the function is used.
 */
export function parseCreateFunction(p: Parser, first: Token, mods: CreateModifiers): CreateFunction {
  const ifNotExists = parseIfNotExists(p);
  const name = parseName(p, NAME_PARTS.function);
  const parameters = parseParenList(p, () => parseParameter(p), true);
  p.expect("RETURNS");
  const returns = parseDataType(p);
  const stmt: Omit<CreateFunction, "body"> = {
    kind: "CreateFunction", orReplace: mods.orReplace, temporary: mods.temporary, ifNotExists,
    name, parameters, returns, span: p.spanFrom(first),
  };
  parseClauses(p, [
    { keywords: ["LANGUAGE", "SQL"], parse: () => (stmt.language = "sql") },
    { keywords: ["DETERMINISTIC"], group: "det", parse: () => (stmt.deterministic = true) },
    { keywords: ["NOT", "DETERMINISTIC"], group: "det", parse: () => (stmt.deterministic = false) },
    { keywords: ["COMMENT"], parse: () => (stmt.comment = parseString(p)) },
    { keywords: ["CONTAINS", "SQL"], group: "data", parse: () => (stmt.dataAccess = "contains_sql") },
    {
      keywords: ["READS", "SQL", "DATA"], group: "data",
      parse: () => (stmt.dataAccess = "reads_sql_data"),
    },
  ]);
  p.expect("RETURN");
  const body = p.takeRaw();
  if (!body) p.fail("expression");
  return { ...stmt, body, span: p.spanFrom(first) };
}

/** `name TYPE [DEFAULT expr] [COMMENT 'x']`; the default runs to the next `,`, `)` or COMMENT. */
function parseParameter(p: Parser): FunctionParameter {
  const first = p.current;
  const name = parseIdentifier(p);
  const type = parseDataType(p);
  const param: FunctionParameter = { name, type, span: p.spanFrom(first) };
  if (p.accept("DEFAULT")) {
    const expr = p.takeRaw((t) => (t.kind === "punct" && t.text === ",") || t.upper === "COMMENT");
    if (!expr) p.fail("expression");
    param.default = expr;
  }
  if (p.accept("COMMENT")) param.comment = parseString(p);
  param.span = p.spanFrom(first);
  return param;
}
