import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { OPERATIONS, type Operation } from "../../src/authz/operations";
import { isGrantable } from "../../src/authz/privileges";
import { SECURABLE_TYPES, type SecurableType } from "../../src/authz/securables";

/**
 * The format of policies/cases/*.json (issue 4 §2): a small world and the answers Unity Catalog
 * semantics demand in it. Securables are named by full name ("main.sales.orders"); the
 * metastore is "metastore". A schema's parent is the catalog named by its first part, an
 * object's parent the schema named by its first two parts, and top-level securables
 * (external locations, credentials, shares ...) hang off the metastore.
 */
const name = z.string().min(1);

const grantSchema = z.object({
  to: name,
  on: name,
  privileges: z.array(name).min(1),
  /** Set when the row could not be made by GRANT (the privilege does not apply to the type);
   *  such rows prove the evaluator ignores stray data. `why` says so. */
  raw: z.boolean().optional(),
  why: z.string().optional(),
});

const securableSchema = z.object({
  type: z.enum(SECURABLE_TYPES).exclude(["metastore"]),
  name,
  owner: name,
});

const checkSchema = z.object({
  principal: name,
  operation: z.string().refine((op) => op in OPERATIONS, { message: "unknown operation (see src/authz/operations.ts)" }),
  securable: name,
  allowed: z.boolean(),
  why: z.string().min(10),
});

const caseSchema = z.object({
  scenario: z.string().min(3),
  summary: z.string().min(10),
  world: z.object({
    users: z.array(name).default([]),
    servicePrincipals: z.array(name).default([]),
    /** Group name → direct members (users, service principals or groups). */
    groups: z.record(z.string(), z.array(name)).default({}),
    metastoreOwner: name,
    securables: z.array(securableSchema),
    grants: z.array(grantSchema).default([]),
  }),
  checks: z.array(checkSchema).min(1),
});

export type PolicyCase = z.infer<typeof caseSchema> & { file: string };
export type World = PolicyCase["world"];
export type Check = PolicyCase["checks"][number] & { operation: Operation };

/** Reads and validates every case file in `dir`, in name order. */
export function loadCases(dir: string): PolicyCase[] {
  const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
  return files.map((file) => {
    const parsed = caseSchema.safeParse(JSON.parse(readFileSync(join(dir, file), "utf8")));
    if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
    const policyCase = { ...parsed.data, file };
    crossCheck(policyCase);
    return policyCase;
  });
}

/** Catches typos that would otherwise make a check pass for the wrong reason. */
function crossCheck(c: PolicyCase): void {
  const fail = (msg: string): never => {
    throw new Error(`${c.file}: ${msg}`);
  };
  const principals = new Set(["account users", ...c.world.users, ...c.world.servicePrincipals, ...Object.keys(c.world.groups)]);
  const types = new Map<string, SecurableType>([["metastore", "metastore"]]);
  for (const s of c.world.securables) {
    if (types.has(s.name)) fail(`securable '${s.name}' is declared twice (full names must be unique across types)`);
    types.set(s.name, s.type);
    const parts = s.type === "schema" ? 2 : ["table", "volume", "function", "registered_model"].includes(s.type) ? 3 : 1;
    if (s.name.split(".").length !== parts) fail(`a ${s.type} is named with ${parts} part(s), not '${s.name}'`);
    if (!principals.has(s.owner)) fail(`owner '${s.owner}' of '${s.name}' is not a declared principal`);
  }
  if (!principals.has(c.world.metastoreOwner)) fail(`metastore owner '${c.world.metastoreOwner}' is not declared`);
  for (const [group, members] of Object.entries(c.world.groups)) {
    for (const m of members) if (!principals.has(m)) fail(`member '${m}' of group '${group}' is not declared`);
  }
  for (const g of c.world.grants) {
    const type = types.get(g.on) ?? fail(`grant on unknown securable '${g.on}'`);
    if (!principals.has(g.to)) fail(`grant to unknown principal '${g.to}'`);
    for (const p of g.privileges) {
      if (!g.raw && !isGrantable(type, p)) fail(`${p} is not grantable on a ${type} ('${g.on}'); mark the grant raw if meant`);
    }
    if (g.raw && !g.why) fail(`raw grant on '${g.on}' needs a why`);
  }
  for (const check of c.checks) {
    const type = types.get(check.securable) ?? fail(`check on unknown securable '${check.securable}'`);
    if (!principals.has(check.principal)) fail(`check by unknown principal '${check.principal}'`);
    if (!check.operation.startsWith(`${type}.`)) fail(`operation ${check.operation} does not act on a ${type} ('${check.securable}')`);
  }
}
