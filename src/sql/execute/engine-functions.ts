import type { RequestContext } from "../../context";
import { LakewardError, invalidArgument } from "../../errors";
import { createFunction, deleteFunction, getFunction, type FunctionParameterInfo } from "../../catalog/functions";
import { columnTypeName } from "../../delta/catalog-columns";
import { fieldToJson, type DeltaType } from "../../delta/schema";
import { parseTypeText } from "../../delta/type-text";
import { normalizeSql } from "../../engine/dialect";
import { parseExpressionQuery } from "../../engine/sql-ast";
import type { CreateFunction, DataType, DescribeFunction, DropFunction } from "../ast";
import { qualify, type Session } from "./session";
import { ifExists } from "./namespace";
import { EMPTY_RESULT, stringResult, type ResultSet } from "./result";
import type { StatementHandlers } from "./registry";

function deltaTypeOf(t: DataType, what: string): DeltaType {
  try {
    return parseTypeText(t.typeText);
  } catch {
    throw new LakewardError("UNIMPLEMENTED", `The type ${t.typeText.toUpperCase()} of ${what} is not supported in SQL functions.`);
  }
}

/**
 * CREATE FUNCTION c.s.f(p TYPE, ...) RETURNS TYPE RETURN expr (issue 6 §3), stored as Unity
 * Catalog's FunctionInfo. The body must parse as one expression now; names in it are resolved
 * when the function runs, with its owner's rights.
 */
async function createFunctionStmt(ctx: RequestContext, session: Session, stmt: CreateFunction): Promise<ResultSet> {
  if (stmt.temporary) throw new LakewardError("UNIMPLEMENTED", "Temporary functions are not supported; create a catalog function.");
  const fullName = qualify(session, stmt.name, 3);
  const [catalog, schema, name] = fullName.split(".") as [string, string, string];
  parseExpressionQuery(normalizeSql(stmt.body.sql, { userName: "", groups: new Set() }).text);
  const parameters: FunctionParameterInfo[] = stmt.parameters.map((p, position) => {
    const type = deltaTypeOf(p.type, `parameter ${p.name.value}`);
    return {
      name: p.name.value, type_text: p.type.typeText, type_json: JSON.stringify(fieldToJson({ name: p.name.value, type, nullable: true, metadata: {} })),
      type_name: columnTypeName(type), type_precision: type.kind === "decimal" ? type.precision : null, type_scale: type.kind === "decimal" ? type.scale : null,
      position, parameter_mode: "IN", parameter_type: "PARAM", parameter_default: p.default?.sql ?? null, comment: p.comment ?? null,
    };
  });
  const returns = deltaTypeOf(stmt.returns, "the result");
  const create = () =>
    createFunction({
      ctx,
      input: {
        name, catalog_name: catalog, schema_name: schema, input_params: { parameters }, data_type: columnTypeName(returns),
        full_data_type: stmt.returns.typeText, routine_body: "SQL", routine_definition: stmt.body.sql, parameter_style: "S",
        is_deterministic: stmt.deterministic ?? true, sql_data_access: stmt.dataAccess === "reads_sql_data" ? "READS_SQL_DATA" : "CONTAINS_SQL",
        is_null_call: false, security_type: "DEFINER", specific_name: name, comment: stmt.comment ?? null,
      },
    });
  try {
    if (stmt.orReplace) await ifExists(true, () => deleteFunction({ ctx, fullName }));
    await create();
  } catch (err) {
    if (!(stmt.ifNotExists && err instanceof LakewardError && /ALREADY_EXISTS$/.test(err.code))) throw err;
  }
  return EMPTY_RESULT;
}

const dropFunctionStmt = async (ctx: RequestContext, session: Session, stmt: DropFunction): Promise<ResultSet> => {
  await ifExists(stmt.ifExists, () => deleteFunction({ ctx, fullName: qualify(session, stmt.name, 3) }));
  return EMPTY_RESULT;
};

/** DESCRIBE FUNCTION [EXTENDED]: signature, and with EXTENDED the body and properties. */
const describeFunctionStmt = async (ctx: RequestContext, session: Session, stmt: DescribeFunction): Promise<ResultSet> => {
  if (stmt.name.parts.length === 1 && !session.catalog) throw invalidArgument("DESCRIBE FUNCTION needs a catalog function name (USE CATALOG and USE SCHEMA, or a full name).");
  const f = await getFunction({ ctx, fullName: qualify(session, stmt.name, 3) });
  const params = (f.input_params.parameters ?? []).map((p) => `${p.name} ${p.type_text.toUpperCase()}`).join(", ");
  const rows: string[][] = [["Function:", f.full_name], ["Type:", "SCALAR"], ["Input:", params], ["Returns:", f.full_data_type.toUpperCase()]];
  if (stmt.extended) {
    rows.push(["Owner:", f.owner], ["Deterministic:", String(f.is_deterministic)], ["Data Access:", f.sql_data_access], ["Body:", f.routine_definition]);
    if (f.comment) rows.push(["Comment:", f.comment]);
  }
  return stringResult(["function_desc"], rows.map(([k, v]) => [`${k} ${v}`]));
};

export const functionHandlers: StatementHandlers = {
  CreateFunction: createFunctionStmt,
  DropFunction: dropFunctionStmt,
  DescribeFunction: describeFunctionStmt,
};
