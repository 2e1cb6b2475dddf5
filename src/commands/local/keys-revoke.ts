import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { CredytError, ExitCode } from '../../errors.js';
import type { Runtime } from '../../runtime.js';
import { printRecords } from '../../render/records.js';
import { action } from '../verb.js';
import { KEY_COLUMNS } from './keys-list.js';
import { withLocalEngine } from './local-db.js';

export function registerLocalKeysRevoke(parent: Command, ctx: Context): void {
  parent
    .command('revoke')
    .summary('Revoke an API key, by id or prefix (local engine)')
    .argument('<key>', 'the id or prefix `keys list` shows, or the key itself')
    .description(
      'Revoke an API key of the local engine: it stops working at once, in a running `credyt local serve` ' +
        'too (at its next request). The key stays listed, with when it was revoked; a journal entry records ' +
        'it. A prefix that matches several keys is refused (exit 5): give the id. A local extension.',
    )
    .addHelpText(
      'after',
      `
Examples:
  credyt local keys revoke 3
  credyt local keys revoke key_local_x7k2pq`,
    )
    .action(action(ctx, runLocalKeysRevoke));
}

export async function runLocalKeysRevoke(rt: Runtime, _opts: unknown, ref: string): Promise<void> {
  // Loaded here, not at the top: registering the command tree (completion, --help) must not load the engine.
  const { EngineError } = await import('../../engine/request/errors.js');
  const revoked = await withLocalEngine(rt, 'keys revoke', (engine) => {
    try {
      return engine.revokeApiKey(ref);
    } catch (error) {
      if (!(error instanceof EngineError)) throw error;
      throw new CredytError(error.detail, error.status === 404 ? ExitCode.NotFound : ExitCode.Validation);
    }
  });
  printRecords(rt.output, { columns: KEY_COLUMNS, rows: [revoked], json: revoked, id: (k) => String(k.id) });
  rt.note(`Revoked API key ${revoked.id}.`);
}
