import { mergeHandlers, type StatementHandlers } from "./registry";
import { executeAlterOwner, executeGrant, executeShowGrants } from "./governance";
import { namespaceHandlers } from "./namespace";
import { tableHandlers } from "./tables";
import { shareHandlers } from "./sharing-shares";
import { recipientHandlers } from "./sharing-recipients";
import { shareRenameHandlers } from "./sharing-grants";
import { storageCredentialHandlers } from "./storage-credentials";
import { externalLocationHandlers } from "./storage-locations";

/** The statements every runtime can run: governance, namespace and catalog metadata. */
export const governanceHandlers: StatementHandlers = mergeHandlers(
  { Grant: executeGrant, Revoke: executeGrant, ShowGrants: executeShowGrants, AlterOwner: executeAlterOwner },
  // Storage credentials and external locations (issue 7); listed early so that a module
  // handling AlterRename for every type can take it over.
  storageCredentialHandlers,
  externalLocationHandlers,
  namespaceHandlers,
  tableHandlers,
  // Delta Sharing (issue 8): shares, recipients; renames of other types pass through.
  shareRenameHandlers(externalLocationHandlers.AlterRename),
  shareHandlers,
  recipientHandlers,
);
