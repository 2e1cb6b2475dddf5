#!/usr/bin/env node
// Writes completions/credyt.bash, completions/_credyt and completions/credyt.fish from the
// command tree (dist/, so run `npm run build` first: `npm run completions` does).
import { writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateCompletions } from '../dist/completion/generate.js';

const dir = resolve(import.meta.dirname, '../completions');
mkdirSync(dir, { recursive: true });
for (const { file, text } of await generateCompletions()) {
  writeFileSync(join(dir, file), text);
  console.log(`wrote completions/${file}`);
}
