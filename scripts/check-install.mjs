// Run by `prepare` after dependencies install: proves the SQLite binding loads, so an
// install whose native build was skipped (npm >= 11 blocks install scripts not listed in
// package.json's allowScripts) or failed stops here, loudly, instead of leaving a CLI that
// dies on its first command.
import Database from 'better-sqlite3';

try {
  const db = new Database(':memory:');
  db.prepare('select 1').get();
  db.close();
} catch (error) {
  console.error(
    `credyt: better-sqlite3's native binding does not load: ${error instanceof Error ? error.message : error}\n` +
      'Its install script was skipped or failed. Run `npm rebuild better-sqlite3` and read its output ' +
      '(npm >= 11: the script must be allowed, as package.json\'s allowScripts does; ' +
      'for a global install: npm install -g --allow-scripts=better-sqlite3,esbuild credyt).',
  );
  process.exit(1);
}
