import type { PrinterMap } from "./types";
import { ident, list, name, words } from "./format";

/** Statements around raw query text, which is printed exactly as it was written. */
export const queryPrinters: PrinterMap<"Query" | "Insert" | "Explain"> = {
  Query: (s) => s.sql,
  Insert: (s) =>
    words(
      s.overwrite ? "INSERT OVERWRITE TABLE" : "INSERT INTO", name(s.table),
      s.columns && list(s.columns.map(ident)), s.query.sql,
    ),
  Explain: (s) => words("EXPLAIN", s.mode?.toUpperCase(), s.statement.sql),
};
