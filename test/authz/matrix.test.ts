import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, desc, eq } from "drizzle-orm";
import { startTestApp, type TestApp } from "../support/app";
import { uc, type ApiClient } from "../support/client";
import { managedTable } from "../support/fixtures";
import { auditLog } from "../../schema/index";
import { findPrincipalByName } from "../../src/auth/principals";

/**
 * Issue 4 "Done when": each operation × each way of holding (or not holding) its privilege,
 * with allowed and denied paths asserted and denials audited. Every condition gets its own
 * catalog `c_<condition>` with schema `s` and table `t`, and its own user.
 */
let t: TestApp;
type User = ApiClient & { principalId: string };

const sql = async (statement: string) => {
  const res = await t.admin.post("/api/2.0/sql/statements", { statement });
  if (res.body.status.state !== "SUCCEEDED") throw new Error(`${statement}: ${JSON.stringify(res.body.status)}`);
};

/** The operations under test; `privilege` is what "granting it" means for the operation. */
const OPERATIONS = {
  getTable: { privilege: "SELECT", on: "table", run: (u: User, c: string) => u.get(uc(`/tables/${c}.s.t`)), action: "getTable" },
  listTables: {
    privilege: "SELECT",
    on: "table",
    run: async (u: User, c: string) => {
      const res = await u.get(uc(`/tables?catalog_name=${c}&schema_name=s`));
      // A list answers 200 either way: "allowed" means the table is in it.
      return { ...res, status: res.status === 200 && res.body.tables.some((x: any) => x.name === "t") ? 200 : res.status === 200 ? 404 : res.status };
    },
    action: "listTables",
  },
  createTable: { privilege: "CREATE TABLE", on: "schema", run: (u: User, c: string) => u.post(uc("/tables"), managedTable(c, "s", `n${Math.random().toString(36).slice(2, 8)}`)), action: "createTable" },
  updateTable: { privilege: "MANAGE", on: "table", run: (u: User, c: string) => u.patch(uc(`/tables/${c}.s.t`), { comment: "changed" }), action: "updateTable" },
  grantOnTable: {
    privilege: "MANAGE",
    on: "table",
    run: (u: User, c: string) => u.patch(uc(`/permissions/table/${c}.s.t`), { changes: [{ principal: "account users", add: ["SELECT"] }] }),
    action: "updatePermissions",
  },
  dropTable: { privilege: "MANAGE", on: "table", run: (u: User, c: string) => u.delete(uc(`/tables/${c}.s.t`)), action: "deleteTable" },
  readData: {
    privilege: "SELECT",
    on: "table",
    run: async (u: User, c: string) => {
      // Reading rows goes through the query engine; the statement API answers 200 with the
      // outcome in `status`, so map it back onto allowed / denied / hidden.
      const res = await u.post("/api/2.0/sql/statements", { statement: `SELECT count(*) AS n FROM ${c}.s.t` });
      const { state, error } = res.body.status;
      const status = state === "SUCCEEDED" ? 200 : error?.error_code === "PERMISSION_DENIED" ? 403 : error?.error_code === "NOT_FOUND" ? 404 : 500;
      return { ...res, status };
    },
    action: "executeStatement",
  },
} as const;
type Op = keyof typeof OPERATIONS;

interface Condition {
  /** Grants and ownership for the condition's user `u` in catalog `c` for operation `op`. */
  setup(c: string, u: string, op: Op): Promise<void>;
  /** Expected status per operation: 200 allowed, 403 denied, 404 hidden. */
  expect: Record<Op, 200 | 403 | 404>;
}

const use = (c: string, u: string) => sql(`GRANT USE CATALOG ON CATALOG ${c} TO \`${u}\`; GRANT USE SCHEMA ON SCHEMA ${c}.s TO \`${u}\``);
const grantOp = (c: string, who: string, op: Op) => {
  const { privilege, on } = OPERATIONS[op];
  return sql(`GRANT ${privilege} ON ${on === "table" ? `TABLE ${c}.s.t` : `SCHEMA ${c}.s`} TO \`${who}\``);
};
const all = (status: 200 | 403 | 404): Record<Op, 200 | 403 | 404> => Object.fromEntries(Object.keys(OPERATIONS).map((k) => [k, status])) as Record<Op, 200 | 403 | 404>;

