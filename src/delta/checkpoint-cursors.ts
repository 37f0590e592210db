import type { DeletionVectorDescriptor } from "./actions";
import { UnsupportedLayout } from "./parquet-encodings";
import type { LeafCursor, LeafKind } from "./parquet-leaf";
import type { Field, RowGroupReader } from "./parquet-nested";

/**
 * Row-at-a-time readers over leaf cursors for the parts of a checkpoint `add`/`remove` that
 * are not plain leaves: string maps (partitionValues, tags) and the deletionVector struct.
 * Each call consumes exactly one row, so all cursors of an action stay aligned.
 */

/** Value of a primitive leaf's next row (null when absent), advancing its cursor. */
export function str(c: LeafCursor | undefined): string | null {
  return c && c.next() ? c.string() : null;
}
export function num(c: LeafCursor | undefined): number | null {
  return c && c.next() ? c.number() : null;
}
export function bool(c: LeafCursor | undefined): boolean | null {
  return c && c.next() ? c.bool() : null;
}

/** Cursor pair over a MAP<string, string> (partitionValues, tags). */
export class MapCursor {
  /** The current row's entries (reused; `entries` of them are valid). */
  private readonly rowKeys: string[] = [];
  private readonly rowValues: (string | null)[] = [];
  private entries = 0;

  constructor(private readonly f: Field, private readonly group: Field, private readonly keys: LeafCursor, private readonly values: LeafCursor) {
    if (keys.kind !== "string" || values.kind !== "string" || keys.maxRep !== 1 || values.maxRep !== 1 || keys.count !== values.count) {
      throw new UnsupportedLayout(`${f.key}: not a map of strings`);
    }
  }

  /** The next row's map: an object, or null when the map (or its parent) is null. */
  row(): Record<string, string | null> | null {
    const { keys, values, rowKeys, rowValues } = this;
    let n = 0;
    let present = false;
    let first = true;
    do {
      const hasKey = keys.next();
      const hasValue = values.next();
      if (first) {
        if (keys.rep !== 0) throw new Error(`${this.f.key}: row does not start at repetition level 0`);
        present = keys.def >= this.f.def;
        first = false;
      }
      if (keys.def >= this.group.def) {
        rowKeys[n] = hasKey ? keys.string() : "null";
        rowValues[n] = hasValue ? values.string() : null;
        n++;
      }
    } while (keys.peekRep() > 0);
    this.entries = n;
    return present ? this.build() : null;
  }

  /** The row's map as a plain object (see {@link MapRecord}). */
  private build(): Record<string, string | null> {
    const out = new MapRecord();
    for (let i = 0; i < this.entries; i++) out[this.rowKeys[i]!] = this.rowValues[i]!;
    return out;
  }
}

/**
 * Makes the plain objects (prototype Object.prototype, like `{}`) that map values become.
 * Why a constructor: V8 sizes objects made with `new` to the properties they end up with
 * (slack tracking), as JSON.parse does, whereas `{}` grown key by key keeps spare slots —
 * 24 bytes more per partitionValues object, and a snapshot keeps one per file.
 */
const MapRecord = function (this: unknown) {} as unknown as new () => Record<string, string | null>;
MapRecord.prototype = Object.prototype;

/** The deletionVector struct's leaves. */
export class DvCursor {
  private readonly c: Partial<Record<string, LeafCursor>> = {};

  constructor(reader: RowGroupReader, private readonly f: Field) {
    for (const [name, kind] of [["storageType", "string"], ["pathOrInlineDv", "string"], ["offset", "number"], ["sizeInBytes", "number"], ["cardinality", "number"], ["maxRowIndex", "number"]] as const) {
      const child = f.children.find((x) => x.name === name);
      if (child) this.c[name] = leafCursor(reader, child, kind);
    }
    if (!this.c.storageType) throw new UnsupportedLayout(`${f.key}: no storageType`);
  }

  /** The next row's descriptor, or null. */
  row(): DeletionVectorDescriptor | null {
    const c = this.c;
    const storageType = str(c.storageType);
    const pathOrInlineDv = str(c.pathOrInlineDv);
    const offset = num(c.offset);
    const sizeInBytes = num(c.sizeInBytes);
    const cardinality = num(c.cardinality);
    const maxRowIndex = num(c.maxRowIndex);
    if (c.storageType!.def < this.f.def) return null;
    const dv: DeletionVectorDescriptor = {
      storageType: storageType as DeletionVectorDescriptor["storageType"],
      pathOrInlineDv: pathOrInlineDv as string,
      sizeInBytes: sizeInBytes as number,
      cardinality: cardinality as number,
    };
    if (offset != null) dv.offset = offset;
    if (maxRowIndex != null) dv.maxRowIndex = maxRowIndex;
    return dv;
  }
}

export function leafCursor(reader: RowGroupReader, f: Field, kind: LeafKind): LeafCursor | undefined {
  if (f.kind !== "leaf" || f.rep > 0) throw new UnsupportedLayout(`${f.key}: not a primitive`);
  const c = reader.cursor(f);
  if (c && c.kind !== kind) throw new UnsupportedLayout(`${f.key}: ${c.kind}, expected ${kind}`);
  return c;
}

export function mapCursor(reader: RowGroupReader, f: Field): MapCursor | undefined {
  const group = f.children[0];
  const key = group?.children[0];
  const value = group?.children[1];
  if (f.kind !== "map" || f.rep > 0 || !group || group.children.length !== 2 || key?.kind !== "leaf" || value?.kind !== "leaf") {
    throw new UnsupportedLayout(`${f.key}: unexpected map layout`);
  }
  const keys = reader.cursor(key);
  const values = reader.cursor(value);
  if (!keys || !values) return undefined;
  return new MapCursor(f, group, keys, values);
}
