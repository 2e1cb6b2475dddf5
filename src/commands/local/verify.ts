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
  /** The connected account whose database holds the row; absent for the platform's. */
  account?: string;
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
        'violation with the table and id of the row at fault; exit 11 if there is any. Connected accounts\' ' +
        'databases (beside the file, docs/accounts.md) are audited too, each violation naming its account.',
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
  const { AccountEngines } = await import('../../engine/index.js');
  const { report, accounts, dbPath } = await withLocalEngine(rt, 'verify', (engine, path) => {
    // Each connected account's data is a database of its own beside the platform's (docs/accounts.md).
    const engines = new AccountEngines(engine);
    try {
      return { report: engine.verifyReport({ full }), accounts: engines.verifyReports({ full }), dbPath: path };
    } finally {
      engines.close();
    }
  });
  const { checked } = report;
  const violations: Violation[] = [...report.violations, ...accounts.flatMap((a) => a.violations.map((v) => ({ ...v, account: a.account })))];
  const columns = [
    { header: 'INVARIANT', value: (v: Violation) => v.invariant },
    { header: 'TABLE', value: (v: Violation) => v.table ?? '' },
    { header: 'ID', value: (v: Violation) => v.id ?? '' },
    { header: 'DETAIL', value: (v: Violation) => v.detail },
  ];
  if (accounts.length > 0) columns.push({ header: 'ACCOUNT', value: (v: Violation) => v.account ?? '' });
  const perAccount = accounts.map((a) => ({ account: a.account, ok: a.violations.length === 0, checked: a.checked }));
  printRecords(rt.output, {
    columns,
    rows: violations,
    // `accounts` only where there are connected accounts: a platform alone answers as before.
    json: { ok: violations.length === 0, checked, violations, ...(accounts.length > 0 ? { accounts: perAccount } : {}) },
    id: (v) => (v.table ? `${v.table} ${v.id}` : v.invariant),
  });
  // The summary is not data: stderr, and in every mode but -q and json (which carries it).
  if (!rt.output.quiet && rt.output.mode !== 'json') {
    rt.output.io.stderr.write(`Checked ${checkedText(checked)}.\n`);
    for (const a of perAccount) rt.output.io.stderr.write(`Checked account ${a.account}: ${checkedText(a.checked) || 'no data yet'}.\n`);
  }
  if (violations.length > 0) {
    const failed = perAccount.filter((a) => !a.ok).map((a) => a.account);
    const where = failed.length === 0 ? dbPath : `${dbPath} (connected accounts: ${failed.join(', ')})`;
    throw new CredytError(`${violations.length} ledger violation(s) in ${where}`, ExitCode.LedgerViolations);
  }
  rt.note(`Ledger sound: ${dbPath}${accounts.length > 0 ? ` and its ${accounts.length} connected account(s)` : ''}`);
}
