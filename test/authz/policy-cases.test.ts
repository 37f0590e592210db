/**
 * Runs policies/cases/*.json (issue 4 §2): each scenario's world is written into a fresh test
 * database and every check goes through the real Authorizer — cache, rules, casbin and
 * policies/model.conf — exactly as a verb would call it.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuthzCache } from "../../src/authz/cache";
import { Authorizer } from "../../src/authz/authorizer";
import { PrivilegeEnforcer } from "../../src/authz/enforcer";
import { applyMigrations } from "../../src/db/migrate";
import { systemClock } from "../../src/clock";
import type { DbHandle } from "../../src/db/types";
import { migrations } from "../../schema/migrations.gen";
import { createTestDb, testDatabaseKind } from "../support/db";
import { loadCases, type Check } from "./case-file";
import { buildWorld, type BuiltWorld } from "./world";

const casesDir = new URL("../../policies/cases/", import.meta.url).pathname;
const modelText = readFileSync(new URL("../../policies/model.conf", import.meta.url), "utf8");
const cases = loadCases(casesDir);

describe(`policy cases (${testDatabaseKind})`, () => {
  it("cover enough ground: at least 80 checks, both outcomes, in several scenarios", () => {
    const checks = cases.flatMap((c) => c.checks);
    expect(cases.length).toBeGreaterThanOrEqual(8);
    expect(checks.length).toBeGreaterThanOrEqual(80);
    expect(checks.filter((c) => c.allowed).length).toBeGreaterThanOrEqual(30);
    expect(checks.filter((c) => !c.allowed).length).toBeGreaterThanOrEqual(30);
  });
});

for (const policyCase of cases) {
  describe(`${policyCase.file}: ${policyCase.scenario}`, () => {
    let handle: DbHandle;
    let world: BuiltWorld;
    let authorizer: Authorizer;

    beforeAll(async () => {
      handle = await createTestDb();
      await applyMigrations(handle.db, migrations);
      world = await buildWorld(handle.db, policyCase.world, systemClock.now());
      authorizer = new Authorizer(new AuthzCache(handle.db, systemClock, 1000), await PrivilegeEnforcer.create(modelText));
    });
    afterAll(() => handle?.close());

    for (const check of policyCase.checks as Check[]) {
      it(`${check.principal} ${check.allowed ? "may" : "may not"} ${check.operation} on ${check.securable}`, async () => {
        const principal = world.principals.get(check.principal)!;
        const closure = await authorizer.cache.closure(principal.id, principal.kind);
        const caller = { id: principal.id, name: check.principal, closure };
        const verdict = await authorizer.check(caller, check.operation, world.securables.get(check.securable)!);
        expect(verdict.allowed, check.why).toBe(check.allowed);
      });
    }
  });
}
