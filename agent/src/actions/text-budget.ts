/**
 * Bounding text so a command's result fits in one batch message (128 KB): each piece is cut to a
 * share of the budget, with a visible marker where it was cut.
 */
export interface TextPiece {
  text: string;
  /** `tail` keeps the end (logs: the latest lines matter), `head` the beginning. */
  keep: 'head' | 'tail';
}

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/**
 * Cuts `text` to at most `maxBytes` UTF-8 bytes, marker included.
 *
 * @example truncateText('a'.repeat(1000), 100, 'tail') // '[… 9xx bytes truncated …]\naaa…'
 */
export function truncateText(text: string, maxBytes: number, keep: 'head' | 'tail'): string {
  const size = bytes(text);
  if (size <= maxBytes) return text;
  const marker = (cut: number) => (keep === 'tail' ? `[… ${cut} bytes truncated …]\n` : `\n[… ${cut} bytes truncated …]`);
  const room = Math.max(0, maxBytes - bytes(marker(size)));
  const buf = Buffer.from(text, 'utf8');
  // Cut on a character boundary: skip UTF-8 continuation bytes (10xxxxxx).
  let start = keep === 'tail' ? buf.length - room : 0;
  let end = keep === 'tail' ? buf.length : room;
  if (keep === 'tail') while (start < buf.length && (buf[start]! & 0xc0) === 0x80) start += 1;
  else while (end > 0 && (buf[end]! & 0xc0) === 0x80) end -= 1;
  const kept = buf.subarray(start, end).toString('utf8');
  return keep === 'tail' ? marker(size - (end - start)) + kept : kept + marker(size - (end - start));
}

/**
 * Shares `budgetBytes` among the pieces fairly (small pieces stay whole, the big ones are cut to
 * an equal cap) and returns the pieces' texts in order.
 */
export function fitPieces(pieces: readonly TextPiece[], budgetBytes: number): string[] {
  const sizes = pieces.map((p) => bytes(p.text));
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total <= budgetBytes) return pieces.map((p) => p.text);
  // Water-filling: the largest cap c with Σ min(size, c) ≤ budget.
  const sorted = [...sizes].sort((a, b) => a - b);
  let remaining = Math.max(0, budgetBytes);
  let cap = 0;
  for (let i = 0; i < sorted.length; i++) {
    const share = Math.floor(remaining / (sorted.length - i));
    if (sorted[i]! <= share) {
      remaining -= sorted[i]!;
      continue;
    }
    cap = share;
    break;
  }
  return pieces.map((p, i) => (sizes[i]! <= cap ? p.text : truncateText(p.text, cap, p.keep)));
}
