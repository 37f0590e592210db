import type { AlterOwner, AlterRename } from "../nodes/governance";
import type {
  AlterExternalLocationSetCredential, AlterExternalLocationSetUrl, CreateExternalLocation,
  CreateStorageCredential,
} from "../nodes/storage";
import type { QualifiedName } from "../nodes/common";
import type { Token } from "../tokens";
import { parseIfNotExists, parseName, parseString } from "./basics";
import { parseClauses } from "./clauses";
import type { Parser } from "./cursor";
import { parseOwnerOrRename } from "./ownership";
import { NAME_PARTS } from "./securables";

/**
 * `CREATE STORAGE CREDENTIAL` after the keywords:
 * `[IF NOT EXISTS] name WITH (AWS_IAM_ROLE [=] 'arn') [COMMENT 'x']`, clauses in any order.
 */
export function parseCreateStorageCredential(p: Parser, first: Token): CreateStorageCredential {
  const ifNotExists = parseIfNotExists(p);
  const name = parseName(p, NAME_PARTS.storage_credential);
  let awsIamRole: string | undefined;
  let comment: string | undefined;
  parseClauses(p, [
    {
      keywords: ["WITH"],
      parse: () => {
        p.expectPunct("(");
        p.expect("AWS_IAM_ROLE");
        p.acceptPunct("=");
        awsIamRole = parseString(p);
        p.expectPunct(")");
      },
    },
    { keywords: ["COMMENT"], parse: () => (comment = parseString(p)) },
  ]);
  if (awsIamRole === undefined) p.fail();
  p.expectEnd();
  return { kind: "CreateStorageCredential", ifNotExists, name, awsIamRole, comment, span: p.spanFrom(first) };
}

/**
 * `CREATE EXTERNAL LOCATION` after the keywords:
 * `[IF NOT EXISTS] name URL 'url' WITH (STORAGE CREDENTIAL cred) [COMMENT 'x']`, any order.
 */
export function parseCreateExternalLocation(p: Parser, first: Token): CreateExternalLocation {
  const ifNotExists = parseIfNotExists(p);
  const name = parseName(p, NAME_PARTS.external_location);
  let url: string | undefined;
  let credential: QualifiedName | undefined;
  let comment: string | undefined;
  parseClauses(p, [
    { keywords: ["URL"], parse: () => (url = parseString(p)) },
    {
      keywords: ["WITH"],
      parse: () => {
        p.expectPunct("(");
        p.expect("STORAGE", "CREDENTIAL");
        credential = parseName(p, NAME_PARTS.storage_credential);
        p.expectPunct(")");
      },
    },
    { keywords: ["COMMENT"], parse: () => (comment = parseString(p)) },
  ]);
  // Both are required; the clauses still missing were noted above, so the error lists them.
  if (url === undefined || credential === undefined) p.fail();
  p.expectEnd();
  return {
    kind: "CreateExternalLocation", ifNotExists, name, url, credential, comment, span: p.spanFrom(first),
  };
}

/**
 * `ALTER EXTERNAL LOCATION name` + `SET URL 'url' [FORCE]` | `SET STORAGE CREDENTIAL c` |
 * `RENAME TO n` | `[SET] OWNER TO p`.
 */
export function parseAlterExternalLocation(
  p: Parser,
  first: Token,
  typeStart: Token,
): AlterExternalLocationSetUrl | AlterExternalLocationSetCredential | AlterOwner | AlterRename {
  const name = parseName(p, NAME_PARTS.external_location);
  if (p.accept("SET", "URL")) {
    const url = parseString(p);
    const force = p.accept("FORCE");
    p.expectEnd();
    return { kind: "AlterExternalLocationSetUrl", name, url, force, span: p.spanFrom(first) };
  }
  if (p.accept("SET", "STORAGE", "CREDENTIAL")) {
    const credential = parseName(p, NAME_PARTS.storage_credential);
    p.expectEnd();
    return { kind: "AlterExternalLocationSetCredential", name, credential, span: p.spanFrom(first) };
  }
  const securable = { type: "external_location" as const, name, span: p.spanFrom(typeStart) };
  return parseOwnerOrRename(p, first, securable, true);
}
