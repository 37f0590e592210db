import type { QualifiedName } from "../nodes/common";
import type { PrinterMap } from "./types";
import { name, opt, words } from "./format";

type Kinds =
  | "ShowCatalogs" | "ShowSchemas" | "ShowTables" | "ShowVolumes" | "ShowFunctions"
  | "ShowStorageCredentials" | "ShowExternalLocations" | "ShowShares" | "ShowAllInShare"
  | "ShowRecipients" | "DescribeTable" | "DescribeFunction" | "DescribeCatalog" | "DescribeSchema"
  | "DescribeStorageCredential" | "DescribeExternalLocation" | "DescribeShare" | "DescribeRecipient";

function listing(what: string, s: { in?: QualifiedName; pattern?: string }): string {
  return words(`SHOW ${what}`, s.in && `IN ${name(s.in)}`, opt("LIKE", s.pattern));
}

/** SHOW and DESCRIBE. */
export const sessionPrinters: PrinterMap<Kinds> = {
  ShowCatalogs: (s) => words("SHOW CATALOGS", opt("LIKE", s.pattern)),
  ShowSchemas: (s) => listing("SCHEMAS", s),
  ShowTables: (s) => listing("TABLES", s),
  ShowVolumes: (s) => listing("VOLUMES", s),
  ShowFunctions: (s) => listing("FUNCTIONS", s),
  ShowStorageCredentials: () => "SHOW STORAGE CREDENTIALS",
  ShowExternalLocations: () => "SHOW EXTERNAL LOCATIONS",
  ShowShares: () => "SHOW SHARES",
  ShowAllInShare: (s) => `SHOW ALL IN SHARE ${name(s.share)}`,
  ShowRecipients: () => "SHOW RECIPIENTS",
  DescribeTable: (s) => words("DESCRIBE TABLE", s.extended && "EXTENDED", name(s.name)),
  DescribeFunction: (s) => words("DESCRIBE FUNCTION", s.extended && "EXTENDED", name(s.name)),
  DescribeCatalog: (s) => words("DESCRIBE CATALOG", s.extended && "EXTENDED", name(s.name)),
  DescribeSchema: (s) => words("DESCRIBE SCHEMA", s.extended && "EXTENDED", name(s.name)),
  DescribeStorageCredential: (s) => `DESCRIBE STORAGE CREDENTIAL ${name(s.name)}`,
  DescribeExternalLocation: (s) => `DESCRIBE EXTERNAL LOCATION ${name(s.name)}`,
  DescribeShare: (s) => `DESCRIBE SHARE ${name(s.name)}`,
  DescribeRecipient: (s) => `DESCRIBE RECIPIENT ${name(s.name)}`,
};
