import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { CredytError, ExitCode } from '../../errors.js';
import { withLocalEngine } from './local-db.js';
import { action } from '../verb.js';
import { printRecords } from '../../render/records.js';

interface Violation {
  invariant: string;
  table?: string;
  id?: string;
  detail: string;
}

export function registerLocalVerify(parent: Command, ctx: Context): void {
  parent
    .command('verify')
    .summary('Audit the local ledger: every money row against the journal (local engine)')
    .description(
      'Check the local ledger from scratch: per-asset conservation, balanced entries, balances equal to ' +
        'the replayed journal, the hash chain over journal entries (naming the first broken link), a gapless ' +
        'journal, and every row that states money against the entries it produced: adjustments, top-ups ' +
        'in every state, holds, grants (recomputed from the journal), usage fees, account owners and API ' +
        "keys; then SQLite's PRAGMA quick_check (integrity_check with --full). Prints the rows checked per kind (on stderr) and each " +
        'violation with the table and id of the row at fault; exit 11 if there is any.',
    )
    .option('--full', "SQLite's full integrity_check (each index against its table) instead of quick_check")
    .addHelpText(
      'after',
      `
Examples:
  credyt local verify
  credyt local verify --db ./dev.db -o json
  credyt local verify --full`,
    )
    .action(action(ctx, runLocalVerify));
}

/** `1,204 journal entries, 3 adjustments, …`: what was read, per kind. */
export function checkedText(checked: Record<string, number>): string {
  return Object.entries(checked)
    .map(([kind, n]) => `${n.toLocaleString('en-US')} ${kind.replaceAll('_', ' ')}`)
    .join(', ');
}

export async function runLocalVerify(rt: Runtime, opts: { full?: boolean } = {}): Promise<void> {
  const full = opts.full === true;
  const { report, dbPath } = await withLocalEngine(rt, 'verify', (engine, path) => ({ report: engine.verifyReport({ full }), dbPath: path }));
  const { checked, violations } = report;
  printRecords(rt.output, {
    columns: [
      { header: 'INVARIANT', value: (v: Violation) => v.invariant },
      { header: 'TABLE', value: (v) => v.table ?? '' },
      { header: 'ID', value: (v) => v.id ?? '' },
      { header: 'DETAIL', value: (v) => v.detail },
    ],
    rows: violations,
    json: { ok: violations.length === 0, checked, violations },
    id: (v) => (v.table ? `${v.table} ${v.id}` : v.invariant),
  });
  // The summary is not data: stderr, and in every mode but -q and json (which carries it).
  if (!rt.output.quiet && rt.output.mode !== 'json') rt.output.io.stderr.write(`Checked ${checkedText(checked)}.\n`);
  if (violations.length > 0) {
    throw new CredytError(`${violations.length} ledger violation(s) in ${dbPath}`, ExitCode.LedgerViolations);
  }
  rt.note(`Ledger sound: ${dbPath}`);
}
