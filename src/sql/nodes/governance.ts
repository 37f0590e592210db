import type { NamedSecurable, Node, Principal, PrivilegeRef, QualifiedName, Securable } from "./common";

/** `GRANT priv, ... ON securable TO principal, ...` (uc-semantics §3). */
export interface Grant extends Node {
  kind: "Grant";
  privileges: PrivilegeRef[];
  securable: Securable;
  principals: Principal[];
}

/** `REVOKE priv, ... ON securable FROM principal, ...`. */
export interface Revoke extends Node {
  kind: "Revoke";
  privileges: PrivilegeRef[];
  securable: Securable;
  principals: Principal[];
}

/**
 * `SHOW GRANTS [principal] ON securable` (securable set, principal optional) or
 * `SHOW GRANTS TO principal` / `TO RECIPIENT r` (principal set, no securable).
 */
export interface ShowGrants extends Node {
  kind: "ShowGrants";
  principal?: Principal;
  securable?: Securable;
}

/** `ALTER <type> name [SET] OWNER TO principal`, for every type that has an owner. */
export interface AlterOwner extends Node {
  kind: "AlterOwner";
  securable: NamedSecurable;
  owner: Principal;
}

/**
 * `ALTER <type> name RENAME TO new_name` for tables, views, volumes, external locations,
 * storage credentials, shares and recipients.
 */
export interface AlterRename extends Node {
  kind: "AlterRename";
  securable: NamedSecurable;
  newName: QualifiedName;
}
