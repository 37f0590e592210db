import { sql, type SQL } from "drizzle-orm";
import { principals } from "../../../schema/index";
import type { AttrPath, CompareOp, Filter, FilterValue } from "./filter";
import { scimInvalid } from "./errors";
import { ENTERPRISE_USER_SCHEMA, SCHEMA_OF, type ScimResourceType } from "./schemas";

/** A single-valued attribute as a SQL expression. */
interface Scalar {
  type: "string" | "boolean";
  expr: SQL;
  /** RFC 7643 `caseExact`: ids and externalId compare exactly, names case-insensitively. */
  caseExact?: boolean;
}

/** A multi-valued attribute: rows of `from` (limited by `scope`) and its sub-attributes. */
interface Multi {
  from: SQL;
  scope?: SQL;
  sub: Record<string, SQL>;
  /** Sub-attribute meant by the bare attribute name (`emails eq "x"` is `emails.value`). */
  primary: string;
}

type Attribute = Scalar | Multi;

const attrs = principals.attributes;
const jsonText = (...keys: string[]) => sql.join([sql`${attrs}`, ...keys.map((k, i) => (i === keys.length - 1 ? sql`->>${k}::text` : sql`->${k}::text`))], sql``);
const jsonArray = (key: string) =>
  sql`jsonb_array_elements(case when jsonb_typeof(${attrs}->${key}::text) = 'array' then ${attrs}->${key}::text else '[]'::jsonb end) as el(v)`;
const complexList = (key: string): Multi => ({
  from: jsonArray(key),
  sub: { value: sql`el.v->>'value'`, type: sql`el.v->>'type'`, display: sql`el.v->>'display'`, primary: sql`el.v->>'primary'` },
  primary: "value",
});

const common: Record<string, Attribute> = {
  id: { type: "string", expr: sql`${principals.id}::text`, caseExact: true },
  externalid: { type: "string", expr: sql`${principals.externalId}`, caseExact: true },
  "meta.created": { type: "string", expr: sql`to_char(to_timestamp(${principals.createdAt} / 1000.0) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` },
  "meta.lastmodified": { type: "string", expr: sql`to_char(to_timestamp(${principals.updatedAt} / 1000.0) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` },
};
// Inside these subqueries the joined table is aliased, so "principals" names the outer row.
const groupsOfMember: Multi = {
  from: sql`group_members gm join principals g on g.id = gm.group_id`,
  scope: sql`gm.member_id = ${principals.id}`,
  sub: { value: sql`gm.group_id::text`, display: sql`g.name` },
  primary: "value",
};

/** Attributes each resource type can be filtered on (issue 3 §5), by lowercased path. */
const ATTRIBUTES: Record<ScimResourceType, Record<string, Attribute>> = {
  User: {
    ...common,
    username: { type: "string", expr: sql`${principals.name}` },
    displayname: { type: "string", expr: sql`${principals.displayName}` },
    active: { type: "boolean", expr: sql`${principals.active}` },
    emails: complexList("emails"),
    entitlements: complexList("entitlements"),
    roles: complexList("roles"),
    groups: groupsOfMember,
    "name.givenname": { type: "string", expr: jsonText("name", "givenName") },
    "name.familyname": { type: "string", expr: jsonText("name", "familyName") },
    "name.formatted": { type: "string", expr: jsonText("name", "formatted") },
    title: { type: "string", expr: jsonText("title") },
    usertype: { type: "string", expr: jsonText("userType") },
    [`${ENTERPRISE_USER_SCHEMA.toLowerCase()}:employeenumber`]: { type: "string", expr: jsonText(ENTERPRISE_USER_SCHEMA, "employeeNumber") },
    [`${ENTERPRISE_USER_SCHEMA.toLowerCase()}:department`]: { type: "string", expr: jsonText(ENTERPRISE_USER_SCHEMA, "department") },
  },
  Group: {
    ...common,
    displayname: { type: "string", expr: sql`${principals.name}` },
    members: {
      from: sql`group_members gm join principals m on m.id = gm.member_id`,
      scope: sql`gm.group_id = ${principals.id}`,
      sub: { value: sql`gm.member_id::text`, display: sql`m.name` },
      primary: "value",
    },
  },
  ServicePrincipal: {
    ...common,
    applicationid: { type: "string", expr: sql`${principals.name}` },
    displayname: { type: "string", expr: sql`${principals.displayName}` },
    active: { type: "boolean", expr: sql`${principals.active}` },
    groups: groupsOfMember,
    entitlements: complexList("entitlements"),
  },
};

/**
 * Translates a parsed filter into a WHERE condition on `principals`, so `userName eq "…"`
 * (what Okta and Entra send before every create) is one index lookup, not a scan in memory.
 */
