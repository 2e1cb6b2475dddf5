/**
 * What a terminal shows after `bytes` were written to it: the few control sequences a
 * progress bar uses (cursor to column, erase line / to end of screen, relative moves,
 * save/restore cursor), a newline as CR LF (a tty's onlcr), and a scrollback that never
 * ends. Lines are returned without trailing blanks.
 */
export function screen(bytes: string): string[] {
  const lines: string[][] = [[]];
  let row = 0;
  let col = 0;
  let saved = { row: 0, col: 0 };
  const line = () => (lines[row] ??= []);
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (c === '\n') {
      row++;
      col = 0;
      line();
    } else if (c === '\r') {
      col = 0;
    } else if (c === '\x1b') {
      const next = bytes[i + 1];
      if (next === '7') {
        saved = { row, col };
        i++;
      } else if (next === '8') {
        ({ row, col } = saved);
        i++;
      } else if (next === '[') {
        const m = /^\[(\??)(\d*)([A-Za-z])/.exec(bytes.slice(i + 1, i + 12));
        if (!m) throw new Error(`unknown escape at ${i}: ${JSON.stringify(bytes.slice(i, i + 12))}`);
        i += m[0].length;
        if (m[1] === '?') continue; // cursor visibility, line wrapping
        const n = m[2] === '' ? undefined : Number(m[2]);
        const cur = line();
        switch (m[3]) {
          case 'G':
            col = (n ?? 1) - 1;
            break;
          case 'A':
            row = Math.max(0, row - (n ?? 1));
            break;
          case 'B':
            row += n ?? 1;
            line();
            break;
          case 'C':
            col += n ?? 1;
            break;
          case 'D':
            col = Math.max(0, col - (n ?? 1));
            break;
          case 'K':
            if ((n ?? 0) === 0) cur.length = Math.min(cur.length, col);
            else if (n === 1) for (let x = 0; x <= col && x < cur.length; x++) cur[x] = ' ';
            else cur.length = 0;
            break;
          case 'J':
            cur.length = Math.min(cur.length, col);
            lines.length = row + 1;
            break;
          default:
            throw new Error(`unhandled escape ${m[0]}`);
        }
      } else throw new Error(`unknown escape at ${i}`);
    } else {
      const cur = line();
      while (cur.length < col) cur.push(' ');
      cur[col++] = c;
    }
  }
  return lines.map((l) => l.join('').trimEnd());
}
