/** An inclusive range of ranks (list indexes, sorted-set ranks), both within the collection. */
export interface RankRange {
  start: number;
  end: number;
}

/**
 * start..end over `len` elements as LRANGE, LTRIM, ZRANGE and ZREMRANGEBYRANK read it: negative
 * ranks count from the end, then both are clamped; null when nothing is in the range.
 */
export function rankRange(start: number, end: number, len: number): RankRange | null {
  if (start < 0) start += len;
  if (end < 0) end += len;
  if (start < 0) start = 0;
  if (start > end || start >= len) return null;
  if (end >= len) end = len - 1;
  return { start, end };
}