const CONDITIONS: Record<string, Condition> = {
  noPrivilege: { setup: async () => {}, expect: all(404) },
  missingUseCatalog: {
    setup: async (c, u, op) => {
      await sql(`GRANT USE SCHEMA ON SCHEMA ${c}.s TO \`${u}\``);
      await grantOp(c, u, op);
    },
    expect: all(404),
  },
  missingUseSchema: {
    setup: async (c, u, op) => {
      await sql(`GRANT USE CATALOG ON CATALOG ${c} TO \`${u}\``);
      await grantOp(c, u, op);
    },
    expect: all(404),
  },
  grantedDirectly: { setup: async (c, u, op) => (await use(c, u), grantOp(c, u, op)), expect: all(200) },
  grantedToGroup: {
    setup: async (c, u, op) => {
      await t.group(`g_${c}_${op}`, [await idOf(u)]);
      await use(c, u);
      await grantOp(c, `g_${c}_${op}`, op);
    },
    expect: all(200),
  },
  grantedToNestedGroup: {
    setup: async (c, u, op) => {
      // u ∈ g3 ∈ g2 ∈ g1, and g1 holds the privilege.
      const g3 = await t.group(`g3_${c}_${op}`, [await idOf(u)]);
      const g2 = await t.group(`g2_${c}_${op}`, [g3]);
      await t.group(`g1_${c}_${op}`, [g2]);
      await use(c, u);
      await grantOp(c, `g1_${c}_${op}`, op);
    },
    expect: all(200),
  },
  inheritedFromCatalog: {
    setup: async (c, u, op) => (await use(c, u), sql(`GRANT ${OPERATIONS[op].privilege} ON CATALOG ${c} TO \`${u}\``)),
    expect: all(200),
  },
  revoked: {
    setup: async (c, u, op) => {
      await use(c, u);
      await grantOp(c, u, op);
      const { privilege, on } = OPERATIONS[op];
      await sql(`REVOKE ${privilege} ON ${on === "table" ? `TABLE ${c}.s.t` : `SCHEMA ${c}.s`} FROM \`${u}\``);
    },
    // The schema stays visible (USE SCHEMA), the table does not (no privilege on it).
    expect: { ...all(404), createTable: 403 },
  },
  owner: {
    setup: async (c, u) => {
      await use(c, u);
      await sql(`ALTER TABLE ${c}.s.t OWNER TO \`${u}\`; ALTER SCHEMA ${c}.s OWNER TO \`${u}\``);
    },
    expect: all(200),
  },
  groupOwner: {
    setup: async (c, u, op) => {
      await t.group(`owners_${c}_${op}`, [await idOf(u)]);
      await use(c, u);
      await sql(`ALTER TABLE ${c}.s.t OWNER TO \`owners_${c}_${op}\`; ALTER SCHEMA ${c}.s OWNER TO \`owners_${c}_${op}\``);
    },
    expect: all(200),
  },
  metastoreAdmin: {
    setup: async (_c, u, op) => {
      // A group owns the metastore: its members are metastore admins (no USE grants needed).
      // The bootstrap admin joins it too, so later setups keep working.
      const admin = await findPrincipalByName(t.services.db, "admin");
      await t.group(`admins_${op}`, [await idOf(u), admin!.id]);
      await setMetastoreOwner(`admins_${op}`);
    },
    // Admins manage everything but create tables only with CREATE TABLE, and read data only
    // with SELECT, like anyone else (uc-semantics §2).
    expect: { ...all(200), createTable: 403, readData: 403 },
  },
  manageOnly: {
    setup: async (c, u) => (await use(c, u), sql(`GRANT MANAGE ON TABLE ${c}.s.t TO \`${u}\`; GRANT MANAGE ON SCHEMA ${c}.s TO \`${u}\``)),
    // MANAGE lets one see, alter, grant and drop — and nothing else (no CREATE TABLE, no data).
    expect: { ...all(200), createTable: 403, readData: 403 },
  },
};

const ids = new Map<string, string>();
const idOf = async (name: string) => ids.get(name)!;
async function setMetastoreOwner(group: string) {
  const { securables, principals } = await import("../../schema/index");
  const [g] = await t.services.db.select().from(principals).where(eq(principals.name, group));
  await t.services.db.update(securables).set({ ownerId: g!.id }).where(eq(securables.type, "metastore"));
  const { recordAuthzChange } = await import("../../src/authz/changes");
  await recordAuthzChange(t.services.db, {}, Date.now());
  t.services.authz.cache.markStale();
}

beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

describe("authorization matrix", () => {
  const conditions = Object.entries(CONDITIONS).filter(([name]) => name !== "metastoreAdmin");
  for (const [condition, spec] of [...conditions, ["metastoreAdmin", CONDITIONS.metastoreAdmin!] as const]) {
    for (const op of Object.keys(OPERATIONS) as Op[]) {
      const expected = spec.expect[op];
      it(`${op} × ${condition} → ${expected === 200 ? "allowed" : expected === 403 ? "denied" : "hidden"}`, async () => {
        const c = `c_${condition}_${op}`.toLowerCase();
        const userName = `${condition}.${op}@example.com`.toLowerCase();
        await sql(`CREATE CATALOG ${c}; CREATE SCHEMA ${c}.s; CREATE TABLE ${c}.s.t (id INT)`);
        const user = await t.user(userName);
        ids.set(userName, user.principalId);
        await spec.setup(c, userName, op);
        const res = await OPERATIONS[op].run(user, c);
        expect(res.status, JSON.stringify(res.body)).toBe(expected);
        if (expected !== 200 && op !== "listTables") {
          const [event] = await t.services.db
            .select()
            .from(auditLog)
            .where(and(eq(auditLog.principalId, user.principalId), eq(auditLog.actionName, OPERATIONS[op].action)))
            .orderBy(desc(auditLog.seq))
            .limit(1);
          expect(event?.outcome).toBe("denied");
          // A statement answers 200 over HTTP; its audit row carries the statement's error.
          if (op === "readData") expect(event?.errorCode).toBe(expected === 403 ? "PERMISSION_DENIED" : "NOT_FOUND");
          else expect(event?.statusCode).toBe(expected);
        }
      });
    }
  }
});
