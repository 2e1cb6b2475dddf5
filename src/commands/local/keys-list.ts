import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { ApiKeyView } from '../../engine/index.js';
import type { Runtime } from '../../runtime.js';
import { printRecords } from '../../render/records.js';
import { action } from '../verb.js';
import { withLocalEngine } from './local-db.js';

/** Columns shared by `keys list` and `keys revoke`. */
export const KEY_COLUMNS = [
  { header: 'ID', value: (k: ApiKeyView) => k.id },
  { header: 'PREFIX', value: (k: ApiKeyView) => k.prefix ?? '(made before prefixes were kept)' },
  { header: 'CREATED', field: 'created_at', value: (k: ApiKeyView) => k.created_at },
  { header: 'REVOKED', field: 'revoked_at', value: (k: ApiKeyView) => k.revoked_at ?? '' },
];

export function registerLocalKeysList(parent: Command, ctx: Context): void {
  parent
    .command('list')
    .summary('List the API keys, never the keys themselves (local engine)')
    .description(
      "List the API keys of the local engine's database: id, the key's first characters, when it was " +
        'made and when it was revoked. Only a hash of each key is stored, so a key cannot be shown again. ' +
        'When a key was last used is not recorded (it would add a write to every request). A local extension.',
    )
    .addHelpText(
      'after',
      `
Examples:
  credyt local keys list
  credyt local keys list --db ./dev.db -o json`,
    )
    .action(action(ctx, runLocalKeysList));
}

export async function runLocalKeysList(rt: Runtime): Promise<void> {
  const keys = await withLocalEngine(rt, 'keys list', (engine) => engine.listApiKeys());
  printRecords(rt.output, { columns: KEY_COLUMNS, rows: keys, json: { items: keys }, id: (k) => String(k.id), noun: 'API keys' });
}
