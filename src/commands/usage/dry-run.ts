import type { Runtime } from '../../runtime.js';
import { checkDryRunFlags, type BulkFlags } from '../../pipeline/flags.js';

/** `usage post --file --dry-run`: every line checked and priced, nothing posted. */
export async function runUsageDryRun(rt: Runtime, opts: BulkFlags & { strict?: boolean }, file: string, ref?: string): Promise<void> {
  checkDryRunFlags(opts);
  const [{ runDryRun }, { usageKind }, { usageDryCheck }] = await Promise.all([
    import('../../pipeline/dry-run.js'),
    import('./bulk.js'),
    import('./dry-check.js'),
  ]);
  const kind = usageKind(ref, false, opts.strict === true);
  await runDryRun(rt, { ...opts, file }, kind, usageDryCheck(kind, opts.strict === true, opts.concurrency));
}
