import type { CheckObject, PolicyLine, PrivilegeEnforcer, Subject } from "./enforcer";
import type { GrantEntry } from "./cache";
import { OWNER, PRIVILEGES_BY_TYPE } from "./privileges";
import type { Clause, Level, Rule, Term } from "./rules";
import { describeSecurable, type SecurableNode } from "./securables";

/**
 * Everything needed to decide rules for one securable, synchronously: its chain (self first,
 * metastore last) and the grants on each link.
 */
export interface Situation {
  chain: readonly SecurableNode[];
  grants: ReadonlyMap<string, readonly GrantEntry[]>;
}

/** The outcome of a rule: allowed, or the first unmet term of the ordinary path. */
export type Verdict = { allowed: true } | { allowed: false; missing: string };

/** Decides `rule` for `subject` in `situation`, asking casbin for each privilege term. */
export function evaluateRule(enforcer: PrivilegeEnforcer, subject: Subject, rule: Rule, situation: Situation): Verdict {
  const ev = new TermEvaluator(enforcer, subject, situation);
  for (const clause of rule) if (clause.every((term) => ev.holds(term))) return { allowed: true };
  // Explain with the last alternative: by convention it is the ordinary user's path.
  const clause: Clause = rule[rule.length - 1] ?? [];
  const unmet = clause.find((term) => !ev.holds(term));
  return { allowed: false, missing: unmet ? ev.describe(unmet) : "the required privileges" };
}

/**
 * Decides the terms of one rule for one check. Lines are the subject's candidates only — grants
 * and ownership held by its closure, like an index lookup — so casbin runs only when something
 * could match; answers are remembered per (level, privilege), since rules repeat terms
 * (USE CATALOG appears in most alternatives).
 */
class TermEvaluator {
  private readonly answers: (Map<string, boolean> | undefined)[] = [];
  private readonly candidates: (PolicyLine[] | undefined)[] = [];
  private readonly levels: ({ obj: CheckObject; lines: PolicyLine[] } | undefined)[] = [];

  constructor(
    private readonly enforcer: PrivilegeEnforcer,
    private readonly subject: Subject,
    private readonly situation: Situation,
  ) {}

  holds(term: Term): boolean {
    if ("admin" in term) return this.owns(this.situation.chain.length - 1);
    const index = this.levelIndex("owns" in term ? term.owns : term.on);
    if (index < 0) return false;
    if ("owns" in term) return this.owns(index);
    if ("has" in term) return this.hasPrivilege(index, term.has);
    const node = this.situation.chain[index]!;
    return this.owns(index) || PRIVILEGES_BY_TYPE[node.type].some((p) => this.hasPrivilege(index, p));
  }

  describe(term: Term): string {
    if ("admin" in term) return "metastore admin rights";
    const level = "owns" in term ? term.owns : term.on;
    const node = this.situation.chain[this.levelIndex(level)];
    const where = node ? describeSecurable(node) : level;
    if ("owns" in term) return `ownership of ${where}`;
    if ("has" in term) return `${term.has} on ${where}`;
    return `any privilege on ${where}`;
  }

  private levelIndex(level: Level): number {
    const chain = this.situation.chain;
    if (level === "self") return 0;
    if (level === "metastore") return chain.length - 1;
    return chain.findIndex((n) => n.type === level);
  }

  private owns(index: number): boolean {
    const node = this.situation.chain[index];
    return node !== undefined && this.subject.closure.has(node.ownerId);
  }

  private hasPrivilege(index: number, privilege: string): boolean {
    let answers = this.answers[index];
    const known = answers?.get(privilege);
    if (known !== undefined) return known;
    const { obj, lines } = this.level(index);
    const held = this.enforcer.holds(this.subject, obj, privilege, lines);
    if (!answers) this.answers[index] = answers = new Map();
    answers.set(privilege, held);
    return held;
  }

  /** The check object for chain[index] and the subject's candidate lines there, for any privilege. */
  private level(index: number): { obj: CheckObject; lines: PolicyLine[] } {
    const cached = this.levels[index];
    if (cached) return cached;
    const chain = this.situation.chain;
    const node = chain[index]!;
    // Grants inherit from containers below the metastore; metastore grants stay put.
    const inheritsFrom: string[] = [];
    if (node.type !== "metastore") for (let i = index + 1; i < chain.length && chain[i]!.type !== "metastore"; i++) inheritsFrom.push(chain[i]!.id);
    const lines: PolicyLine[] = [];
    if (this.owns(index)) lines.push([node.ownerId, node.id, OWNER]);
    for (let i = index; i <= index + inheritsFrom.length; i++) lines.push(...this.grantLines(i));
    return (this.levels[index] = { obj: { id: node.id, inheritsFrom }, lines });
  }

  /** Grants on chain[index] to the subject or one of its groups, as policy lines. */
  private grantLines(index: number): PolicyLine[] {
    let lines = this.candidates[index];
    if (lines) return lines;
    const id = this.situation.chain[index]!.id;
    lines = [];
    for (const g of this.situation.grants.get(id) ?? []) {
      if (this.subject.closure.has(g.principalId)) lines.push([g.principalId, id, g.privilege]);
    }
    return (this.candidates[index] = lines);
  }
}
