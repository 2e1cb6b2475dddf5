// Run by `prepare`: builds dist/ unless it is newer than everything it is built from.
// `npx credyt` inside this checkout installs the package from its own folder and runs
// `prepare` again; a full build there cost 10-12 s before the command even started.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const INPUTS = ['src', 'scripts', 'bin', 'tsconfig.json', 'package.json', 'package-lock.json', 'node_modules/.package-lock.json'];
// tsc's entry and the bundle's index, which scripts/bundle.mjs writes last.
const OUTPUTS = ['dist/cli.js', 'dist/bundle/root.json'];

/** The newest modification time under `path` (a file or a folder), 0 when it is absent. */
function newest(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

function builtAt() {
  let oldest = Infinity;
  for (const output of OUTPUTS) {
    const at = newest(join(root, output));
    if (at === 0) return 0;
    oldest = Math.min(oldest, at);
  }
  return oldest;
}

const inputsAt = Math.max(...INPUTS.map((input) => newest(join(root, input))));
if (process.env.CREDYT_FORCE_BUILD !== '1' && builtAt() > inputsAt) {
  console.error('credyt: dist/ is newer than its sources; build skipped (npm run build rebuilds).');
} else {
  const run = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  process.exit(run.status ?? 1);
}
