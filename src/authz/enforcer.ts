import { newEnforcer, newModelFromString, type Enforcer } from "casbin";
import { implies, inherits } from "./privileges";

/** The subject of a check: a principal and every group it is in (nested), as ids. */
export interface Subject {
  id: string;
  closure: ReadonlySet<string>;
}

/** The object of a check: a securable and the ancestors its grants inherit from. */
export interface CheckObject {
  id: string;
  /** Ancestor ids below the metastore, nearest first. */
  inheritsFrom: readonly string[];
}

/** A policy line: principal id, securable id, privilege (or OWNER). */
export type PolicyLine = [principalId: string, securableId: string, privilege: string];

/**
 * casbin evaluating policies/model.conf. The caller passes the few policy lines that can
 * matter (grants and ownership on the object's chain, see AuthzCache), so casbin never scans
 * the whole grant table (DESIGN §4 "Scale").
 */
export class PrivilegeEnforcer {
  private constructor(private readonly enforcer: Enforcer) {}

  static async create(modelText: string): Promise<PrivilegeEnforcer> {
    const enforcer = await newEnforcer(newModelFromString(modelText));
    await enforcer.addFunction("memberOf", (sub: Subject, principalId: string) => sub.closure.has(principalId));
    await enforcer.addFunction(
      "covers",
      (grantOn: string, privilege: string, obj: CheckObject) =>
        grantOn === obj.id || (inherits(privilege) && obj.inheritsFrom.includes(grantOn)),
    );
    await enforcer.addFunction("implies", (held: string, wanted: string) => implies(held, wanted));
    return new PrivilegeEnforcer(enforcer);
  }

  /** Does `sub` hold `privilege` on `obj`, given the candidate lines? */
  holds(sub: Subject, obj: CheckObject, privilege: string, lines: readonly PolicyLine[]): boolean {
    if (lines.length === 0) return false;
    const assertion = this.enforcer.getModel().model.get("p")!.get("p")!;
    // enforceSync is synchronous, so the candidate set cannot be swapped under it.
    assertion.policy = lines as unknown as string[][];
    try {
      return this.enforcer.enforceSync(sub, obj, privilege);
    } finally {
      assertion.policy = [];
    }
  }
}
