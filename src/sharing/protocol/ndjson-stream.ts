const encoder = new TextEncoder();
/** Lines are sent in chunks of about this many characters. */
const CHUNK_CHARS = 64 * 1024;
/**
 * Longest stretch of work before the stream lets other tasks run. Building lines only awaits
 * microtasks, so a 100,000-file answer (or a scan that hints prune to a few lines) would
 * otherwise hold the event loop — every other request of the process — until it is done.
 */
const SLICE_MS = 20;
const yieldToOthers = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * A byte stream of NDJSON lines, pulled as the client reads — files are signed while
 * streaming, never all held in memory (digest B.3). The first chunk goes out as soon as the
 * protocol and metaData lines exist, which is what time to first byte measures. `finish` runs
 * once, with the error if the stream failed or the client went away.
 */
export function ndjsonStream(lines: AsyncIterator<string>, finish: (err?: unknown) => Promise<void>): ReadableStream<Uint8Array> {
  let first = true;
  let done = false;
  const end = async (err?: unknown) => {
    if (done) return;
    done = true;
    await finish(err).catch(() => undefined);
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let text = "";
      let count = 0;
      let sliceStart = performance.now();
      try {
        while (text.length < CHUNK_CHARS && !(first && count === 2)) {
          if (performance.now() - sliceStart > SLICE_MS) {
            await yieldToOthers();
            sliceStart = performance.now();
          }
          const next = await lines.next();
          if (next.done) {
            if (text) controller.enqueue(encoder.encode(text));
            controller.close();
            await end();
            return;
          }
          text += next.value;
          count++;
        }
      } catch (err) {
        await end(err);
        controller.error(err);
        return;
      }
      first = false;
      controller.enqueue(encoder.encode(text));
    },
    async cancel(reason) {
      await lines.return?.();
      await end(reason ?? new Error("client went away"));
    },
  });
}
