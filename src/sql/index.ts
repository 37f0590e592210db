/**
 * Lakeward's governance SQL dialect (DESIGN §6.8): a hand-written lexer and recursive-descent
 * parser for the Databricks Unity Catalog statements (GRANT, REVOKE, SHOW GRANTS, CREATE /
 * ALTER / DROP of catalogs, schemas, tables, volumes, functions, credentials, locations,
 * shares and recipients, row filters and masks, ...), a printer for round-trips, and a
 * statement splitter. Queries are captured as raw text for node-sql-parser. Web APIs only.
 * The grammar is described in docs/sql.md.
 */
export type * from "./ast";
export { SqlSyntaxError, END_OF_INPUT, type SqlSyntaxErrorInit } from "./errors";
export { parseStatement, parseStatements } from "./parse";
export { printStatement } from "./print";
export { splitStatements, type StatementSource } from "./split";
export { tokenize, unescapeString, type TokenizeOptions } from "./lexer";
export type { Token, TokenKind } from "./tokens";
export { RESERVED_WORDS, isReservedWord } from "./tokens";
export { PRIVILEGES, isPrivilege, normalizePrivilege, type PrivilegeName } from "./privileges";
export {
  formatIdentifier, formatName, needsQuoting, normalizeIdentifier, normalizeName, quoteIdentifier,
} from "./names";
export { PRIMITIVE_TYPES, renderTypeText } from "./datatypes";
export { stripSpans } from "./strip";
