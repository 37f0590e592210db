import { permissionDenied } from "../errors";
import type { AuthzCache, Closure } from "./cache";
import type { PrivilegeEnforcer } from "./enforcer";
import { evaluateRule, type Situation, type Verdict } from "./evaluate";
import { OPERATIONS, readOperation, type Operation } from "./operations";
import { describeSecurable, notFound, type SecurableNode } from "./securables";

/** Who is asking: a principal id and its group closure (computed once per request). */
export interface Caller {
  id: string;
  name: string;
  closure: Closure;
}

/**
 * The one door every verb goes through (DESIGN §3.3): resolves the target's chain and grants
 * from the cache, hides what the caller may not see, and checks the operation's rule.
 */
export class Authorizer {
  constructor(
    readonly cache: AuthzCache,
    private readonly enforcer: PrivilegeEnforcer,
  ) {}

  /**
   * Throws the type's not-found error when the caller may not see the securable, and
   * PERMISSION_DENIED when it may see it but `op` is not allowed. Returns the chain, self first.
   */
  async authorize(caller: Caller, op: Operation, target: SecurableNode | string): Promise<SecurableNode[]> {
    const situation = await this.situationOf(target);
    const self = situation.chain[0]!;
    if (!this.decide(caller, readOperation(self.type), situation).allowed) throw notFound(self.type, self.fullName, true);
    const verdict = this.decide(caller, op, situation);
    if (!verdict.allowed) {
      throw permissionDenied(`User does not have ${verdict.missing}.`);
    }
    return situation.chain as SecurableNode[];
  }

  /** Like authorize, but answers instead of throwing, and does not apply visibility. */
  async check(caller: Caller, op: Operation, target: SecurableNode | string): Promise<Verdict> {
    return this.decide(caller, op, await this.situationOf(target));
  }

  /** Keeps the nodes (siblings under one parent) for which `op` holds, in order. */
  async filter<T extends SecurableNode>(caller: Caller, op: Operation, nodes: readonly T[]): Promise<T[]> {
    if (nodes.length === 0) return [];
    this.cache.primeNodes(nodes);
    const parentChain = nodes[0]!.parentId ? await this.cache.chain(nodes[0]!.parentId) : [];
    const grants = await this.cache.grantsOn([...nodes.map((n) => n.id), ...parentChain.map((n) => n.id)]);
    return nodes.filter((node) => this.decide(caller, op, { chain: [node, ...parentChain], grants }).allowed);
  }

  /** Whether the caller is a metastore admin. */
  async isMetastoreAdmin(caller: Caller, metastoreId: string): Promise<boolean> {
    const [metastore] = await this.cache.chain(metastoreId);
    return metastore !== undefined && caller.closure.ids.has(metastore.ownerId);
  }

  /** Human description of a securable, for messages. */
  describe(node: SecurableNode): string {
    return describeSecurable(node);
  }

  private async situationOf(target: SecurableNode | string): Promise<Situation> {
    await this.cache.refresh();
    if (typeof target !== "string") this.cache.primeNodes([target]);
    const chain = await this.cache.chain(typeof target === "string" ? target : target.id);
    if (chain.length === 0) throw new Error(`securable ${String(target)} vanished during authorization`);
    return { chain, grants: await this.cache.grantsOn(chain.map((n) => n.id)) };
  }

  private decide(caller: Caller, op: Operation, situation: Situation): Verdict {
    return evaluateRule(this.enforcer, { id: caller.id, closure: caller.closure.ids }, OPERATIONS[op], situation);
  }
}
