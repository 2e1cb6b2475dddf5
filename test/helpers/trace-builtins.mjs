// `node --import ./trace-builtins.mjs …`: at exit, writes the Node built-in modules the
// program loaded (process.moduleLoadList, one a line) to the file named by
// CREDYT_TRACE_BUILTINS (startup tests: what a run pays for beyond its own code).
import { writeFileSync } from 'node:fs';

const file = process.env.CREDYT_TRACE_BUILTINS;
process.on('exit', () => {
  const builtins = process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice('NativeModule '.length));
  writeFileSync(file, `${builtins.join('\n')}\n`);
});
