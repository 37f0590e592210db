import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { startTestApp, type TestApp } from "../support/app";
import { uc, type ApiClient } from "../support/client";
import { addGroupMembers } from "../support/groups";
import { groupMembers } from "../../schema/index";
import { recordAuthzChange } from "../../src/authz/changes";
import { rows, sorted } from "./helpers";

/**
 * Policy functions end to end (issue 6 §4): row filters and masks asking `current_user()`,
 * `session_user()` and `is_member('g')` about the querying principal, masks taking other
 * columns through `USING COLUMNS`, and DROP MASK / DROP ROW FILTER restoring plain reads.
 *
 * main.p.tickets: owned by the admin; ann and bob (bob in group `support`) may SELECT it.
 */
let t: TestApp;
type User = Awaited<ReturnType<TestApp["user"]>>;
let ann: User;
let bob: User;
let supportId = "";

const TICKETS = [
  ["1", "ann@example.com", "s-1", "gold", "t1"],
  ["2", "bob@example.com", "s-2", "basic", "t2"],
  ["3", "ann@example.com", "s-3", "basic", "t3"],
  ["4", "carl@example.com", "s-4", "gold", "t4"],
];

beforeAll(async () => {
  t = await startTestApp();
  ann = await t.user("ann@example.com");
  bob = await t.user("bob@example.com");
  supportId = await t.group("support", [bob.principalId]);
  await rows(t.admin, `CREATE CATALOG main; CREATE SCHEMA main.p; USE CATALOG main; USE SCHEMA p;
    CREATE TABLE tickets (id BIGINT, author STRING, secret STRING, tier STRING, body STRING);
    INSERT INTO tickets VALUES ${TICKETS.map(([id, a, s, tier, b]) => `(${id}, '${a}', '${s}', '${tier}', '${b}')`).join(", ")};
    GRANT USE CATALOG ON CATALOG main TO \`account users\`;
    GRANT USE SCHEMA ON SCHEMA main.p TO \`account users\`;
    GRANT SELECT ON TABLE tickets TO \`ann@example.com\`, \`bob@example.com\``);
}, 120_000);
afterAll(() => t.close());

/** Takes a member out of a group directly in the database, as SCIM would. */
async function removeGroupMember(groupId: string, memberId: string): Promise<void> {
  await t.services.db.delete(groupMembers).where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.memberId, memberId)));
  await recordAuthzChange(t.services.db, { principalId: memberId }, t.services.clock.now());
  t.services.authz.cache.markStale();
}

const read = (c: ApiClient, cols = "*") => rows(c, `SELECT ${cols} FROM main.p.tickets ORDER BY id`);
const admin = (s: string) => rows(t.admin, `USE CATALOG main; USE SCHEMA p; ${s}`);

describe("identity functions inside policies answer for the querying principal", () => {
  it("a row filter on current_user() shows each reader only its own rows", async () => {
    await admin(`CREATE FUNCTION own_rows(a STRING) RETURNS BOOLEAN RETURN a = current_user();
      ALTER TABLE tickets SET ROW FILTER own_rows ON (author)`);
    expect(await read(ann, "id")).toEqual([["1"], ["3"]]);
    expect(await read(bob, "id")).toEqual([["2"]]);
    // The filter applies to the owner too, and the owner has no rows of its own.
    expect(await read(t.admin, "id")).toEqual([]);
    await admin("ALTER TABLE tickets DROP ROW FILTER");
  });

  it("a mask on session_user() shows a value only to the principal it names", async () => {
    await admin(`CREATE FUNCTION own_secret(s STRING, a STRING) RETURNS STRING RETURN IF(a = session_user(), s, 'hidden');
      ALTER TABLE tickets ALTER COLUMN secret SET MASK own_secret USING COLUMNS (author)`);
    expect(await read(ann, "id, secret")).toEqual([["1", "s-1"], ["2", "hidden"], ["3", "s-3"], ["4", "hidden"]]);
    expect(await read(bob, "id, secret")).toEqual([["1", "hidden"], ["2", "s-2"], ["3", "hidden"], ["4", "hidden"]]);
    await admin("ALTER TABLE tickets ALTER COLUMN secret DROP MASK");
  });

  it("is_member('g') in a row filter and in a mask separates a member from a non-member", async () => {
    await admin(`CREATE FUNCTION support_or_gold(tier STRING) RETURNS BOOLEAN RETURN is_member('support') OR tier = 'gold';
      CREATE FUNCTION support_body(b STRING) RETURNS STRING RETURN CASE WHEN is_member('support') THEN b ELSE 'redacted' END;
      ALTER TABLE tickets SET ROW FILTER support_or_gold ON (tier);
      ALTER TABLE tickets ALTER COLUMN body SET MASK support_body`);
    expect(await read(bob, "id, body")).toEqual([["1", "t1"], ["2", "t2"], ["3", "t3"], ["4", "t4"]]);
    expect(await read(ann, "id, body")).toEqual([["1", "redacted"], ["4", "redacted"]]);
    // Aggregates and predicates see the same per-principal answer.
    expect(await rows(ann, "SELECT count(*) FROM main.p.tickets WHERE body = 't4'")).toEqual([["0"]]);
    expect(await rows(bob, "SELECT count(*) FROM main.p.tickets WHERE body = 't4'")).toEqual([["1"]]);
    await admin("ALTER TABLE tickets DROP ROW FILTER; ALTER TABLE tickets ALTER COLUMN body DROP MASK");
    expect(await read(ann)).toEqual(TICKETS);
  });

  it("group membership is read per request: joining and leaving the group changes the answer", async () => {
    await admin(`CREATE FUNCTION support_only(tier STRING) RETURNS BOOLEAN RETURN is_member('support');
      ALTER TABLE tickets SET ROW FILTER support_only ON (tier)`);
    expect(await read(ann, "id")).toEqual([]);
    expect(await read(bob, "id")).toEqual([["1"], ["2"], ["3"], ["4"]]);
    await addGroupMembers(t.services, supportId, [ann.principalId]);
    expect(await read(ann, "id")).toEqual([["1"], ["2"], ["3"], ["4"]]);
    await removeGroupMember(supportId, ann.principalId);
    expect(await read(ann, "id")).toEqual([]);
    await admin("ALTER TABLE tickets DROP ROW FILTER");
  });
});

