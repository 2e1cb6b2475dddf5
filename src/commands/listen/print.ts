import type { Output } from '../../render/output.js';
import type { Heard } from './receiver.js';

/** What the forward did, as one cell: `200 (12 ms)`, `refused (3 ms)`, or `-` without --forward-to. */
function forwardCell(heard: Heard): string {
  const f = heard.forwarded;
  if (!f) return '-';
  const ms = `${Math.round(f.durationMs)} ms`;
  return f.status === null ? `no answer (${ms}): ${f.error ?? ''}`.trimEnd() : `${f.status} (${ms})`;
}

const csvCell = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);

/**
 * One received event: with `-o json`/`jsonl` the event exactly as delivered (one JSON
 * object a line: a stream has no enclosing array); otherwise time, type, id and the
 * forward's outcome, two spaces apart on a terminal, tab-separated when piped.
 */
export function printHeard(out: Output, heard: Heard): void {
  if (out.mode === 'json' || out.mode === 'jsonl') {
    out.io.stdout.write(heard.body.trim() + '\n');
    return;
  }
  const { created = '', type = '', id = '' } = heard.event;
  const cells = [created, type, id, forwardCell(heard)];
  if (out.mode === 'csv') out.io.stdout.write(cells.map(csvCell).join(',') + '\n');
  else out.io.stdout.write(cells.join(out.mode === 'table' ? '  ' : '\t') + '\n');
}

/** `--print-secret`: the secret alone on stdout, before any event (a JSON line with -o json/jsonl). */
export function printSecret(out: Output, secret: string, webhookId: string): void {
  if (out.mode === 'json' || out.mode === 'jsonl') {
    out.io.stdout.write(JSON.stringify({ webhook_id: webhookId, secret }) + '\n');
    return;
  }
  out.io.stdout.write(secret + '\n');
}
