import type { Engine } from "../../engine/port";
import { mergeHandlers, type StatementHandlers } from "./registry";
import { queryHandlers } from "./engine-query";
import { insertHandler } from "./engine-insert";
import { createTableHandler } from "./engine-create-table";
import { createViewHandler } from "./engine-views";
import { functionHandlers } from "./engine-functions";
import { policyHandlers } from "./engine-policies";

/**
 * The statements the query engine adds (issue 6): queries, EXPLAIN, INSERT, CTAS, views,
 * SQL functions, row filters and column masks. Registered by the Node entry, which has an
 * engine; the Workers build keeps the governance set, where queries are UNIMPLEMENTED.
 */
export function engineHandlers(engine: Engine): StatementHandlers {
  return mergeHandlers(queryHandlers(engine), functionHandlers, policyHandlers, {
    Insert: insertHandler(engine),
    CreateTable: createTableHandler(engine),
    CreateView: createViewHandler(engine),
  });
}
