import type { StatementKind, StatementOf } from "../ast";

/** One printer per statement kind in `K`; families fill in their own kinds. */
export type PrinterMap<K extends StatementKind> = { [P in K]: (stmt: StatementOf<P>) => string };
