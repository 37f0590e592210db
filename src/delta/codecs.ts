import { snappyUncompress } from "hyparquet";
// Deep imports on purpose: the package index also evaluates `compressors.js`, which compiles a
// WebAssembly snappy module at import time — Cloudflare Workers refuse that ("Wasm code
// generation disallowed by embedder") and the whole Worker fails to start. These files are
// plain JS with no such side effect. Types: ./hyparquet-compressors.d.ts.
import { decompressBrotli } from "hyparquet-compressors/src/brotli.js";
import { gunzip } from "hyparquet-compressors/src/gzip.js";
import { decompressLz4, decompressLz4Raw } from "hyparquet-compressors/src/lz4.js";
// fzstd is hyparquet-compressors' own zstd dependency (pure JS).
import { decompress as decompressZstd } from "fzstd";

/** A decompressor: compressed page bytes and the uncompressed length → the page. */
export type Decompress = (input: Uint8Array, outputLength: number) => Uint8Array;

/**
 * Decompress into `output` (exactly the uncompressed size) when the codec can, which lets the
 * leaf reader reuse one page buffer; other codecs return a buffer of their own.
 */
export function decompressInto(codec: string, input: Uint8Array, output: Uint8Array): Uint8Array {
  if (codec === "SNAPPY") {
    snappyUncompress(input, output);
    return output;
  }
  if (codec === "GZIP") return gunzip(input, output);
  const decompress = codecs[codec];
  if (!decompress) throw new Error(`unsupported parquet codec ${codec}`);
  return decompress(input, output.length);
}

/**
 * Parquet codecs for checkpoints, all pure JavaScript so they run on Node and Workers alike.
 * Snappy (Spark's default) uses hyparquet's JS decoder; the rest cover what Spark and
 * delta-rs can be configured to write. Same shape as hyparquet's `compressors` option.
 */
export const codecs: Record<string, Decompress> = {
  SNAPPY: (input, length) => {
    const out = new Uint8Array(length);
    snappyUncompress(input, out);
    return out;
  },
  GZIP: (input, length) => gunzip(input, new Uint8Array(length)),
  BROTLI: decompressBrotli,
  ZSTD: (input) => decompressZstd(input),
  LZ4: decompressLz4,
  LZ4_RAW: decompressLz4Raw,
};
