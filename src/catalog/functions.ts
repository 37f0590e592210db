import { and, eq, inArray } from "drizzle-orm";
import type { RequestContext } from "../context";
import type { Db } from "../db/types";
import { audited } from "../audit/audited";
import { invalidArgument } from "../errors";
import { functionDetails, principals, securables } from "../../schema/index";
import { FUNCTION, SCHEMA } from "./kinds";
import { normalizeName } from "./names";
import { findSecurableById, insertSecurable, securableColumns, type SecurableRow } from "./rows";
import { deleteSecurableCommon, getSecurable, listSecurables, resolveVisible, updateSecurableCommon, type CommonUpdate, type ListInput } from "./securable-verbs";
import type { Page } from "./paging";

export interface FunctionParameterInfo {
  name: string;
  type_text: string;
  type_json: string;
  type_name: string;
  type_precision?: number | null;
  type_scale?: number | null;
  type_interval_type?: string | null;
  position: number;
  parameter_mode?: "IN" | null;
  parameter_type?: "PARAM" | "COLUMN" | null;
  parameter_default?: string | null;
  comment?: string | null;
}

/** CreateFunction (uc-oss §2.5): what a client sends inside `function_info`. */
export interface CreateFunctionInput {
  name: string;
  catalog_name: string;
  schema_name: string;
  input_params: { parameters?: FunctionParameterInfo[] | null };
  data_type: string;
  full_data_type: string;
  return_params?: { parameters?: FunctionParameterInfo[] | null } | null;
  routine_body: "SQL" | "EXTERNAL";
  routine_definition: string;
  routine_dependencies?: unknown;
  parameter_style: "S";
  is_deterministic: boolean;
  sql_data_access: "CONTAINS_SQL" | "READS_SQL_DATA" | "NO_SQL";
  is_null_call: boolean;
  security_type: "DEFINER";
  specific_name: string;
  comment?: string | null;
  properties?: string | null;
  external_language?: string | null;
}

export interface FunctionInfo extends Omit<CreateFunctionInput, "properties"> {
  full_name: string;
  properties: string | null;
  owner: string;
  created_at: number;
  created_by: string;
  updated_at: number | null;
  updated_by: string | null;
  function_id: string;
}

export async function toFunctionInfos(db: Db, rows: SecurableRow[]): Promise<FunctionInfo[]> {
  if (rows.length === 0) return [];
  const details = new Map(
    (await db.select().from(functionDetails).where(inArray(functionDetails.securableId, rows.map((r) => r.id)))).map((d) => [d.securableId, d]),
  );
  return rows.map((row) => toFunctionInfo(row, details.get(row.id)!));
}

/**
 * Functions by full name with their details in one query (the query engine loads every
 * filter and mask of a table at once). Missing names are simply absent from the result.
 */
export async function findFunctionsWithDetails(db: Db, fullNames: string[]): Promise<{ row: SecurableRow; info: FunctionInfo }[]> {
  if (fullNames.length === 0) return [];
  const found = await db
    .select({ row: securableColumns, detail: functionDetails })
    .from(securables)
    .innerJoin(functionDetails, eq(functionDetails.securableId, securables.id))
    .leftJoin(principals, eq(principals.id, securables.ownerId))
    .where(and(eq(securables.type, "function"), inArray(securables.fullName, fullNames)));
  return found.map((f) => ({ row: f.row as SecurableRow, info: toFunctionInfo(f.row as SecurableRow, f.detail) }));
}

function toFunctionInfo(row: SecurableRow, d: typeof functionDetails.$inferSelect): FunctionInfo {
  const [catalog, schema] = row.fullName.split(".");
  return {
    name: row.name,
    catalog_name: catalog!,
    schema_name: schema!,
    full_name: row.fullName,
    input_params: d.inputParams as FunctionInfo["input_params"],
    data_type: d.dataType,
    full_data_type: d.fullDataType,
    return_params: (d.returnParams ?? null) as FunctionInfo["return_params"],
    routine_body: d.routineBody as FunctionInfo["routine_body"],
    routine_definition: d.routineDefinition,
    routine_dependencies: d.routineDependencies ?? null,
    parameter_style: d.parameterStyle as "S",
    is_deterministic: d.isDeterministic,
    sql_data_access: d.sqlDataAccess as FunctionInfo["sql_data_access"],
    is_null_call: d.isNullCall,
    security_type: d.securityType as "DEFINER",
    specific_name: d.specificName,
    comment: row.comment,
    properties: d.functionProperties,
    external_language: d.externalLanguage,
    owner: row.ownerName,
    created_at: row.createdAt,
    created_by: row.createdBy,
    updated_at: row.updatedAt,
    updated_by: row.updatedBy,
    function_id: row.id,
  };
}

