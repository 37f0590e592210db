/** The authorization cache's bounded map (src/authz/lru.ts). */
import { describe, expect, it } from "vitest";
import { LruMap } from "../../src/authz/lru";

describe("LruMap", () => {
  it("answers what was set, and forgets deleted and cleared keys", () => {
    const m = new LruMap<string, number>(10);
    m.set("a", 1);
    m.set("b", 2);
    m.set("a", 3);
    expect([m.get("a"), m.get("b"), m.size]).toEqual([3, 2, 2]);
    m.delete("a");
    expect(m.get("a")).toBeUndefined();
    m.clear();
    expect([m.get("b"), m.size]).toEqual([undefined, 0]);
  });

  it("never holds more than its capacity", () => {
    const m = new LruMap<number, number>(100);
    for (let i = 0; i < 10_000; i++) {
      m.set(i, i);
      if (i % 3 === 0) m.get(i - 50);
      expect(m.size).toBeLessThanOrEqual(100);
    }
  });

  it("keeps entries used in every generation and drops ones left unused", () => {
    const m = new LruMap<string, number>(10);
    m.set("hot", 1);
    m.set("cold", 2);
    for (let i = 0; i < 100; i++) {
      m.set(`filler${i}`, i);
      expect(m.get("hot"), `after ${i} fillers`).toBe(1);
    }
    expect(m.get("cold")).toBeUndefined();
  });

  it("keeps the most recent entries when nothing is re-read", () => {
    const m = new LruMap<number, number>(10);
    for (let i = 0; i < 1000; i++) m.set(i, i);
    for (let i = 995; i < 1000; i++) expect(m.get(i)).toBe(i);
  });
});