export function filterToSql(filter: Filter, type: ScimResourceType): SQL {
  const attributes = ATTRIBUTES[type];
  const lookup = (path: AttrPath) => {
    if (path.uri && path.uri !== SCHEMA_OF[type].toLowerCase()) return { attr: attributes[`${path.uri}:${path.attr}`], sub: path.sub };
    const whole = attributes[path.sub ? `${path.attr}.${path.sub}` : path.attr];
    if (whole) return { attr: whole, sub: undefined };
    return { attr: attributes[path.attr], sub: path.sub };
  };
  const name = (path: AttrPath) => (path.uri ? `${path.uri}:` : "") + path.attr + (path.sub ? `.${path.sub}` : "");
  const unsupported = (path: AttrPath): never => {
    throw scimInvalid("invalidFilter", `Cannot filter ${type} resources on '${name(path)}'.`);
  };

  const walk = (f: Filter): SQL => {
    switch (f.kind) {
      case "and":
        return sql`(${walk(f.left)} and ${walk(f.right)})`;
      case "or":
        return sql`(${walk(f.left)} or ${walk(f.right)})`;
      case "not":
        return sql`(not coalesce(${walk(f.filter)}, false))`;
      case "present":
      case "compare": {
        const { attr, sub } = lookup(f.path);
        if (!attr) return unsupported(f.path);
        if ("expr" in attr) {
          if (sub) return unsupported(f.path);
          return f.kind === "present" ? present(attr) : compareScalar(attr, f.op, f.value, name(f.path));
        }
        const element = attr.sub[sub ?? attr.primary] ?? unsupported(f.path);
        const cond = f.kind === "present" ? sql`${element} is not null` : compareScalar({ type: "string", expr: element }, f.op, f.value, name(f.path));
        return exists(attr, cond);
      }
      case "valuePath": {
        const { attr } = lookup(f.path);
        if (!attr || "expr" in attr || f.path.sub) return unsupported(f.path);
        return exists(attr, elementFilter(attr, f.filter, name(f.path)));
      }
    }
  };
  return walk(filter);
}

/** A filter inside `attr[...]`, over the sub-attributes of one element. */
function elementFilter(attr: Multi, f: Filter, outer: string): SQL {
  switch (f.kind) {
    case "and":
      return sql`(${elementFilter(attr, f.left, outer)} and ${elementFilter(attr, f.right, outer)})`;
    case "or":
      return sql`(${elementFilter(attr, f.left, outer)} or ${elementFilter(attr, f.right, outer)})`;
    case "not":
      return sql`(not coalesce(${elementFilter(attr, f.filter, outer)}, false))`;
    case "present":
    case "compare": {
      const element = attr.sub[f.path.attr];
      if (!element || f.path.sub || f.path.uri) throw scimInvalid("invalidFilter", `Cannot filter ${outer} on '${f.path.attr}'.`);
      return f.kind === "present" ? sql`${element} is not null` : compareScalar({ type: "string", expr: element }, f.op, f.value, `${outer}.${f.path.attr}`);
    }
    case "valuePath":
      throw scimInvalid("invalidFilter", "Value paths cannot be nested.");
  }
}

function exists(attr: Multi, cond: SQL): SQL {
  return attr.scope ? sql`exists (select 1 from ${attr.from} where ${attr.scope} and ${cond})` : sql`exists (select 1 from ${attr.from} where ${cond})`;
}

function present(attr: Scalar): SQL {
  return attr.type === "string" ? sql`(${attr.expr} is not null and ${attr.expr} <> '')` : sql`(${attr.expr} is not null)`;
}

function compareScalar(attr: Scalar, op: CompareOp, value: FilterValue, name: string): SQL {
  if (value === null) {
    if (op === "eq") return sql`(${attr.expr} is null)`;
    if (op === "ne") return sql`(${attr.expr} is not null)`;
    throw scimInvalid("invalidFilter", `'${op} null' is not a comparison.`);
  }
  if (attr.type === "boolean") {
    const b = typeof value === "string" ? value.toLowerCase() === "true" : value;
    if (typeof b !== "boolean" || (op !== "eq" && op !== "ne")) throw scimInvalid("invalidFilter", `${name} is boolean: use eq or ne with true or false.`);
    return op === "eq" ? sql`(${attr.expr} = ${b})` : sql`(${attr.expr} <> ${b})`;
  }
  const v = String(value);
  const col = attr.caseExact ? attr.expr : sql`lower(${attr.expr})`;
  const val = attr.caseExact ? sql`${v}::text` : sql`lower(${v}::text)`;
  switch (op) {
    case "eq": return sql`(${col} = ${val})`;
    case "ne": return sql`(${attr.expr} is null or ${col} <> ${val})`;
    case "co": return sql`(strpos(${col}, ${val}) > 0)`;
    case "sw": return sql`(left(${col}, length(${v}::text)) = ${val})`;
    case "ew": return sql`(right(${col}, length(${v}::text)) = ${val})`;
    case "gt": return sql`(${col} > ${val})`;
    case "ge": return sql`(${col} >= ${val})`;
    case "lt": return sql`(${col} < ${val})`;
    case "le": return sql`(${col} <= ${val})`;
  }
}
