import { InvalidArgumentError, type Command } from 'commander';
import type { StatsQuery } from '../../client/types.js';
import { choiceArg } from '../parse.js';

/** `--from`/`--to`: a UTC day, as the stats are kept. */
export function dayArg(value: string): string {
  const day = value.trim();
  const date = new Date(`${day}T00:00:00Z`);
  // 2026-02-30 matches the pattern but is no day: Date rolls it over (or is invalid).
  const ok = /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day);
  if (!ok) throw new InvalidArgumentError(`"${value}" is not a date YYYY-MM-DD (stats are kept per UTC day).`);
  return day;
}

export interface StatsOptions {
  from?: string;
  to?: string;
  interval?: 'day' | 'month';
}

/** The range and grouping flags of `vendors stats` and `customers stats`. */
export function statsFlags(command: Command): Command {
  return command
    .option('--from <day>', 'first UTC day, inclusive (YYYY-MM-DD; default: all time)', dayArg)
    .option('--to <day>', 'last UTC day, inclusive (YYYY-MM-DD; default: all time)', dayArg)
    .option('--interval <period>', 'one line per day or month, then the totals', choiceArg(['day', 'month'] as const));
}

export function statsQuery(opts: StatsOptions): StatsQuery {
  return { from: opts.from, to: opts.to, interval: opts.interval };
}
