import type { Store } from '../store/store.js';
import { findTopUp, type TopUpRow } from '../movements/top-up-settle.js';

/** Initiated top-ups whose checkout lapses at or before `upTo`, earliest first (at most one). */
export function topUpsDue(store: Store, upTo: string): TopUpRow[] {
  const ids = store
    .stmt("SELECT id FROM top_ups WHERE status = 'initiated' AND expires_at <= ? ORDER BY expires_at, seq LIMIT 1")
    .pluck()
    .all(upTo) as string[];
  return ids.map((id) => findTopUp(store, id) as TopUpRow);
}
