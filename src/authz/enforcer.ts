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

type Matcher = (context: Record<string, unknown>) => unknown;

/** The only effect the direct path implements: allow as soon as one line matches. */
const SOME_ALLOW = "some(where (p_eft == allow))";

/**
 * casbin evaluating policies/model.conf. The caller passes the few policy lines that can
 * matter (grants and ownership on the object's chain, see AuthzCache), so casbin never scans
 * the whole grant table (DESIGN §4 "Scale").
 *
 * Each line is decided by casbin's own compiled matcher for the model's `m`. `enforceSync`
 * would do the same, but per call it also copies the function map, builds a generator and
 * spreads a fresh context object per line — most of a check's cost (bench/authz-checks.ts). So
 * when the model is the plain shape this class knows (r and p of three tokens, no roles, the
 * some-allow effect) lines go straight to the compiled matcher; any other model still goes
 * through enforceSync.
 */
export class PrivilegeEnforcer {
  private readonly context: Record<string, unknown>;

  private constructor(
    private readonly enforcer: Enforcer,
    private readonly matcher: Matcher | undefined,
    functions: Record<string, unknown>,
  ) {
    this.context = { ...functions };
  }

  static async create(modelText: string): Promise<PrivilegeEnforcer> {
    const enforcer = await newEnforcer(newModelFromString(modelText));
    await enforcer.addFunction("memberOf", (sub: Subject, principalId: string) => sub.closure.has(principalId));
    await enforcer.addFunction(
      "covers",
      (grantOn: string, privilege: string, obj: CheckObject) =>
        grantOn === obj.id || (inherits(privilege) && obj.inheritsFrom.includes(grantOn)),
    );
    await enforcer.addFunction("implies", (held: string, wanted: string) => implies(held, wanted));
    const functions = Object.fromEntries(directFunctions(enforcer) ?? []);
    return new PrivilegeEnforcer(enforcer, directMatcher(enforcer), functions);
  }

  /** Does `sub` hold `privilege` on `obj`, given the candidate lines? */
  holds(sub: Subject, obj: CheckObject, privilege: string, lines: readonly PolicyLine[]): boolean {
    if (lines.length === 0) return false;
    if (this.matcher) {
      // Synchronous, so one reused context cannot be seen half-filled by another check.
      const ctx = this.context;
      ctx.r_sub = sub;
      ctx.r_obj = obj;
      ctx.r_act = privilege;
      try {
        for (const line of lines) {
          ctx.p_sub = line[0];
          ctx.p_obj = line[1];
          ctx.p_act = line[2];
          if (this.matcher(ctx) === true) return true;
        }
        return false;
      } finally {
        ctx.r_sub = ctx.r_obj = undefined;
      }
    }
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

/** casbin's compiled matcher, when the model has the shape the direct path implements. */
function directMatcher(enforcer: Enforcer): Matcher | undefined {
  const model = enforcer.getModel().model;
  const tokens = (sec: string) => model.get(sec)?.get(sec)?.tokens.join(",");
  const plain =
    tokens("r") === "r_sub,r_obj,r_act" &&
    tokens("p") === "p_sub,p_obj,p_act" &&
    !model.has("g") &&
    model.get("e")?.get("e")?.value === SOME_ALLOW;
  const expression = model.get("m")?.get("m")?.value;
  // getExpression is casbin's compile-and-memoise step of enforceSync; private in its typings.
  const compile = (enforcer as unknown as { getExpression?: (async: boolean, exp: string) => Matcher }).getExpression;
  if (!plain || !expression || typeof compile !== "function" || directFunctions(enforcer) === undefined) return undefined;
  return compile.call(enforcer, false, expression);
}

/** The functions casbin puts in the matcher's scope (built-ins and ours). */
function directFunctions(enforcer: Enforcer): Map<string, unknown> | undefined {
  const fm = (enforcer as unknown as { fm?: { getFunctions?: () => Map<string, unknown> } }).fm;
  return typeof fm?.getFunctions === "function" ? fm.getFunctions() : undefined;
}
