/**
 * The data set of bench/authz-checks.ts, built with set-based SQL in a fresh database:
 * a metastore, 10 catalogs × 100 schemas × 100 tables (100k tables), 10k principals of which
 * 200 groups in 40 chains nested 5 deep (user ∈ G(k,1) ⊂ G(k,2) ⊂ … ⊂ G(k,5)), each user in
 * two chains. Each chain holds a realistic few grants (USE CATALOG, USE SCHEMA, SELECT,
 * CREATE TABLE, MODIFY); the rest of the grant count is filler spread over the tables.
 */
import postgres from "postgres";

export const CATALOGS = 10;
export const SCHEMAS_PER_CATALOG = 100;
export const TABLES_PER_SCHEMA = 100;
export const TABLES = CATALOGS * SCHEMAS_PER_CATALOG * TABLES_PER_SCHEMA;
export const PRINCIPALS = 10_000;
export const CHAINS = 40;
export const DEPTH = 5;
export const USERS = PRINCIPALS - CHAINS * DEPTH;
/** Schemas (index within the chain's catalog) a chain may use and read. */
export const chainCatalog = (k: number) => k % CATALOGS;
export const chainSchemas = (k: number) => [0, 1, 2, 3, 4].map((t) => (k * 7 + t * 13) % SCHEMAS_PER_CATALOG);
/** The two chains user u (0-based) belongs to. */
export const userChains = (u: number) => [u % CHAINS, (u * 7 + 3) % CHAINS].filter((k, i, a) => a.indexOf(k) === i);

export const tableName = (c: number, s: number, t: number) => `c${c}.s${s}.t${t}`;
export const schemaName = (c: number, s: number) => `c${c}.s${s}`;

