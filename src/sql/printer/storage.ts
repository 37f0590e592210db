import type { PrinterMap } from "./types";
import { name, opt, str, words } from "./format";

type Kinds =
  | "CreateStorageCredential" | "DropStorageCredential" | "CreateExternalLocation"
  | "AlterExternalLocationSetUrl" | "AlterExternalLocationSetCredential" | "DropExternalLocation";

/** Storage credentials and external locations. */
export const storagePrinters: PrinterMap<Kinds> = {
  CreateStorageCredential: (s) =>
    words(
      "CREATE STORAGE CREDENTIAL", s.ifNotExists && "IF NOT EXISTS", name(s.name),
      `WITH (AWS_IAM_ROLE ${str(s.awsIamRole)})`, opt("COMMENT", s.comment),
    ),
  DropStorageCredential: (s) =>
    words("DROP STORAGE CREDENTIAL", s.ifExists && "IF EXISTS", name(s.name), s.force && "FORCE"),
  CreateExternalLocation: (s) =>
    words(
      "CREATE EXTERNAL LOCATION", s.ifNotExists && "IF NOT EXISTS", name(s.name), "URL", str(s.url),
      `WITH (STORAGE CREDENTIAL ${name(s.credential)})`, opt("COMMENT", s.comment),
    ),
  AlterExternalLocationSetUrl: (s) =>
    words(`ALTER EXTERNAL LOCATION ${name(s.name)} SET URL ${str(s.url)}`, s.force && "FORCE"),
  AlterExternalLocationSetCredential: (s) =>
    `ALTER EXTERNAL LOCATION ${name(s.name)} SET STORAGE CREDENTIAL ${name(s.credential)}`,
  DropExternalLocation: (s) =>
    words("DROP EXTERNAL LOCATION", s.ifExists && "IF EXISTS", name(s.name), s.force && "FORCE"),
};
