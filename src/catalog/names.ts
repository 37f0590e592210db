import { invalidArgument } from "../errors";

/**
 * Securable names (uc-semantics §1): stored lowercase, unique per parent, at most 255
 * characters, and never containing a period, space, slash or control character.
 */
const FORBIDDEN = /[.\s/\u0000-\u001f\u007f]/;

/** Validates one name part and returns its stored (lowercase) form. */
export function normalizeName(field: string, value: string): string {
  if (value.length === 0) throw invalidArgument(`Invalid ${field}: must not be empty.`, { field });
  if (value.length > 255) throw invalidArgument(`Invalid ${field}: longer than 255 characters.`, { field });
  if (FORBIDDEN.test(value)) {
    throw invalidArgument(
      `Invalid ${field} '${printable(value)}': name cannot contain a period, space, forward-slash, or control characters.`,
      { field },
    );
  }
  return value.toLowerCase();
}

/** Splits and validates a dotted full name with exactly `parts` parts. */
export function parseFullName(field: string, fullName: string, parts: number): string[] {
  const split = fullName.split(".");
  if (split.length !== parts) {
    const shape = ["catalog", "schema", "name"].slice(3 - parts).join(".");
    throw invalidArgument(`Invalid ${field} '${printable(fullName)}': expected ${shape}.`, { field });
  }
  return split.map((p) => normalizeName(field, p));
}

/** Control characters rendered harmlessly in messages. */
function printable(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).slice(0, 300);
}
