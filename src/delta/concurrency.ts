/**
 * Map over items with at most `limit` promises in flight, keeping result order. Commit files
 * are many small objects: fetching them in parallel hides object-store latency (S3 ~10–50 ms
 * per GET) without opening thousands of requests at once.
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * Yield `fetch(item)` results in order while keeping up to `ahead` fetches in flight. Replay
 * uses it to parse and apply each commit as soon as it is its turn: parsed actions die young
 * instead of all commits being held at once, which keeps garbage collection cheap.
 */
export async function* prefetchInOrder<T, R>(items: readonly T[], ahead: number, fetch: (item: T) => Promise<R>): AsyncGenerator<R> {
  const pending: Promise<R>[] = [];
  let started = 0;
  const startMore = () => {
    while (started < items.length && pending.length < ahead) {
      const p = fetch(items[started++]!);
      p.catch(() => undefined); // surfaced when awaited in order
      pending.push(p);
    }
  };
  startMore();
  while (pending.length > 0) {
    const next = pending.shift()!;
    startMore();
    yield await next;
  }
}
