/**
 * Maps string offsets to 1-based line and column numbers.
 *
 * Errors and spans report positions in the whole script, not in the statement being parsed,
 * so one index is built per script and shared by every statement in it.
 */
export class LineIndex {
  /** Offset at which each line starts; line 1 starts at 0. */
  private readonly starts: number[] = [0];

  constructor(source: string) {
    for (let i = 0; i < source.length; i++) {
      const c = source.charCodeAt(i);
      // "\r\n" is one break; a lone "\r" (old Mac files) counts as a break too.
      if (c === 10 || (c === 13 && source.charCodeAt(i + 1) !== 10)) this.starts.push(i + 1);
    }
  }

  /** Line and column (both 1-based, column in UTF-16 code units) of `offset`. */
  locate(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }
}
