import { CATALOGS } from "./catalogs";
import { FUNCTIONS } from "./functions";
import { GOVERNANCE } from "./governance";
import { QUERIES } from "./queries";
import { SESSION } from "./session";
import { SHARING } from "./sharing";
import { STORAGE } from "./storage";
import { TABLES } from "./tables";
import type { ValidCase } from "./types";

export { INVALID } from "./invalid";
export type { InvalidCase, ValidCase } from "./types";

/** Every valid statement of the corpus. */
export const VALID: ValidCase[] = [
  ...GOVERNANCE, ...CATALOGS, ...TABLES, ...FUNCTIONS, ...STORAGE, ...SHARING, ...SESSION, ...QUERIES,
];
