import type { Statement } from "../ast";
import type { Token } from "../tokens";
import { parseCreateCatalog, parseCreateSchema } from "./catalogs";
import type { Parser } from "./cursor";
import { parseCreateFunction } from "./functions";
import { parseCreateRecipient } from "./recipients";
import { parseCreateShare } from "./shares";
import { parseCreateExternalLocation, parseCreateStorageCredential } from "./storage";
import { parseCreateTable, parseCreateView, parseCreateVolume, type CreateModifiers } from "./tables";

interface Target {
  words: string[];
  /** Which modifiers the object accepts; others make the keyword unavailable. */
  allows: Partial<Record<keyof CreateModifiers, true>>;
  parse: (p: Parser, first: Token, mods: CreateModifiers) => Statement;
}

/** CREATE targets in the order errors list them. */
const TARGETS: readonly Target[] = [
  { words: ["CATALOG"], allows: {}, parse: parseCreateCatalog },
  { words: ["SCHEMA"], allows: {}, parse: parseCreateSchema },
  { words: ["DATABASE"], allows: {}, parse: parseCreateSchema },
  { words: ["TABLE"], allows: { orReplace: true, external: true }, parse: parseCreateTable },
  { words: ["VIEW"], allows: { orReplace: true }, parse: parseCreateView },
  { words: ["VOLUME"], allows: { external: true }, parse: parseCreateVolume },
  { words: ["FUNCTION"], allows: { orReplace: true, temporary: true }, parse: parseCreateFunction },
  { words: ["STORAGE", "CREDENTIAL"], allows: {}, parse: parseCreateStorageCredential },
  { words: ["SHARE"], allows: {}, parse: parseCreateShare },
  { words: ["RECIPIENT"], allows: {}, parse: parseCreateRecipient },
];

/**
 * `CREATE [OR REPLACE] [TEMPORARY] [EXTERNAL] <object> ...`; CREATE consumed. Only objects
 * that accept the modifiers written are offered, so `CREATE OR REPLACE CATALOG` fails at
 * CATALOG with "expected TABLE, VIEW or FUNCTION".
 */
export function parseCreate(p: Parser, first: Token): Statement {
  const orReplace = p.accept("OR", "REPLACE");
  const temporary = p.accept("TEMPORARY");
  // EXTERNAL LOCATION is an object of its own, not EXTERNAL + something.
  if (!orReplace && !temporary && p.check("EXTERNAL", "LOCATION")) {
    p.expect("EXTERNAL", "LOCATION");
    return parseCreateExternalLocation(p, first);
  }
  const external = !temporary && p.accept("EXTERNAL");
  const mods: CreateModifiers = { orReplace, temporary, external };
  for (const target of TARGETS) {
    const allowed = (Object.keys(mods) as (keyof CreateModifiers)[]).every(
      (m) => !mods[m] || target.allows[m],
    );
    if (allowed && p.accept(...target.words)) return target.parse(p, first, mods);
  }
  p.fail();
}
