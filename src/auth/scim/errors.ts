import { LakewardError, invalidArgument } from "../../errors";

/** RFC 7644 §3.12 `scimType` values Lakeward uses with 400 and 409. */
export type ScimType = "invalidFilter" | "invalidPath" | "invalidValue" | "invalidSyntax" | "noTarget" | "mutability" | "uniqueness";

/** A 400 with a SCIM detail type; other wire formats see an ordinary INVALID_ARGUMENT. */
export function scimInvalid(scimType: ScimType, message: string): LakewardError {
  return invalidArgument(message, { scimType });
}

/** 404 for a resource id that does not exist (or is of another type). */
export function scimNotFound(type: string, id: string): LakewardError {
  return new LakewardError("NOT_FOUND", `${type} ${id} not found.`);
}

/** 409 for a name already taken (names are unique across users, groups and service principals). */
export function scimConflict(message: string): LakewardError {
  return new LakewardError("ALREADY_EXISTS", message, { details: { scimType: "uniqueness" } });
}
