import type { ColumnMetaData, RowGroup, SchemaTree } from "hyparquet";
import { UnsupportedLayout } from "./parquet-encodings";
import { drainLeaf, LeafCursor, type LeafChunk } from "./parquet-leaf";

/**
 * Rebuild struct / MAP / LIST values of selected rows from flat leaf columns (Dremel levels),
 * giving what hyparquet would: structs → objects, MAP → plain object, LIST → array, absent →
 * null. Used for the few non-file action rows of a checkpoint (metaData, protocol, txn…);
 * file actions are built by checkpoint-leaves.ts from streaming cursors instead. Shapes with
 * repetition inside repetition (never in Delta actions) are left to hyparquet via
 * UnsupportedLayout.
 */

/** A schema node with its Dremel levels. */
export interface Field {
  name: string;
  node: SchemaTree;
  children: Field[];
  /** Definition level at which this node is present (non-null). */
  def: number;
  /** Repetition levels above and including this node. */
  rep: number;
  kind: "leaf" | "struct" | "map" | "list";
  /** path_in_schema joined with "." (leaves only) */
  key: string;
}

/** Wrap hyparquet's schema tree with levels and shapes. */
export function fieldTree(node: SchemaTree, def = 0, rep = 0): Field {
  const r = node.element.repetition_type;
  const d = def + (r === "OPTIONAL" || r === "REPEATED" ? 1 : 0);
  const p = rep + (r === "REPEATED" ? 1 : 0);
  const children = node.children.map((c) => fieldTree(c, d, p));
  const annotated = node.element.converted_type ?? node.element.logical_type?.type;
  const kind: Field["kind"] =
    children.length === 0 ? "leaf"
      : annotated === "MAP" || annotated === "MAP_KEY_VALUE" ? "map"
        : annotated === "LIST" ? "list"
          : "struct";
  return { name: node.element.name, node, children, def: d, rep: p, kind, key: node.path.join(".") };
}

/** First leaf under a field (any leaf tells whether its ancestors are defined). */
function firstLeaf(f: Field): Field {
  return f.children.length === 0 ? f : firstLeaf(f.children[0]!);
}

/**
 * One row group: streaming cursors over its leaves, and whole decoded leaves (for the few
 * non-file rows) from which values of selected rows are assembled.
 */
export class RowGroupReader {
  readonly numRows: number;
  private readonly metas = new Map<string, ColumnMetaData>();
  private readonly leaves = new Map<string, LeafChunk>();

  constructor(private readonly file: Uint8Array, group: RowGroup) {
    this.numRows = Number(group.num_rows);
    for (const c of group.columns) {
      if (c.file_path) throw new UnsupportedLayout("column chunk in another file");
      if (c.meta_data) this.metas.set(c.meta_data.path_in_schema.join("."), c.meta_data);
    }
  }

  /** A fresh streaming cursor over a leaf, or undefined when the row group has no chunk for it. */
  cursor(f: Field): LeafCursor | undefined {
    const meta = this.metas.get(f.key);
    return meta && new LeafCursor(this.file, meta, { element: f.node.element, maxDef: f.def, maxRep: f.rep });
  }

  /** The whole decoded leaf (cached), or undefined when the row group has no chunk for it. */
  leaf(f: Field): LeafChunk | undefined {
    let chunk = this.leaves.get(f.key);
    if (!chunk) {
      const cursor = this.cursor(f);
      if (!cursor) return undefined;
      chunk = drainLeaf(cursor);
      this.leaves.set(f.key, chunk);
    }
    return chunk;
  }

  /** Rows (ascending) where `f` — a field outside any repetition — is non-null. */
  presentRows(f: Field): number[] {
    const out: number[] = [];
    const leaf = this.leaf(firstLeaf(f));
    if (!leaf) return out;
    if (!leaf.defs) {
      for (let r = 0; r < this.numRows; r++) out.push(r);
      return out;
    }
    const defs = leaf.defs;
    if (!leaf.reps) {
      for (let r = 0; r < this.numRows; r++) if (defs[r]! >= f.def) out.push(r);
      return out;
    }
    let row = -1;
    for (let i = 0; i < leaf.count; i++) {
      if (leaf.reps[i] !== 0) continue; // a row starts at repetition level 0
      row++;
      if (defs[i]! >= f.def) out.push(row);
    }
    return out;
  }

