import { qualify, type Session } from "../sql/execute/session";
import type { QualifiedName } from "../sql/ast";

const NO_SPAN = { start: 0, end: 0, line: 1, column: 1 };

/**
 * Completes lower-cased name parts from a query with the session's catalog and schema, exactly
 * as governance statements do (`orders` → `main.sales.orders` after USE), so a two-part name
 * after USE CATALOG and a three-part name reach the same securable.
 */
export function qualifyParts(parts: readonly string[], session: Session): string {
  const name: QualifiedName = { span: NO_SPAN, parts: parts.map((value) => ({ value, quoted: false, span: NO_SPAN })) };
  return qualify(session, name, 3);
}
