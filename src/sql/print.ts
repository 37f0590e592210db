import type { Statement, StatementKind } from "./ast";
import { catalogPrinters } from "./printer/catalogs";
import { functionPrinters } from "./printer/functions";
import { governancePrinters } from "./printer/governance";
import { queryPrinters } from "./printer/query";
import { sessionPrinters } from "./printer/session";
import { sharingPrinters } from "./printer/sharing";
import { storagePrinters } from "./printer/storage";
import { tablePrinters } from "./printer/tables";
import type { PrinterMap } from "./printer/types";

// Typed as the full map, so a statement kind without a printer fails to compile.
const PRINTERS: PrinterMap<StatementKind> = {
  ...governancePrinters,
  ...catalogPrinters,
  ...tablePrinters,
  ...functionPrinters,
  ...storagePrinters,
  ...sharingPrinters,
  ...sessionPrinters,
  ...queryPrinters,
};

/**
 * Canonical SQL for a statement: upper-case keywords, single spaces, optional clauses in a
 * fixed order, names backticked only when needed (or when they were quoted), strings in
 * single quotes. Raw query text is emitted as written. Parsing the output gives back the same
 * tree (spans aside), which the test corpus checks for every statement.
 */
export function printStatement(stmt: Statement): string {
  const print = PRINTERS[stmt.kind] as (s: Statement) => string;
  return print(stmt);
}
