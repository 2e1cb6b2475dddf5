/**
 * Column widths (content only, without padding) that make a table fit `width` terminal
 * columns, as gh does: amounts keep their width (a cut number misleads), the widest other
 * column gives up a character at a time, down to `MIN` or its header. Undefined when the
 * table fits as it is, or when nothing can shrink enough (then it is left to the terminal).
 */
const MIN = 8;

export function fitWidths(natural: number[], fixed: boolean[], floor: number[], width: number): number[] | undefined {
  // Each column has a space either side and a border after it; one border opens the row.
  const total = (widths: number[]) => widths.reduce((sum, w) => sum + w + 3, 1);
  if (total(natural) <= width) return undefined;
  const widths = [...natural];
  const least = natural.map((w, i) => (fixed[i] ? w : Math.min(w, Math.max(MIN, floor[i] ?? 0))));
  while (total(widths) > width) {
    let widest = -1;
    for (let i = 0; i < widths.length; i++) {
      if (widths[i]! > least[i]! && (widest < 0 || widths[i]! > widths[widest]!)) widest = i;
    }
    if (widest < 0) return widths;
    widths[widest]!--;
  }
  return widths;
}

/** Display width of a cell's text: its longest line, in code points (no East Asian widths). */
export function textWidth(text: string): number {
  // eslint-disable-next-line no-control-regex
  const plain = text.replace(/\u001b\[[0-9;]*m/g, '');
  return Math.max(0, ...plain.split('\n').map((line) => [...line].length));
}
