import type { ColumnDefinition, ViewColumn } from "../nodes/tables";
import type { PrinterMap } from "./types";
import { dataType, ident, list, mask, name, opt, properties, rowFilter, words } from "./format";

type Kinds =
  | "CreateTable" | "CreateView" | "CreateVolume" | "DropTable" | "DropView" | "DropVolume"
  | "AlterTableSetRowFilter" | "AlterTableDropRowFilter" | "AlterTableSetProperties"
  | "AlterColumnSetMask" | "AlterColumnDropMask" | "AlterColumnComment";

function column(c: ColumnDefinition): string {
  return words(
    ident(c.name), dataType(c.type), c.notNull && "NOT NULL", opt("COMMENT", c.comment),
    c.mask && `MASK ${mask(c.mask)}`,
  );
}

function viewColumn(c: ViewColumn): string {
  return words(ident(c.name), opt("COMMENT", c.comment));
}

/** Tables, views, volumes, row filters and column masks. */
export const tablePrinters: PrinterMap<Kinds> = {
  CreateTable: (s) =>
    words(
      "CREATE", s.orReplace && "OR REPLACE", s.external && "EXTERNAL", "TABLE",
      s.ifNotExists && "IF NOT EXISTS", name(s.name), s.columns && list(s.columns.map(column)),
      s.using && `USING ${ident(s.using)}`,
      s.partitionedBy && `PARTITIONED BY ${list(s.partitionedBy.map(ident))}`,
      opt("LOCATION", s.location), opt("COMMENT", s.comment),
      s.properties && `TBLPROPERTIES ${properties(s.properties)}`,
      s.rowFilter && `WITH ROW FILTER ${rowFilter(s.rowFilter)}`,
      s.query && `AS ${s.query.sql}`,
    ),
  CreateView: (s) =>
    words(
      "CREATE", s.orReplace && "OR REPLACE", "VIEW", s.ifNotExists && "IF NOT EXISTS", name(s.name),
      s.columns && list(s.columns.map(viewColumn)), opt("COMMENT", s.comment), "AS", s.query.sql,
    ),
  CreateVolume: (s) =>
    words(
      "CREATE", s.external && "EXTERNAL", "VOLUME", s.ifNotExists && "IF NOT EXISTS", name(s.name),
      opt("LOCATION", s.location), opt("COMMENT", s.comment),
    ),
  DropTable: (s) => words("DROP TABLE", s.ifExists && "IF EXISTS", name(s.name)),
  DropView: (s) => words("DROP VIEW", s.ifExists && "IF EXISTS", name(s.name)),
  DropVolume: (s) => words("DROP VOLUME", s.ifExists && "IF EXISTS", name(s.name)),
  AlterTableSetRowFilter: (s) => `ALTER TABLE ${name(s.table)} SET ROW FILTER ${rowFilter(s.filter)}`,
  AlterTableDropRowFilter: (s) => `ALTER TABLE ${name(s.table)} DROP ROW FILTER`,
  AlterTableSetProperties: (s) => `ALTER TABLE ${name(s.table)} SET TBLPROPERTIES ${properties(s.properties)}`,
  AlterColumnSetMask: (s) =>
    `ALTER TABLE ${name(s.table)} ALTER COLUMN ${ident(s.column)} SET MASK ${mask(s.mask)}`,
  AlterColumnDropMask: (s) => `ALTER TABLE ${name(s.table)} ALTER COLUMN ${ident(s.column)} DROP MASK`,
  AlterColumnComment: (s) =>
    words(`ALTER TABLE ${name(s.table)} ALTER COLUMN ${ident(s.column)}`, opt("COMMENT", s.comment)),
};