describe("SET MASK ... USING COLUMNS passes other columns to the mask", () => {
  it("the mask receives each row's tier, so the same reader sees different values per row", async () => {
    await admin(`CREATE FUNCTION tier_mask(s STRING, tier STRING) RETURNS STRING RETURN CASE WHEN tier = 'gold' THEN s ELSE concat('masked:', tier) END;
      ALTER TABLE tickets ALTER COLUMN secret SET MASK tier_mask USING COLUMNS (tier)`);
    const info = (await t.admin.get(uc("/tables/main.p.tickets"))).body;
    expect(info.columns.find((c: { name: string }) => c.name === "secret").mask).toEqual({ function_name: "main.p.tier_mask", using_column_names: ["tier"] });
    const expected = [["1", "s-1"], ["2", "masked:basic"], ["3", "masked:basic"], ["4", "s-4"]];
    expect(await read(ann, "id, secret")).toEqual(expected);
    expect(await read(bob, "id, secret")).toEqual(expected);
    // The masked value is what predicates and grouping see.
    expect(sorted(await rows(ann, "SELECT secret, count(*) FROM main.p.tickets GROUP BY secret"))).toEqual([["masked:basic", "2"], ["s-1", "1"], ["s-4", "1"]]);
    // The USING column itself is read in clear.
    expect(await read(ann, "tier")).toEqual([["gold"], ["basic"], ["basic"], ["gold"]]);
  });

  it("a mask using two columns and an identity function combines them per row and per principal", async () => {
    await admin(`CREATE FUNCTION tier_or_author(s STRING, tier STRING, a STRING) RETURNS STRING RETURN CASE WHEN tier = 'gold' OR a = current_user() THEN s ELSE '***' END;
      ALTER TABLE tickets ALTER COLUMN secret SET MASK tier_or_author USING COLUMNS (tier, author)`);
    expect(await read(ann, "id, secret")).toEqual([["1", "s-1"], ["2", "***"], ["3", "s-3"], ["4", "s-4"]]);
    expect(await read(bob, "id, secret")).toEqual([["1", "s-1"], ["2", "s-2"], ["3", "***"], ["4", "s-4"]]);
  });

  it("DROP MASK and DROP ROW FILTER restore plain reads", async () => {
    await admin(`CREATE FUNCTION gold_only(tier STRING) RETURNS BOOLEAN RETURN tier = 'gold';
      ALTER TABLE tickets SET ROW FILTER gold_only ON (tier)`);
    expect(await read(ann, "id, secret")).toEqual([["1", "s-1"], ["4", "s-4"]]);
    await admin("ALTER TABLE tickets ALTER COLUMN secret DROP MASK");
    expect(await read(ann, "id, secret")).toEqual([["1", "s-1"], ["4", "s-4"]]);
    await admin("ALTER TABLE tickets DROP ROW FILTER");
    expect(await read(ann)).toEqual(TICKETS);
    expect(await read(bob)).toEqual(TICKETS);
    const info = (await t.admin.get(uc("/tables/main.p.tickets"))).body;
    expect(info.row_filter ?? null).toBeNull();
    expect(info.columns.find((c: { name: string }) => c.name === "secret").mask ?? null).toBeNull();
  });
});
