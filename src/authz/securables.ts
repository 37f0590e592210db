import { LakewardError, type ErrorCode } from "../errors";
/**
 * Securable types as the permissions API names them (lowercase, uc-oss §2.8), plus the
 * Databricks-only ones (share, recipient, connection). `credential` is OSS's name for a
 * storage credential.
 */
export const SECURABLE_TYPES = [
  "metastore",
  "catalog",
  "schema",
  "table",
  "volume",
  "function",
  "registered_model",
  "external_location",
  "credential",
  "share",
  "recipient",
  "connection",
] as const;
export type SecurableType = (typeof SECURABLE_TYPES)[number];

/** What authorization needs to know about one securable. */
export interface SecurableNode {
  id: string;
  type: SecurableType;
  parentId: string | null;
  ownerId: string;
  fullName: string;
}

/** Human label used in messages: "Table 'main.sales.orders'". */
export function describeSecurable(node: Pick<SecurableNode, "type" | "fullName">): string {
  const label = node.type === "credential" ? "Storage credential" : node.type.replace(/_/g, " ");
  return `${label.charAt(0).toUpperCase()}${label.slice(1)} '${node.fullName}'`;
}

const NOT_FOUND_CODES = {
  catalog: "CATALOG_NOT_FOUND",
  schema: "SCHEMA_NOT_FOUND",
  table: "TABLE_NOT_FOUND",
} as const;

/**
 * The error for a securable that does not exist — or that the caller may not see, which must
 * look the same (DESIGN §4); `hidden` marks the latter for the audit log only.
 */
export function notFound(type: SecurableType, fullName: string, hidden = false): LakewardError {
  const code = (NOT_FOUND_CODES as Partial<Record<SecurableType, ErrorCode>>)[type] ?? "NOT_FOUND";
  const label = describeSecurable({ type, fullName }).replace(/ '.*$/, "");
  return new LakewardError(code, `${label} not found: ${fullName}`, { hiddenDenial: hidden });
}
