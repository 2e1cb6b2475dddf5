// `node --import ./trace-loads.mjs …`: appends the URL of every module the program
// imports to the file named by CREDYT_TRACE_LOADS (startup tests).
import { register } from 'node:module';

register('./trace-hooks.mjs', import.meta.url);
