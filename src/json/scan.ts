/**
 * Primitives of the fast scans over JSON text (the depth check, the exact parser's fast
 * path, the scan of a `POST /events` answer): each looks at brackets and string
 * boundaries only, so a scan is one pass that allocates nothing.
 */

/** Index of the quote closing the string opened at `open`, or -1 when it is not closed. */
export function stringEnd(text: string, open: number): number {
  let at = text.indexOf('"', open + 1);
  while (at > 0) {
    let slashes = 0;
    while (text.charCodeAt(at - 1 - slashes) === 92 /* \ */) slashes++;
    if (slashes % 2 === 0) return at;
    at = text.indexOf('"', at + 1);
  }
  return -1;
}
