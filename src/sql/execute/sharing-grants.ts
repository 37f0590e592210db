import type { RequestContext } from "../../context";
import { LakewardError, invalidArgument } from "../../errors";
import { getRecipientSharePermissions, getSharePermissions, updateSharePermissions } from "../../sharing/shares/permissions";
import { updateShare } from "../../sharing/shares/shares";
import { findSecurable } from "../../catalog/rows";
import { updateRecipient } from "../../sharing/recipients/recipients";
import type { AlterRename, Grant, Revoke, ShowGrants } from "../ast";
import { normalizeName } from "../names";
import { EMPTY_RESULT, stringResult, type ResultSet } from "./result";
import { qualify, type Session } from "./session";
import type { StatementHandler, StatementHandlers } from "./registry";

/** Whether GRANT/REVOKE/SHOW GRANTS is about share access (handled here, not by governance.ts). */
export const isShareGrant = (stmt: Grant | Revoke) => stmt.securable.type === "share" || stmt.principals.some((p) => p.type === "recipient");
export const isShareShowGrants = (stmt: ShowGrants) => stmt.securable?.type === "share" || stmt.principal?.type === "recipient";

/**
 * `GRANT SELECT ON SHARE s TO RECIPIENT r` / REVOKE (uc-semantics §2-3): shares are granted to
 * recipients only, and only SELECT. `TO r` without the RECIPIENT keyword is read as a
 * recipient too, since no principal can hold a share.
 */
export async function executeShareGrant(ctx: RequestContext, _s: Session, stmt: Grant | Revoke): Promise<ResultSet> {
  if (stmt.securable.type !== "share") throw invalidArgument("A recipient can only be granted SELECT ON SHARE.");
  const privileges = stmt.privileges.map((p) => p.name as string);
  if (privileges.some((p) => p !== "SELECT")) throw invalidArgument(`Privilege ${privileges.find((p) => p !== "SELECT")} is not valid on a share; valid: SELECT.`);
  for (const p of stmt.principals) {
    if (p.type !== "recipient" && !(await findSecurable(ctx.services.db, "recipient", p.name.toLowerCase()))) {
      throw invalidArgument(`'${p.name}' is not a recipient: shares are granted to recipients (GRANT SELECT ON SHARE s TO RECIPIENT r).`);
    }
  }
  const key = stmt.kind === "Grant" ? "add" : "remove";
  await updateSharePermissions({ ctx, name: qualify({}, stmt.securable.name, 1), changes: stmt.principals.map((p) => ({ principal: p.name.toLowerCase(), [key]: ["SELECT"] })) });
  return EMPTY_RESULT;
}

const COLUMNS = ["principal", "ActionType", "ObjectType", "ObjectKey"];

/** SHOW GRANTS ON SHARE s [for one recipient] / SHOW GRANTS TO RECIPIENT r. */
export async function executeShowShareGrants(ctx: RequestContext, _s: Session, stmt: ShowGrants): Promise<ResultSet> {
  if (!stmt.securable) {
    const out = await getRecipientSharePermissions({ ctx, name: stmt.principal!.name.toLowerCase() });
    return stringResult(COLUMNS, out.permissions_out.flatMap((p) => p.privilege_assignments.flatMap((a) => a.privileges.map((priv) => [a.principal, priv, "SHARE", p.share_name]))));
  }
  if (stmt.securable.type !== "share") throw invalidArgument("Recipients only hold grants on shares: use SHOW GRANTS TO RECIPIENT r.");
  const share = qualify({}, stmt.securable.name, 1);
  const only = stmt.principal?.name.toLowerCase();
  const out = await getSharePermissions({ ctx, name: share });
  return stringResult(COLUMNS, out.privilege_assignments.filter((a) => only === undefined || a.principal === only).flatMap((a) => a.privileges.map((p) => [a.principal, p, "SHARE", share])));
}

/**
 * ALTER SHARE / ALTER RECIPIENT ... RENAME TO. Other types' renames belong to their modules:
 * they go to `fallback` (the handler registered before this one), so neither module
 * overrides the other whatever the merge order.
 */
export function shareRenameHandlers(fallback?: StatementHandler<"AlterRename">): StatementHandlers {
  const alterRename = async (ctx: RequestContext, session: Session, stmt: AlterRename): Promise<ResultSet> => {
    const name = qualify({}, stmt.securable.name, 1);
    const newName = normalizeName(stmt.newName).join(".");
    if (stmt.securable.type === "share") await updateShare({ ctx, name, input: { new_name: newName } });
    else if (stmt.securable.type === "recipient") await updateRecipient({ ctx, name, input: { new_name: newName } });
    else if (fallback) return fallback(ctx, session, stmt);
    else throw new LakewardError("UNIMPLEMENTED", `ALTER ${stmt.securable.type.replace(/_/g, " ").toUpperCase()} ... RENAME TO is not supported yet.`);
    return EMPTY_RESULT;
  };
  return { AlterRename: alterRename };
}
