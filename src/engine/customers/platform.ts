import { newId } from '../request/ids.js';
import type { Store } from '../store/store.js';
import type { PlatformAccountView } from '../types.js';

const KEY = 'platform_account_id';

/**
 * The database's own `acc_` id, made once and kept: the local engine is one platform. A
 * connected account's database takes the account's id (`given`), so the `platform_id` of
 * its portal and checkout tokens names the account.
 */
export function ensurePlatformId(store: Store, given?: string): void {
  if (store.stmt('SELECT 1 FROM settings WHERE key = ?').get(KEY)) return;
  store.write(() => {
    store.stmt('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)').run(KEY, given ?? newId('acc', store.clock()));
  });
}

/** `GET /accounts/self`: the local engine always runs in test mode. */
export function platformAccountView(store: Store): PlatformAccountView {
  const id = store.stmt('SELECT value FROM settings WHERE key = ?').pluck().get(KEY) as string;
  return { id, name: 'Local engine', live_mode: false };
}
