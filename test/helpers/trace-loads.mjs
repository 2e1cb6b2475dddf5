// `node --import ./trace-loads.mjs …`: appends the URL of every module the program
// imports to the file named by CREDYT_TRACE_LOADS (startup tests), and of every script
// it compiles through vm.Script (bin/credyt.js runs the root bundle so).
import { appendFileSync } from 'node:fs';
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';

register('./trace-hooks.mjs', import.meta.url);

const Script = vm.Script;
vm.Script = class TracedScript extends Script {
  constructor(code, options) {
    super(code, options);
    if (process.env.CREDYT_TRACE_LOADS && options?.filename) appendFileSync(process.env.CREDYT_TRACE_LOADS, `${pathToFileURL(options.filename).href}\n`);
  }
};
