import type { Node, QualifiedName } from "./common";

/** `SHOW CATALOGS [[LIKE] 'pattern']`. */
export interface ShowCatalogs extends Node {
  kind: "ShowCatalogs";
  pattern?: string;
}

/** `SHOW {SCHEMAS|DATABASES} [{IN|FROM} c] [[LIKE] 'pattern']`. */
export interface ShowSchemas extends Node {
  kind: "ShowSchemas";
  in?: QualifiedName;
  pattern?: string;
}

/** `SHOW TABLES [{IN|FROM} [c.]s] [[LIKE] 'pattern']`. */
export interface ShowTables extends Node {
  kind: "ShowTables";
  in?: QualifiedName;
  pattern?: string;
}

/** `SHOW VOLUMES [{IN|FROM} [c.]s] [[LIKE] 'pattern']`. */
export interface ShowVolumes extends Node {
  kind: "ShowVolumes";
  in?: QualifiedName;
  pattern?: string;
}

/** `SHOW FUNCTIONS [{IN|FROM} [c.]s] [[LIKE] 'pattern']`. */
export interface ShowFunctions extends Node {
  kind: "ShowFunctions";
  in?: QualifiedName;
  pattern?: string;
}

/** `SHOW STORAGE CREDENTIALS`. */
export interface ShowStorageCredentials extends Node {
  kind: "ShowStorageCredentials";
}

/** `SHOW EXTERNAL LOCATIONS`. */
export interface ShowExternalLocations extends Node {
  kind: "ShowExternalLocations";
}

/** `SHOW SHARES`. */
export interface ShowShares extends Node {
  kind: "ShowShares";
}

/** `SHOW ALL IN SHARE s`. */
export interface ShowAllInShare extends Node {
  kind: "ShowAllInShare";
  share: QualifiedName;
}

/** `SHOW RECIPIENTS`. */
export interface ShowRecipients extends Node {
  kind: "ShowRecipients";
}

/** `DESCRIBE|DESC [TABLE] [EXTENDED] t`. */
export interface DescribeTable extends Node {
  kind: "DescribeTable";
  extended: boolean;
  name: QualifiedName;
}

/** `DESCRIBE FUNCTION [EXTENDED] f`. */
export interface DescribeFunction extends Node {
  kind: "DescribeFunction";
  extended: boolean;
  name: QualifiedName;
}

/** `DESCRIBE CATALOG [EXTENDED] c`. */
export interface DescribeCatalog extends Node {
  kind: "DescribeCatalog";
  extended: boolean;
  name: QualifiedName;
}

/** `DESCRIBE {SCHEMA|DATABASE} [EXTENDED] s`. */
export interface DescribeSchema extends Node {
  kind: "DescribeSchema";
  extended: boolean;
  name: QualifiedName;
}

/** `DESCRIBE STORAGE CREDENTIAL c`. */
export interface DescribeStorageCredential extends Node {
  kind: "DescribeStorageCredential";
  name: QualifiedName;
}

/** `DESCRIBE EXTERNAL LOCATION l`. */
export interface DescribeExternalLocation extends Node {
  kind: "DescribeExternalLocation";
  name: QualifiedName;
}

/** `DESCRIBE SHARE s`. */
export interface DescribeShare extends Node {
  kind: "DescribeShare";
  name: QualifiedName;
}

/** `DESCRIBE RECIPIENT r`. */
export interface DescribeRecipient extends Node {
  kind: "DescribeRecipient";
  name: QualifiedName;
}
