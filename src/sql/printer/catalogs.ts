import type { PrinterMap } from "./types";
import { ident, name, opt, properties, str, words } from "./format";

type Kinds = "CreateCatalog" | "CreateSchema" | "DropCatalog" | "DropSchema" | "CommentOn" | "UseCatalog" | "UseSchema";

/** Catalogs, schemas, COMMENT ON and USE. */
export const catalogPrinters: PrinterMap<Kinds> = {
  CreateCatalog: (s) =>
    words(
      "CREATE CATALOG", s.ifNotExists && "IF NOT EXISTS", name(s.name),
      opt("MANAGED LOCATION", s.managedLocation), opt("COMMENT", s.comment),
    ),
  CreateSchema: (s) =>
    words(
      "CREATE SCHEMA", s.ifNotExists && "IF NOT EXISTS", name(s.name),
      opt("MANAGED LOCATION", s.managedLocation), opt("COMMENT", s.comment),
      s.properties && `WITH DBPROPERTIES ${properties(s.properties)}`,
    ),
  DropCatalog: (s) =>
    words("DROP CATALOG", s.ifExists && "IF EXISTS", name(s.name), s.behavior?.toUpperCase()),
  DropSchema: (s) =>
    words("DROP SCHEMA", s.ifExists && "IF EXISTS", name(s.name), s.behavior?.toUpperCase()),
  CommentOn: (s) =>
    words(
      "COMMENT ON", s.target.toUpperCase(),
      s.column ? `${name(s.name)}.${ident(s.column)}` : name(s.name),
      "IS", s.comment === null ? "NULL" : str(s.comment),
    ),
  UseCatalog: (s) => `USE CATALOG ${name(s.name)}`,
  UseSchema: (s) => `USE SCHEMA ${name(s.name)}`,
};
