import type { FunctionParameter } from "../nodes/functions";
import type { PrinterMap } from "./types";
import { dataType, ident, list, name, opt, words } from "./format";

function parameter(p: FunctionParameter): string {
  return words(ident(p.name), dataType(p.type), p.default && `DEFAULT ${p.default.sql}`, opt("COMMENT", p.comment));
}

/** CREATE FUNCTION and DROP FUNCTION. */
export const functionPrinters: PrinterMap<"CreateFunction" | "DropFunction"> = {
  CreateFunction: (s) =>
    words(
      "CREATE", s.orReplace && "OR REPLACE", s.temporary && "TEMPORARY", "FUNCTION",
      s.ifNotExists && "IF NOT EXISTS", name(s.name) + list(s.parameters.map(parameter)),
      "RETURNS", dataType(s.returns), s.language && "LANGUAGE SQL",
      s.deterministic !== undefined && (s.deterministic ? "DETERMINISTIC" : "NOT DETERMINISTIC"),
      opt("COMMENT", s.comment),
      s.dataAccess && (s.dataAccess === "contains_sql" ? "CONTAINS SQL" : "READS SQL DATA"),
      "RETURN", s.body.sql,
    ),
  DropFunction: (s) => words("DROP FUNCTION", s.ifExists && "IF EXISTS", name(s.name)),
};