  /**
   * Values of `f` — a field outside any repetition — at `rows` (ascending).
   * @returns one entry per requested row; null where the value is absent
   */
  valuesAt(f: Field, rows: readonly number[]): unknown[] {
    if (f.rep > 0) throw new UnsupportedLayout(`${f.key}: nested repetition`);
    if (f.kind === "leaf") return this.leafAt(f, rows);
    if (f.kind === "map" || f.kind === "list") return this.repeatedAt(f, rows);
    const present = this.definedAt(firstLeaf(f), f.def, rows);
    const childValues = f.children.map((c) => this.valuesAt(c, rows));
    const out: unknown[] = new Array(present.length);
    for (let i = 0; i < present.length; i++) {
      if (!present[i]) {
        out[i] = null;
        continue;
      }
      const o: Record<string, unknown> = {};
      for (let c = 0; c < f.children.length; c++) o[f.children[c]!.name] = childValues[c]![i];
      out[i] = o;
    }
    return out;
  }

  /** Per requested row: is the ancestor at definition level `def` of `leaf` defined? */
  private definedAt(leaf: Field, def: number, rows: readonly number[]): boolean[] {
    const chunk = this.leaf(leaf);
    const n = rows.length;
    const out: boolean[] = new Array(n).fill(false);
    if (!chunk) return out;
    if (!chunk.defs) return out.fill(true);
    let row = -1;
    let k = 0;
    for (let i = 0; i < chunk.count && k < n; i++) {
      if (chunk.reps && chunk.reps[i] !== 0) continue;
      row++;
      if (rows[k] !== row) continue;
      out[k++] = chunk.defs[i]! >= def;
    }
    return out;
  }

  private leafAt(f: Field, rows: readonly number[]): unknown[] {
    const chunk = this.leaf(f);
    const n = rows.length;
    const out: unknown[] = new Array(n).fill(null);
    if (!chunk || chunk.values.length === 0) return out;
    const { defs, maxDef } = chunk;
    let vi = 0;
    let k = 0;
    for (let r = 0; r < this.numRows && k < n; r++) {
      const has = !defs || defs[r] === maxDef;
      if (rows[k] === r) out[k++] = has ? chunk.values[vi] : null;
      if (has) vi++;
    }
    return out;
  }

  /** MAP → {key: value} and LIST → [elements], walking the entries of their leaves. */
  private repeatedAt(f: Field, rows: readonly number[]): unknown[] {
    const group = f.children[0];
    if (f.children.length !== 1 || !group || group.node.element.repetition_type !== "REPEATED") {
      throw new UnsupportedLayout(`${f.key}: unexpected ${f.kind} layout`);
    }
    const isMap = f.kind === "map";
    // MAP: repeated key_value(key, value). LIST: repeated list(element), or a repeated leaf.
    const keyField = isMap ? group.children[0] : undefined;
    const valueField = isMap ? group.children[1] : group.kind === "leaf" ? group : group.children[0];
    if (!valueField || valueField.kind !== "leaf" || (isMap && (!keyField || keyField.kind !== "leaf" || group.children.length !== 2))) {
      throw new UnsupportedLayout(`${f.key}: ${f.kind} of non-primitive values`);
    }
    if (!isMap && group.kind !== "leaf" && group.children.length !== 1) throw new UnsupportedLayout(`${f.key}: list of structs`);
    const out: unknown[] = new Array(rows.length).fill(null);
    const vals = this.leaf(valueField);
    const keys = keyField ? this.leaf(keyField) : undefined;
    const levels = keys ?? vals;
    if (!levels || !levels.defs || !levels.reps || !vals || (keys && keys.count !== vals.count)) return out;
    const { defs, reps } = levels;
    let ki = 0;
    let vi = 0;
    let row = -1;
    let k = -1;
    let current: Record<string, unknown> | unknown[] | null = null;
    for (let i = 0; i < levels.count; i++) {
      if (reps[i] === 0) {
        row++;
        current = null;
        if (rows[k + 1] === row) {
          k++;
          if (defs[i]! >= f.def) out[k] = current = isMap ? {} : [];
        }
      }
      const valueHere = vals.defs ? vals.defs[i] === vals.maxDef : true;
      const keyHere = keys ? (keys.defs ? keys.defs[i] === keys.maxDef : true) : false;
      if (current && defs[i]! >= group.def) {
        const v = valueHere ? vals.values[vi] : null;
        if (isMap) (current as Record<string, unknown>)[String(keys!.values[ki])] = v;
        else (current as unknown[]).push(v);
      }
      if (valueHere) vi++;
      if (keyHere) ki++;
    }
    return out;
  }
}
