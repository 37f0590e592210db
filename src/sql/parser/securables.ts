import type { NamedSecurable, Securable, SecurableType } from "../nodes/common";
import { isIdentifierToken, parseName } from "./basics";
import type { Parser } from "./cursor";

/** How many name parts each securable takes (uc-semantics §1: catalog.schema.object). */
export const NAME_PARTS: Readonly<Record<Exclude<SecurableType, "metastore">, number>> = {
  catalog: 1,
  schema: 2,
  table: 3,
  view: 3,
  materialized_view: 3,
  volume: 3,
  function: 3,
  model: 3,
  external_location: 1,
  storage_credential: 1,
  connection: 1,
  share: 1,
  recipient: 1,
};

/** Keywords that introduce each securable type, in the order errors list them. */
const SECURABLE_KEYWORDS: ReadonlyArray<{ words: string[]; type: SecurableType }> = [
  { words: ["METASTORE"], type: "metastore" },
  { words: ["CATALOG"], type: "catalog" },
  { words: ["SCHEMA"], type: "schema" },
  { words: ["DATABASE"], type: "schema" },
  { words: ["TABLE"], type: "table" },
  { words: ["VIEW"], type: "view" },
  { words: ["MATERIALIZED", "VIEW"], type: "materialized_view" },
  { words: ["VOLUME"], type: "volume" },
  { words: ["FUNCTION"], type: "function" },
  { words: ["MODEL"], type: "model" },
  { words: ["EXTERNAL", "LOCATION"], type: "external_location" },
  { words: ["STORAGE", "CREDENTIAL"], type: "storage_credential" },
  { words: ["CONNECTION"], type: "connection" },
  { words: ["SHARE"], type: "share" },
  { words: ["RECIPIENT"], type: "recipient" },
];

/**
 * The object of GRANT / REVOKE / SHOW GRANTS: `METASTORE`, `<type> name`, or a bare name
 * (a table). A type keyword followed by `.` is read as the start of a bare name instead, so a
 * catalog called "catalog" still works in `catalog.s.t`.
 */
export function parseSecurable(p: Parser): Securable {
  const first = p.current;
  for (const { words, type } of SECURABLE_KEYWORDS) {
    if (!p.check(...words) || p.isPunct(".", words.length)) continue;
    p.expect(...words);
    if (type === "metastore") return { type, span: p.spanFrom(first) };
    return { type, name: parseName(p, NAME_PARTS[type]), span: p.spanFrom(first) };
  }
  if (!isIdentifierToken(p.current)) p.fail("identifier");
  return { type: "table", name: parseName(p, NAME_PARTS.table), span: p.spanFrom(first) };
}

/** `name` for a securable whose type keyword the caller already consumed. */
export function parseNamedSecurable(
  p: Parser,
  type: NamedSecurable["type"],
  first = p.current,
): NamedSecurable {
  const name = parseName(p, NAME_PARTS[type]);
  return { type, name, span: p.spanFrom(first) };
}
