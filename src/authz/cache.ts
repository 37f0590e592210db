import { inArray, sql } from "drizzle-orm";
import type { Db } from "../db/types";
import { queryRows } from "../db/rows";
import type { Clock } from "../clock";
import { grants } from "../../schema/index";
import { LruMap } from "./lru";
import type { SecurableNode, SecurableType } from "./securables";

/** A principal's group closure: ids (itself included) and group names (for is_member()). */
export interface Closure {
  ids: ReadonlySet<string>;
  groupNames: ReadonlySet<string>;
}

export interface GrantEntry {
  principalId: string;
  privilege: string;
}

/** Name of the built-in group every user and service principal belongs to (uc-semantics §2). */
export const ACCOUNT_USERS = "account users";

/** How long a hole in the change feed may stay open before it is presumed rolled back. */
const FEED_GAP_TIMEOUT_MS = 30_000;

/**
 * Per-replica memory of the securable tree, grants by securable and group closures, kept
 * honest by the `authz_changes` feed: before acting on cached data a replica reads the rows
 * appended since its cursor (at most every `freshnessMs`) and forgets exactly what they name.
 * The replica that made a change forces that read on its next check, so its own revokes hold
 * at once. Loading is by id (index lookups), so cost does not grow with the grant count.
 */
export class AuthzCache {
  private readonly nodes: LruMap<string, SecurableNode>;
  private readonly grantsBySecurable: LruMap<string, GrantEntry[]>;
  private readonly closures: LruMap<string, Closure>;
  private cursor: number | undefined;
  /** Feed rows above the cursor already applied: the cursor waits below a gap (see readChanges). */
  private readonly applied = new Set<number>();
  private gapSince: number | undefined;
  private lastSync = Number.NEGATIVE_INFINITY;
  private syncing: Promise<void> | undefined;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly freshnessMs: number,
    capacity = 200_000,
  ) {
    this.nodes = new LruMap(capacity);
    this.grantsBySecurable = new LruMap(capacity);
    this.closures = new LruMap(Math.max(1000, capacity / 10));
  }

  /** Brings the cache up to date with the change feed if it may be stale. */
  async refresh(): Promise<void> {
    if (this.clock.now() - this.lastSync < this.freshnessMs) return;
    this.syncing ??= this.readChanges().finally(() => (this.syncing = undefined));
    await this.syncing;
  }

  /** Called after this replica commits an authorization change. */
  markStale(): void {
    this.lastSync = Number.NEGATIVE_INFINITY;
  }

  private async readChanges(): Promise<void> {
    const startedAt = this.clock.now();
    if (this.cursor === undefined) {
      // Start below the recent rows: one of them may still hide a hole that commits later.
      const [row] = await queryRows<{ seq: string | number }>(
        this.db,
        sql`select seq from authz_changes where at < ${startedAt - FEED_GAP_TIMEOUT_MS} order by seq desc limit 1`,
      );
      this.cursor = Number(row?.seq ?? 0);
      this.lastSync = startedAt;
      return;
    }
    const limit = 5000;
    const rows = await queryRows<{ seq: string | number; securable_id: string | null; principal_id: string | null }>(
      this.db,
      sql`select seq, securable_id, principal_id from authz_changes where seq > ${this.cursor} order by seq limit ${limit}`,
    );
    if (rows.length === limit) this.clear();
    for (const row of rows) {
      const seq = Number(row.seq);
      if (this.applied.has(seq)) continue;
      this.applied.add(seq);
      if (row.securable_id === null && row.principal_id === null) this.clear();
      if (row.securable_id) {
        this.nodes.delete(row.securable_id);
        this.grantsBySecurable.delete(row.securable_id);
      }
      // Membership can change the closure of everyone below a group: drop them all.
      if (row.principal_id) this.closures.clear();
    }
    this.advanceCursor(startedAt);
    this.lastSync = startedAt;
  }

  /**
   * Sequence numbers are drawn at insert, not at commit, so a transaction holding a lower seq
   * can commit after a higher one was read. The cursor therefore only moves over seqs seen
   * without a hole; a hole is waited for (rows above it are re-read but applied once) until
   * FEED_GAP_TIMEOUT_MS, after which it is taken for a rolled-back transaction.
   */
  private advanceCursor(now: number): void {
    let cursor = this.cursor!;
    const step = () => {
      while (this.applied.delete(cursor + 1)) cursor++;
    };
    step();
    if (this.applied.size === 0) this.gapSince = undefined;
    else if (this.gapSince === undefined) this.gapSince = now;
    else if (now - this.gapSince > FEED_GAP_TIMEOUT_MS) {
      cursor = Math.min(...this.applied) - 1;
      step();
      this.gapSince = this.applied.size === 0 ? undefined : now;
    }
    this.cursor = cursor;
  }

  private clear(): void {
    this.nodes.clear();
    this.grantsBySecurable.clear();
    this.closures.clear();
  }

  /** Seeds nodes read by a verb's own query, saving a round trip. */
  primeNodes(nodes: readonly SecurableNode[]): void {
    for (const node of nodes) this.nodes.set(node.id, node);
  }

  /** The securable and its ancestors up to the metastore, nearest first. */
  async chain(id: string): Promise<SecurableNode[]> {
    const chain: SecurableNode[] = [];
    let next: string | null = id;
    while (next) {
      const node = this.nodes.get(next);
      if (!node) break;
      chain.push(node);
      next = node.parentId;
    }
    if (!next) return chain;
    const rows = await queryRows<{ id: string; type: string; parent_id: string | null; owner_id: string; full_name: string }>(
      this.db,
      sql`with recursive up as (
            select id, type, parent_id, owner_id, full_name, 0 as depth from securables where id = ${next}
            union all
            select s.id, s.type, s.parent_id, s.owner_id, s.full_name, up.depth + 1
              from securables s join up on s.id = up.parent_id)
          select id, type, parent_id, owner_id, full_name from up order by depth`,
    );
    for (const r of rows) {
      const node: SecurableNode = { id: r.id, type: r.type as SecurableType, parentId: r.parent_id, ownerId: r.owner_id, fullName: r.full_name };
      this.nodes.set(node.id, node);
      chain.push(node);
    }
    return chain;
  }

  /** Grants on each of `ids`, loading the ones not in memory with one query. */
  async grantsOn(ids: readonly string[]): Promise<Map<string, GrantEntry[]>> {
    const out = new Map<string, GrantEntry[]>();
    const missing: string[] = [];
    for (const id of ids) {
      const cached = this.grantsBySecurable.get(id);
      if (cached) out.set(id, cached);
      else missing.push(id);
    }
    if (missing.length > 0) {
      const rows = await this.db
        .select({ securableId: grants.securableId, principalId: grants.principalId, privilege: grants.privilege })
        .from(grants)
        .where(inArray(grants.securableId, missing));
      for (const id of missing) out.set(id, []);
      for (const r of rows) out.get(r.securableId)!.push({ principalId: r.principalId, privilege: r.privilege });
      for (const id of missing) this.grantsBySecurable.set(id, out.get(id)!);
    }
    return out;
  }

  /** The group closure of a principal (itself, its groups, their groups ...). */
  async closure(principalId: string, kind: string): Promise<Closure> {
    const cached = this.closures.get(principalId);
    if (cached) return cached;
    const implicit = kind === "user" || kind === "service_principal";
    const rows = await queryRows<{ id: string; name: string; kind: string }>(
      this.db,
      sql`with recursive c(id) as (
            select ${principalId}::uuid
            union
            select id from principals where ${implicit} and kind = 'group' and name = ${ACCOUNT_USERS}
            union
            select gm.group_id from group_members gm join c on gm.member_id = c.id)
          select p.id, p.name, p.kind from principals p join c on c.id = p.id`,
    );
    const closure: Closure = {
      ids: new Set([principalId, ...rows.map((r) => r.id)]),
      groupNames: new Set(rows.filter((r) => r.kind === "group").map((r) => r.name)),
    };
    this.closures.set(principalId, closure);
    return closure;
  }
}
