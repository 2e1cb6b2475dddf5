import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { CredytError, ExitCode, UsageError } from '../../errors.js';
import { action } from '../verb.js';
import { printRecords } from '../../render/records.js';

interface Violation {
  invariant: string;
  detail: string;
}

export function registerLocalVerify(parent: Command, ctx: Context, run = runLocalVerify): void {
  parent
    .command('verify')
    .summary("Check the local ledger's invariants from scratch")
    .description(
      "Check the local ledger's invariants from scratch: per-asset conservation, balanced entries,\n" +
        'balances equal to the replayed journal, pending_in and pending_out equal to open top-ups and\n' +
        'holds, a gapless journal, fees equal to their entries, grants never below zero and in step\n' +
        'with the balance, and SQLite\'s PRAGMA integrity_check. Prints each violation; exit 5 if any.',
    )
    .addHelpText(
      'after',
      `
Examples:
  credyt local verify
  credyt local verify --db ./dev.db -o json`,
    )
    .action(action(ctx, run));
}

export async function runLocalVerify(rt: Runtime): Promise<void> {
  const target = rt.target();
  const dbPath = target.kind === 'embedded' ? target.dbPath : rt.flags.db;
  if (!dbPath) throw new UsageError('local verify checks the embedded engine: give --db PATH or use the local profile.');
  if (!existsSync(dbPath)) throw new UsageError(`No database at ${dbPath}.`);
  const { openEngine } = await import('../../engine/index.js');
  const engine = openEngine({ path: dbPath, clock: rt.ctx.now });
  let violations: Violation[];
  try {
    violations = engine.verify();
  } finally {
    engine.close();
  }
  printRecords(rt.output, {
    columns: [
      { header: 'INVARIANT', value: (v: Violation) => v.invariant },
      { header: 'DETAIL', value: (v) => v.detail },
    ],
    rows: violations,
    json: { ok: violations.length === 0, violations },
    id: (v) => v.invariant,
  });
  if (violations.length > 0) {
    throw new CredytError(`${violations.length} ledger invariant violation(s) in ${dbPath}`, ExitCode.Validation);
  }
  rt.note(`Ledger sound: ${dbPath}`);
}
