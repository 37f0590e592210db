import type { Identifier, QualifiedName } from "./nodes/common";
import { isReservedWord } from "./tokens";

/**
 * Lower-cased parts of a name, for lookups. Databricks compares names case-insensitively
 * whether or not they were quoted (uc-semantics §1), so quoted parts are lower-cased too.
 */
export function normalizeName(name: QualifiedName): string[] {
  return name.parts.map(normalizeIdentifier);
}

/** Lower-cased value of one name part. */
export function normalizeIdentifier(id: Identifier): string {
  return id.value.toLowerCase();
}

// Must match what the lexer reads as one word token (see lexer.ts WORD).
const PLAIN = /^[\p{L}_][\p{L}\p{N}_]*$/u;

/**
 * Whether `name` must be backticked to read back as the same identifier: it is not a plain
 * word (spaces, `-`, `@`, `.`, a leading digit, empty) or it is a reserved word.
 */
export function needsQuoting(name: string): boolean {
  return !PLAIN.test(name) || isReservedWord(name);
}

/** Wraps `name` in backticks, doubling any backtick inside. */
export function quoteIdentifier(name: string): string {
  return "`" + name.replaceAll("`", "``") + "`";
}

/** SQL text for one name part; a part that was quoted stays quoted. */
export function formatIdentifier(id: Identifier): string {
  return id.quoted || needsQuoting(id.value) ? quoteIdentifier(id.value) : id.value;
}

/** SQL text for a dotted name, e.g. `` main.`sales data`.t ``. */
export function formatName(name: QualifiedName): string {
  return name.parts.map(formatIdentifier).join(".");
}
