import type { PrinterMap } from "./types";
import { name, principal, securable, words } from "./format";

/** GRANT, REVOKE, SHOW GRANTS, OWNER TO, RENAME TO. */
export const governancePrinters: PrinterMap<"Grant" | "Revoke" | "ShowGrants" | "AlterOwner" | "AlterRename"> = {
  Grant: (s) =>
    words(
      "GRANT", s.privileges.map((p) => p.name).join(", "), "ON", securable(s.securable),
      "TO", s.principals.map(principal).join(", "),
    ),
  Revoke: (s) =>
    words(
      "REVOKE", s.privileges.map((p) => p.name).join(", "), "ON", securable(s.securable),
      "FROM", s.principals.map(principal).join(", "),
    ),
  ShowGrants: (s) =>
    s.securable
      ? words("SHOW GRANTS", s.principal && principal(s.principal), "ON", securable(s.securable))
      : words("SHOW GRANTS TO", s.principal && principal(s.principal)),
  AlterOwner: (s) => words("ALTER", securable(s.securable), "OWNER TO", principal(s.owner)),
  AlterRename: (s) => words("ALTER", securable(s.securable), "RENAME TO", name(s.newName)),
};
