/**
 * Two replicas' authorizers over one database: a revoke committed through the change feed must
 * hold on the other replica once its freshness window has passed (DESIGN §4: within a second),
 * whichever path the check takes and in whatever order concurrent transactions commit.
 */
import { readFileSync } from "node:fs";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grants } from "../../schema/index";
import { migrations } from "../../schema/migrations.gen";
import { AuthzCache } from "../../src/authz/cache";
import { Authorizer, type Caller } from "../../src/authz/authorizer";
import { PrivilegeEnforcer } from "../../src/authz/enforcer";
import { recordAuthzChange } from "../../src/authz/changes";
import { applyMigrations } from "../../src/db/migrate";
import type { Db, DbHandle } from "../../src/db/types";
import type { SecurableNode } from "../../src/authz/securables";
import { createTestDb, testDatabaseKind } from "../support/db";
import { buildWorld, type BuiltWorld } from "./world";

const modelText = readFileSync(new URL("../../policies/model.conf", import.meta.url), "utf8");
const FRESHNESS_MS = 1000;

let handle: DbHandle;
let world: BuiltWorld;
let now = 1_000_000;
const clock = { now: () => now };

async function replica(): Promise<Authorizer> {
  return new Authorizer(new AuthzCache(handle.db, clock, FRESHNESS_MS), await PrivilegeEnforcer.create(modelText));
}

async function callerOn(authorizer: Authorizer, name: string): Promise<Caller> {
  const p = world.principals.get(name)!;
  return { id: p.id, name, closure: await authorizer.cache.closure(p.id, p.kind) };
}

async function revoke(db: Db, catalog: string, principal: string): Promise<void> {
  const securableId = world.securables.get(catalog)!;
  await db.delete(grants).where(and(eq(grants.securableId, securableId), eq(grants.principalId, world.principals.get(principal)!.id)));
  await recordAuthzChange(db, { securableId }, now);
}

const catalogNode = (name: string, admin: string): SecurableNode => ({
  id: world.securables.get(name)!,
  type: "catalog",
  parentId: world.securables.get("metastore")!,
  ownerId: world.principals.get(admin)!.id,
  fullName: name,
});

beforeAll(async () => {
  handle = await createTestDb();
  await applyMigrations(handle.db, migrations);
  world = await buildWorld(
    handle.db,
    {
      users: ["admin", "alice"],
      servicePrincipals: [],
      groups: {},
      metastoreOwner: "admin",
      securables: ["c1", "c2", "c3", "c4", "c5", "c6"].map((name) => ({ type: "catalog" as const, name, owner: "admin" })),
      grants: ["c1", "c2", "c3", "c4", "c5", "c6"].map((on) => ({ to: "alice", on, privileges: ["USE CATALOG"] })),
    },
    now,
  );
});
afterAll(() => handle?.close());

describe(`authorization change feed across replicas (${testDatabaseKind})`, () => {
  it("a revoke made on one replica holds on another for check() after the freshness window", async () => {
    const b = await replica();
    const alice = await callerOn(b, "alice");
    expect((await b.check(alice, "catalog.read", world.securables.get("c1")!)).allowed).toBe(true);
    await revoke(handle.db, "c1", "alice");
    now += FRESHNESS_MS + 1;
    expect((await b.check(alice, "catalog.read", world.securables.get("c1")!)).allowed).toBe(false);
  });

  // Known bug, reported to the lead: Authorizer.filter() never calls cache.refresh(), so a
  // replica that only lists keeps serving revoked grants. Turn into `it` once fixed.
  it.fails("a revoke made on one replica holds on another for filter() (list endpoints)", async () => {
    const b = await replica();
    const alice = await callerOn(b, "alice");
    expect(await b.filter(alice, "catalog.read", [catalogNode("c2", "admin")])).toHaveLength(1);
    await revoke(handle.db, "c2", "alice");
    now += FRESHNESS_MS + 1;
    expect(await b.filter(alice, "catalog.read", [catalogNode("c2", "admin")])).toHaveLength(0);
  });

  // Feed sequence numbers are taken at insert time, not at commit: a transaction that took a
  // lower number can commit after a reader has already moved past a higher one.
  it.skipIf(testDatabaseKind !== "postgres")("does not lose a change committed after a later-numbered one", async () => {
    const b = await replica();
    const alice = await callerOn(b, "alice");
    expect((await b.check(alice, "catalog.read", world.securables.get("c3")!)).allowed).toBe(true);

    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let recorded!: () => void;
    const inserted = new Promise<void>((resolve) => (recorded = resolve));
    const slow = handle.db.transaction(async (tx) => {
      await revoke(tx as unknown as Db, "c3", "alice"); // takes the lower seq
      recorded();
      await held;
    });
    await inserted;
    await recordAuthzChange(handle.db, { securableId: world.securables.get("c4")! }, now); // higher seq, commits first
    now += FRESHNESS_MS + 1;
    await b.check(alice, "catalog.read", world.securables.get("c4")!); // the reader moves past it
    release();
    await slow;
    now += FRESHNESS_MS + 1;
    expect((await b.check(alice, "catalog.read", world.securables.get("c3")!)).allowed).toBe(false);
  });

  it("keeps applying later changes around a hole left by a rolled-back transaction", async () => {
    const b = await replica();
    const alice = await callerOn(b, "alice");
    const read = async (c: string) => (await b.check(alice, "catalog.read", world.securables.get(c)!)).allowed;
    expect([await read("c5"), await read("c6")]).toEqual([true, true]);
    await expect(
      handle.db.transaction(async (tx) => {
        await recordAuthzChange(tx as unknown as Db, { securableId: world.securables.get("c5")! }, now);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    await revoke(handle.db, "c5", "alice");
    now += FRESHNESS_MS + 1;
    expect(await read("c5")).toBe(false);
    now += 60_000; // long past the hole's timeout: the cursor moves on
    await read("c5");
    await revoke(handle.db, "c6", "alice");
    now += FRESHNESS_MS + 1;
    expect(await read("c6")).toBe(false);
  });
});
