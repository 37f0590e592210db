import type { PrinterMap } from "./types";
import { list, name, opt, partitions, properties, str, words } from "./format";

type Kinds =
  | "CreateShare" | "DropShare" | "AlterShareAddTable" | "AlterShareRemoveTable"
  | "AlterShareAddSchema" | "AlterShareRemoveSchema" | "AlterShareAddView" | "AlterShareRemoveView"
  | "CreateRecipient" | "AlterRecipientSetProperties" | "AlterRecipientUnsetProperties" | "DropRecipient";

/** Shares and recipients (Delta Sharing, uc-semantics §5). */
export const sharingPrinters: PrinterMap<Kinds> = {
  CreateShare: (s) => words("CREATE SHARE", s.ifNotExists && "IF NOT EXISTS", name(s.name), opt("COMMENT", s.comment)),
  DropShare: (s) => words("DROP SHARE", s.ifExists && "IF EXISTS", name(s.name)),
  AlterShareAddTable: (s) =>
    words(
      `ALTER SHARE ${name(s.share)} ADD TABLE ${name(s.table)}`, opt("COMMENT", s.comment),
      s.partitions && `PARTITION ${partitions(s.partitions)}`, s.alias && `AS ${name(s.alias)}`,
      s.history !== undefined && (s.history ? "WITH HISTORY" : "WITHOUT HISTORY"),
    ),
  AlterShareRemoveTable: (s) => `ALTER SHARE ${name(s.share)} REMOVE TABLE ${name(s.table)}`,
  AlterShareAddSchema: (s) =>
    words(`ALTER SHARE ${name(s.share)} ADD SCHEMA ${name(s.schema)}`, opt("COMMENT", s.comment)),
  AlterShareRemoveSchema: (s) => `ALTER SHARE ${name(s.share)} REMOVE SCHEMA ${name(s.schema)}`,
  AlterShareAddView: (s) =>
    words(
      `ALTER SHARE ${name(s.share)} ADD VIEW ${name(s.view)}`, opt("COMMENT", s.comment),
      s.alias && `AS ${name(s.alias)}`,
    ),
  AlterShareRemoveView: (s) => `ALTER SHARE ${name(s.share)} REMOVE VIEW ${name(s.view)}`,
  CreateRecipient: (s) =>
    words(
      "CREATE RECIPIENT", s.ifNotExists && "IF NOT EXISTS", name(s.name), opt("USING ID", s.sharingId),
      opt("COMMENT", s.comment), s.properties && `PROPERTIES ${properties(s.properties)}`,
    ),
  AlterRecipientSetProperties: (s) => `ALTER RECIPIENT ${name(s.name)} SET PROPERTIES ${properties(s.properties)}`,
  AlterRecipientUnsetProperties: (s) => `ALTER RECIPIENT ${name(s.name)} UNSET PROPERTIES ${list(s.keys.map(str))}`,
  DropRecipient: (s) => words("DROP RECIPIENT", s.ifExists && "IF EXISTS", name(s.name)),
};
