#!/usr/bin/env node
// `lakeward` command: runs the TypeScript CLI (src/entry/node.ts) through tsx.
import { register } from "tsx/esm/api";

register();
await import("./node.ts");
