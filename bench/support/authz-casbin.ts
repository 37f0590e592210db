/**
 * The baseline of bench/authz-checks.ts: authorization the way Unity Catalog OSS does it
 * (uc-oss §3.2) — one casbin enforcer holding every grant as a policy line, `g` for
 * group → member, `g2` for parent → child, casbin's default in-memory role manager — and the
 * per-endpoint expressions of uc-oss §3.3 as chains of enforce calls.
 */
import { newEnforcer, newModelFromString, type Adapter, type Enforcer, type Model } from "casbin";
import type postgres from "postgres";
import type { PlannedCheck } from "./authz-plan";

// UC OSS's jcasbin_auth_model.conf (uc-oss §3.2), unchanged.
const UC_OSS_MODEL = `
[request_definition]
r = sub, obj, act

[policy_definition]
p = sub, obj, act

[role_definition]
g = _, _
g2 = _, _

[policy_effect]
e = some(where (p.eft == allow))

[matchers]
m = (r.act != 'OWNER' && p.act == r.act && g(p.sub, r.sub) && g2(p.obj, r.obj)) || (r.act == 'OWNER' && p.act == 'OWNER' && g(p.sub, r.sub) && r.obj == p.obj)
`;

export interface CasbinBaseline {
  enforcer: Enforcer;
  /** Policy lines (p) and role links (g + g2) loaded. */
  policies: number;
  links: number;
  /** Building the enforcer from rows already in memory: policies plus role links. */
  loadSeconds: number;
}

/**
 * Rows straight from the database into the model, as UC OSS's JDBCAdapter.loadPolicy does at
 * start-up. (Not `addPolicies`: node-casbin checks each added rule for duplicates with a linear
 * scan of the policy, so loading 131k lines that way took over 200 s here and 1M would take
 * hours. The enforcer ends up in the same state either way.)
 */
class RowsAdapter implements Adapter {
  constructor(private readonly rows: { p: string[][]; g: string[][]; g2: string[][] }) {}
  async loadPolicy(model: Model): Promise<void> {
    for (const [sec, key, lines] of [["p", "p", this.rows.p], ["g", "g", this.rows.g], ["g", "g2", this.rows.g2]] as const) {
      const assertion = model.model.get(sec)!.get(key)!;
      for (const line of lines) assertion.policy.push(line);
    }
  }
  async savePolicy(): Promise<boolean> {
    return false;
  }
  async addPolicy(): Promise<void> {}
  async removePolicy(): Promise<void> {}
  async removeFilteredPolicy(): Promise<void> {}
}

/**
 * Loads every grant, the metastore's OWNER line (UC stores ownership as OWNER lines; the bench
 * world's other owner is the admin, whose lines would only lengthen the scan), every
 * membership (`account users` included, as UC has no implicit group) and every hierarchy edge,
 * then builds the role links once.
 */
export async function loadCasbinBaseline(sql: postgres.Sql): Promise<CasbinBaseline> {
  const grants = await sql<{ s: string; p: string; a: string }[]>`select principal_id as p, securable_id as s, privilege as a from grants`;
  const p: string[][] = grants.map((r) => [r.p, r.s, r.a]);
  const [metastore] = await sql<{ id: string; owner_id: string }[]>`select id, owner_id from securables where type = 'metastore'`;
  p.push([metastore!.owner_id, metastore!.id, "OWNER"]);
  // g(p.sub, r.sub) must hold when p.sub is a group containing r.sub: link group → member.
  const members = await sql<{ g: string; m: string }[]>`
    select group_id as g, member_id as m from group_members
    union all
    select au.id, u.id from principals au, principals u where au.name = 'account users' and u.kind <> 'group'`;
  // UC writes g2 edges catalog → schema → object only (no metastore → catalog edge).
  const edges = await sql<{ p: string; c: string }[]>`
    select s.parent_id as p, s.id as c from securables s join securables parent on parent.id = s.parent_id
    where parent.type <> 'metastore'`;
  const started = performance.now();
  const adapter = new RowsAdapter({ p, g: members.map((r) => [r.g, r.m]), g2: edges.map((r) => [r.p, r.c]) });
  const enforcer = await newEnforcer(newModelFromString(UC_OSS_MODEL), adapter);
  return { enforcer, policies: p.length, links: members.length + edges.length, loadSeconds: (performance.now() - started) / 1000 };
}

/** The uc-oss §3.3 expression closest to each benchmarked operation. */
export function casbinDecide(b: CasbinBaseline, ids: Map<string, string>, userId: string, check: PlannedCheck): boolean {
  const e = (name: string, act: string) => b.enforcer.enforceSync(userId, ids.get(name)!, act);
  const C = check.catalog;
  const S = check.schema;
  const T = check.table ?? "";
  const cUse = () => e(C, "OWNER") || e(C, "USE CATALOG");
  const sUse = () => e(S, "OWNER") || e(S, "USE SCHEMA");
  switch (check.operation) {
    case "table.select": // vend table credentials, READ
      return sUse() && cUse() && (e(T, "OWNER") || e(T, "SELECT"));
    case "table.read": // read table metadata
      return (
        e("metastore", "OWNER") || e(C, "OWNER") || (e(S, "OWNER") && e(C, "USE CATALOG")) ||
        (e(S, "USE SCHEMA") && e(C, "USE CATALOG") && (e(T, "OWNER") || e(T, "SELECT") || e(T, "MODIFY")))
      );
    case "schema.createTable":
      return cUse() && (e(S, "OWNER") || (e(S, "USE SCHEMA") && e(S, "CREATE TABLE")));
    case "table.manage": // grant on a table
      return (
        e("metastore", "OWNER") || e(C, "OWNER") || (e(C, "USE CATALOG") && e(S, "OWNER")) ||
        (e(C, "USE CATALOG") && e(S, "USE SCHEMA") && e(T, "OWNER"))
      );
  }
}