/** Creates the shape (securables, principals, memberships, chain grants); returns chain grant count. */
export async function loadShape(sql: postgres.Sql): Promise<number> {
  await sql`insert into principals (id, kind, name, created_at, updated_at)
            select gen_random_uuid(), 'user', 'admin', 0, 0`;
  await sql`insert into principals (id, kind, name, created_at, updated_at)
            select gen_random_uuid(), 'group', 'account users', 0, 0`;
  await sql`insert into principals (id, kind, name, created_at, updated_at)
            select gen_random_uuid(), 'user', 'u' || i, 0, 0 from generate_series(0, ${USERS - 1}) i`;
  await sql`insert into principals (id, kind, name, created_at, updated_at)
            select gen_random_uuid(), 'group', 'g' || k || '_' || d, 0, 0
            from generate_series(0, ${CHAINS - 1}) k, generate_series(1, ${DEPTH}) d`;
  // G(k,d) is a member of G(k,d+1); users sit in G(k,1) of their two chains.
  await sql`insert into group_members (group_id, member_id)
            select up.id, down.id from generate_series(0, ${CHAINS - 1}) k cross join generate_series(1, ${DEPTH - 1}) d
            join principals down on down.name = 'g' || k || '_' || d
            join principals up on up.name = 'g' || k || '_' || (d + 1)`;
  await sql`insert into group_members (group_id, member_id)
            select distinct g.id, u.id from generate_series(0, ${USERS - 1}) i
            cross join lateral (values (i % ${CHAINS}), ((i * 7 + 3) % ${CHAINS})) as c(k)
            join principals u on u.name = 'u' || i
            join principals g on g.name = 'g' || c.k || '_1'`;

  const [admin] = await sql<{ id: string }[]>`select id from principals where name = 'admin'`;
  await sql`insert into securables (id, type, parent_id, name, full_name, owner_id, created_at, created_by)
            values (gen_random_uuid(), 'metastore', null, 'metastore', 'metastore', ${admin!.id}, 0, 'bench')`;
  await sql`insert into securables (id, type, parent_id, name, full_name, owner_id, created_at, created_by)
            select gen_random_uuid(), 'catalog', m.id, 'c' || i, 'c' || i, m.owner_id, 0, 'bench'
            from securables m, generate_series(0, ${CATALOGS - 1}) i where m.type = 'metastore'`;
  await sql`insert into securables (id, type, parent_id, name, full_name, owner_id, created_at, created_by)
            select gen_random_uuid(), 'schema', c.id, 's' || j, c.full_name || '.s' || j, c.owner_id, 0, 'bench'
            from securables c, generate_series(0, ${SCHEMAS_PER_CATALOG - 1}) j where c.type = 'catalog'`;
  await sql`insert into securables (id, type, parent_id, name, full_name, owner_id, created_at, created_by)
            select gen_random_uuid(), 'table', s.id, 't' || j, s.full_name || '.t' || j, s.owner_id, 0, 'bench'
            from securables s, generate_series(0, ${TABLES_PER_SCHEMA - 1}) j where s.type = 'schema'`;

  // Numbered views of tables and principals, for the filler's arithmetic.
  await sql`create table bench_tables as select (row_number() over (order by full_name) - 1)::int as n, id from securables where type = 'table'`;
  await sql`create unique index on bench_tables (n)`;
  await sql`create table bench_principals as select (row_number() over (order by name) - 1)::int as n, id from principals where name <> 'admin'`;
  await sql`create unique index on bench_principals (n)`;

  const chainGrants: { group: string; on: string; privilege: string }[] = [];
  for (let k = 0; k < CHAINS; k++) {
    const c = chainCatalog(k);
    const schemas = chainSchemas(k);
    chainGrants.push({ group: `g${k}_5`, on: `c${c}`, privilege: "USE CATALOG" });
    for (const s of schemas) {
      chainGrants.push({ group: `g${k}_4`, on: schemaName(c, s), privilege: "USE SCHEMA" });
      chainGrants.push({ group: `g${k}_3`, on: schemaName(c, s), privilege: "SELECT" });
    }
    chainGrants.push({ group: `g${k}_2`, on: schemaName(c, schemas[0]!), privilege: "CREATE TABLE" });
    chainGrants.push({ group: `g${k}_1`, on: schemaName(c, schemas[1]!), privilege: "MODIFY" });
  }
  await sql`insert into grants (securable_id, principal_id, privilege, created_at, created_by)
            select s.id, p.id, x.privilege, 0, 'bench'
            from jsonb_to_recordset(${sql.json(chainGrants)}) as x("group" text, "on" text, privilege text)
            join principals p on p.name = x."group"
            join securables s on s.full_name = x."on" and s.type in ('catalog', 'schema')`;
  return chainGrants.length;
}

const FILLER_PRIVILEGES = ["SELECT", "MODIFY", "APPLY TAG", "MANAGE"];

/**
 * Adds filler grants number `from` to `to - 1`. Grant i lands on table (i mod 100k)·7919 (a
 * permutation) for principal ((i mod 100k)·104729 + ⌊i / 100k⌋·1237) mod 10k, so all 1M are
 * distinct and spread evenly; ~1 in 50 goes to a group.
 */
export async function addFiller(sql: postgres.Sql, from: number, to: number): Promise<void> {
  if (to <= from) return;
  await sql`insert into grants (securable_id, principal_id, privilege, created_at, created_by)
            select t.id, p.id, (${FILLER_PRIVILEGES}::text[])[1 + (i / ${TABLES}) % 4], 0, 'bench'
            from generate_series(${from}::int, ${to - 1}::int) i
            join bench_tables t on t.n = ((i % ${TABLES})::bigint * 7919 % ${TABLES})::int
            join bench_principals p on p.n = (((i % ${TABLES})::bigint * 104729 + (i / ${TABLES}) * 1237) % ${PRINCIPALS})::int
            on conflict do nothing`;
  await sql`analyze grants`;
}

/** Ids by name for the securables and principals the checks use. */
export async function idsByName(sql: postgres.Sql): Promise<{ securables: Map<string, string>; principals: Map<string, string> }> {
  const securables = new Map((await sql<{ full_name: string; id: string }[]>`select full_name, id from securables`).map((r) => [r.full_name, r.id]));
  const principals = new Map((await sql<{ name: string; id: string }[]>`select name, id from principals`).map((r) => [r.name, r.id]));
  return { securables, principals };
}