/**
 * Creates a function (USE CATALOG, USE SCHEMA and CREATE FUNCTION on the schema — Databricks
 * checks CREATE FUNCTION, which UC OSS skips).
 */
export async function createFunction({ ctx, input }: { ctx: RequestContext; input: CreateFunctionInput }): Promise<FunctionInfo> {
  const catalogName = normalizeName("function_info.catalog_name", input.catalog_name);
  const schemaName = normalizeName("function_info.schema_name", input.schema_name);
  const name = normalizeName("function_info.name", input.name);
  const fullName = `${catalogName}.${schemaName}.${name}`;
  validateParameters(input.input_params.parameters ?? [], "function_info.input_params");
  if (input.properties) {
    try {
      JSON.parse(input.properties);
    } catch {
      throw invalidArgument("function_info.properties must be a JSON-encoded string.", { field: "function_info.properties" });
    }
  }
  const params = { name, catalog_name: catalogName, schema_name: schemaName, routine_body: input.routine_body, data_type: input.data_type };
  return audited(ctx, { name: "createFunction", securableType: "function", securableFullName: fullName, params }, async (scope) => {
    const schema = await resolveVisible(ctx, SCHEMA, `${catalogName}.${schemaName}`, "function_info.schema_name");
    await ctx.services.authz.authorize(ctx.principal, "schema.createFunction", schema);
    const id = crypto.randomUUID();
    scope.target({ securableId: id });
    return scope.commit(async (tx) => {
      await insertSecurable(
        tx,
        { id, type: "function", parentId: schema.id, name, fullName, ownerId: ctx.principal.id, comment: input.comment, createdBy: ctx.principal.name },
        ctx.services.clock.now(),
        FUNCTION.alreadyExists,
      );
      await tx.insert(functionDetails).values({
        securableId: id,
        inputParams: { parameters: input.input_params.parameters ?? [] },
        returnParams: input.return_params ?? null,
        dataType: input.data_type,
        fullDataType: input.full_data_type,
        routineBody: input.routine_body,
        routineDefinition: input.routine_definition,
        routineDependencies: input.routine_dependencies ?? null,
        parameterStyle: input.parameter_style,
        isDeterministic: input.is_deterministic,
        sqlDataAccess: input.sql_data_access,
        isNullCall: input.is_null_call,
        securityType: input.security_type,
        specificName: input.specific_name,
        externalLanguage: input.external_language ?? null,
        functionProperties: input.properties ?? null,
      });
      return (await toFunctionInfos(tx, [(await findSecurableById(tx, id))!]))[0]!;
    });
  });
}

function validateParameters(parameters: FunctionParameterInfo[], field: string): void {
  const names = new Set<string>();
  parameters.forEach((p, i) => {
    const key = p.name.toLowerCase();
    if (names.has(key)) throw invalidArgument(`Duplicate parameter name '${p.name}'.`, { field: `${field}.parameters[${i}].name` });
    names.add(key);
  });
  const positions = parameters.map((p) => p.position).sort((a, b) => a - b);
  if (positions.some((p, i) => p !== i)) {
    throw invalidArgument("Parameter positions must be 0..n-1 without gaps or repeats.", { field: `${field}.parameters` });
  }
}

export const getFunction = ({ ctx, fullName }: { ctx: RequestContext; fullName: string }) => getSecurable(ctx, FUNCTION, fullName, toFunctionInfos);

export async function listFunctions({ ctx, catalogName, schemaName, input }: { ctx: RequestContext; catalogName: string; schemaName: string; input: ListInput }): Promise<Page<FunctionInfo>> {
  const schemaFullName = `${normalizeName("catalog_name", catalogName)}.${normalizeName("schema_name", schemaName)}`;
  return listSecurables(ctx, FUNCTION, schemaFullName, () => resolveVisible(ctx, SCHEMA, schemaFullName, "schema_name"), input, toFunctionInfos);
}

/** Databricks' PATCH /functions/{name}: owner (and, here, comment). */
export const updateFunction = ({ ctx, fullName, input }: { ctx: RequestContext; fullName: string; input: CommonUpdate }) =>
  updateSecurableCommon(ctx, FUNCTION, fullName, input, toFunctionInfos);

export const deleteFunction = ({ ctx, fullName }: { ctx: RequestContext; fullName: string }) => deleteSecurableCommon(ctx, FUNCTION, fullName, true);
