import type { Rate } from '../client/types.js';

/**
 * Rate history with each entry's state at `now`: per source, the latest entry already in
 * effect is active, earlier ones are superseded, later ones scheduled. Used when the API
 * does not say (the local engine does; Credyt's docs are silent).
 */
export function withRateStatus(rates: Rate[], now: Date): Rate[] {
  if (rates.every((r) => r.status)) return rates;
  const active = new Map<string, Rate>();
  for (const rate of rates) {
    if (new Date(rate.effective_at) > now) continue;
    const best = active.get(rate.source);
    if (!best || new Date(rate.effective_at) >= new Date(best.effective_at)) active.set(rate.source, rate);
  }
  return rates.map((rate) => ({
    ...rate,
    status:
      new Date(rate.effective_at) > now ? 'scheduled' : active.get(rate.source) === rate ? 'active' : 'superseded',
  }));
}
