import { mergeHandlers, type StatementHandlers } from "./registry";
import { executeAlterOwner, executeGrant, executeShowGrants } from "./governance";
import { namespaceHandlers } from "./namespace";
import { tableHandlers } from "./tables";

/** The statements every runtime can run: governance, namespace and catalog metadata. */
export const governanceHandlers: StatementHandlers = mergeHandlers(
  { Grant: executeGrant, Revoke: executeGrant, ShowGrants: executeShowGrants, AlterOwner: executeAlterOwner },
  namespaceHandlers,
  tableHandlers,
);
