import { LakewardError } from "../errors";
import type { FunctionInfo } from "../catalog/functions";
import type { DeltaType } from "../delta/schema";
import { parseTypeText } from "../delta/type-text";
import { quoteName, sqlType } from "./types";
import type { EngineMacro } from "./port";

/** A catalog SQL function's parameters and result, typed. */
export interface FunctionSignature {
  params: { name: string; type: DeltaType }[];
  returns: DeltaType;
}

/** Reads a FunctionInfo's types (type_text of each parameter, full_data_type of the result). */
export function signatureOf(info: FunctionInfo): FunctionSignature {
  if (info.routine_body !== "SQL") throw new LakewardError("UNIMPLEMENTED", `Function ${info.full_name} is not a SQL function; only SQL functions can run.`);
  const params = [...(info.input_params.parameters ?? [])]
    .sort((a, b) => a.position - b.position)
    .map((p) => ({ name: p.name, type: typeOf(p.type_text, info.full_name) }));
  return { params, returns: typeOf(info.full_data_type || info.data_type, info.full_name) };
}

function typeOf(text: string, fn: string): DeltaType {
  try {
    return parseTypeText(text);
  } catch {
    throw new LakewardError("UNIMPLEMENTED", `Function ${fn} uses the type '${text}', which the query engine cannot handle.`);
  }
}

/**
 * The macro for a compiled function body. The result is cast to the declared return type, so a
 * mask yields exactly its column's type and a filter a BOOLEAN, whatever the body computes.
 */
export function functionMacro(name: string, signature: FunctionSignature, bodySql: string): EngineMacro {
  return {
    name,
    params: signature.params.map((p) => quoteName(p.name)),
    body: `CAST((${bodySql}) AS ${sqlType(signature.returns)})`,
  };
}
