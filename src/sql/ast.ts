/**
 * The governance SQL syntax tree: one node kind per statement form, a discriminated union on
 * `kind`. Node shapes live in `nodes/`, one file per statement family.
 */
import type { AlterOwner, AlterRename, Grant, Revoke, ShowGrants } from "./nodes/governance";
import type {
  CommentOn, CreateCatalog, CreateSchema, DropCatalog, DropSchema, UseCatalog, UseSchema,
} from "./nodes/catalogs";
import type {
  AlterColumnComment, AlterColumnDropMask, AlterColumnSetMask, AlterTableDropRowFilter,
  AlterTableSetProperties, AlterTableSetRowFilter, CreateTable, CreateView, CreateVolume,
  DropTable, DropView, DropVolume,
} from "./nodes/tables";
import type { CreateFunction, DropFunction } from "./nodes/functions";
import type {
  AlterExternalLocationSetCredential, AlterExternalLocationSetUrl, CreateExternalLocation,
  CreateStorageCredential, DropExternalLocation, DropStorageCredential,
} from "./nodes/storage";
import type {
  AlterRecipientSetProperties, AlterRecipientUnsetProperties, AlterShareAddSchema,
  AlterShareAddTable, AlterShareAddView, AlterShareRemoveSchema, AlterShareRemoveTable,
  AlterShareRemoveView, CreateRecipient, CreateShare, DropRecipient, DropShare,
} from "./nodes/sharing";
import type {
  DescribeCatalog, DescribeExternalLocation, DescribeFunction, DescribeRecipient,
  DescribeSchema, DescribeShare, DescribeStorageCredential, DescribeTable, ShowAllInShare,
  ShowCatalogs, ShowExternalLocations, ShowFunctions, ShowRecipients, ShowSchemas, ShowShares,
  ShowStorageCredentials, ShowTables, ShowVolumes,
} from "./nodes/session";
import type { Explain, Insert, Query } from "./nodes/query";

export type * from "./nodes/common";
export type * from "./nodes/datatype";
export type * from "./nodes/governance";
export type * from "./nodes/catalogs";
export type * from "./nodes/tables";
export type * from "./nodes/functions";
export type * from "./nodes/storage";
export type * from "./nodes/sharing";
export type * from "./nodes/session";
export type * from "./nodes/query";

/** Any parsed statement. */
export type Statement =
  // grants and ownership
  | Grant | Revoke | ShowGrants | AlterOwner | AlterRename
  // catalogs and schemas
  | CreateCatalog | CreateSchema | DropCatalog | DropSchema | CommentOn | UseCatalog | UseSchema
  // tables, views, volumes, row filters and masks
  | CreateTable | CreateView | CreateVolume | DropTable | DropView | DropVolume
  | AlterTableSetRowFilter | AlterTableDropRowFilter | AlterTableSetProperties
  | AlterColumnSetMask | AlterColumnDropMask | AlterColumnComment
  // functions
  | CreateFunction | DropFunction
  // storage credentials and external locations
  | CreateStorageCredential | DropStorageCredential | CreateExternalLocation
  | AlterExternalLocationSetUrl | AlterExternalLocationSetCredential | DropExternalLocation
  // Delta Sharing
  | CreateShare | DropShare | AlterShareAddTable | AlterShareRemoveTable | AlterShareAddSchema
  | AlterShareRemoveSchema | AlterShareAddView | AlterShareRemoveView | CreateRecipient
  | AlterRecipientSetProperties | AlterRecipientUnsetProperties | DropRecipient
  // SHOW and DESCRIBE
  | ShowCatalogs | ShowSchemas | ShowTables | ShowVolumes | ShowFunctions
  | ShowStorageCredentials | ShowExternalLocations | ShowShares | ShowAllInShare | ShowRecipients
  | DescribeTable | DescribeFunction | DescribeCatalog | DescribeSchema
  | DescribeStorageCredential | DescribeExternalLocation | DescribeShare | DescribeRecipient
  // query engine
  | Query | Insert | Explain;

/** The `kind` of every statement node. */
export type StatementKind = Statement["kind"];

/** The node type for one kind, e.g. `StatementOf<"Grant">`. */
export type StatementOf<K extends StatementKind> = Extract<Statement, { kind: K }>;
