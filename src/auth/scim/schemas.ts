/** SCIM 2.0 schema and message URNs (RFC 7643, RFC 7644) and Databricks' service principal. */
export const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
export const GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const SERVICE_PRINCIPAL_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal";
export const ENTERPRISE_USER_SCHEMA = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
export const LIST_RESPONSE_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
export const PATCH_OP_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
export const ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

/** The three SCIM resource types and the principal kind behind each. */
export type ScimResourceType = "User" | "Group" | "ServicePrincipal";

export const KIND_OF: Record<ScimResourceType, "user" | "group" | "service_principal"> = {
  User: "user",
  Group: "group",
  ServicePrincipal: "service_principal",
};

export const SCHEMA_OF: Record<ScimResourceType, string> = {
  User: USER_SCHEMA,
  Group: GROUP_SCHEMA,
  ServicePrincipal: SERVICE_PRINCIPAL_SCHEMA,
};

/** SCIM resource type of a principal kind (for member and group references). */
export function resourceTypeOf(kind: string): ScimResourceType {
  return kind === "group" ? "Group" : kind === "service_principal" ? "ServicePrincipal" : "User";
}
