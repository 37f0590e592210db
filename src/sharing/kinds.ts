import type { Kind } from "../catalog/kinds";

/**
 * Shares and recipients are top-level securables (parent: the metastore), so the generic
 * get/list/update/delete verbs serve them with these kinds. Action names follow Unity
 * Catalog's audit log (uc-semantics §7: createShare, updateShare, createRecipient ...).
 */
export const SHARE: Kind = { type: "share", parts: 1, parentType: "metastore", alreadyExists: "RESOURCE_ALREADY_EXISTS", noun: "Share" };
export const RECIPIENT: Kind = { type: "recipient", parts: 1, parentType: "metastore", alreadyExists: "RESOURCE_ALREADY_EXISTS", noun: "Recipient" };
