#!/usr/bin/env node
// Thin launcher: the only place that ends the process.
// CommonJS (bin/package.json): a run that needs no ES module then starts none of Node's
// ES module loader.
'use strict';
const { readFileSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

// The start-up bundle (scripts/bundle.mjs) when it is at least as new as tsc's dist/;
// otherwise dist/ itself (same code, more files to load). CREDYT_BUNDLE=1 or 0 forces
// one or the other (tests of each).
const bundleDir = join(__dirname, '../dist/bundle');
const unbundled = join(__dirname, '../dist/cli.js');
function useBundle() {
  const forced = process.env.CREDYT_BUNDLE;
  if (forced === '0') return false;
  try {
    const built = statSync(join(bundleDir, 'credyt.js')).mtimeMs;
    return forced === '1' || built >= (statSync(unbundled, { throwIfNoEntry: false })?.mtimeMs ?? 0);
  } catch {
    return false;
  }
}

/**
 * A run whose argv names no command registers none (programFor in src/program.ts): the
 * root bundle has all it runs, as one script compiled from V8's code cache (both named in
 * dist/bundle/root.json; scripts/bundle.mjs says why). Any other run, or a build without
 * it, takes the ES module chunks.
 */
function rootBundle(argv) {
  let root;
  try {
    root = JSON.parse(readFileSync(join(bundleDir, 'root.json'), 'utf8'));
  } catch {
    return undefined;
  }
  if (argv.some((word) => root.commands.includes(word))) return undefined;
  const file = join(bundleDir, root.script);
  let cachedData;
  try {
    cachedData = readFileSync(join(bundleDir, root.cache));
  } catch {
    // No cache: V8 compiles the script as it runs.
  }
  let source;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  // A cache V8 rejects (made by another Node) is ignored: the script compiles as if there were none.
  const script = new (require('node:vm').Script)(source, { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, require('node:module').createRequire(file), module, file, bundleDir);
  return module.exports;
}

function load(argv) {
  if (!useBundle()) return import(pathToFileURL(unbundled).href);
  return rootBundle(argv) ?? import(pathToFileURL(join(bundleDir, 'credyt.js')).href);
}

async function run() {
  const argv = process.argv.slice(2);
  const { main, createContext, systemStreams, inquirerPrompter } = await load(argv);
  const { version } = JSON.parse(readFileSync(join(__dirname, '../package.json'), 'utf8'));
  const shutdown = new AbortController();
  const io = systemStreams(process.env);
  // Prompts are drawn on stderr so stdout keeps carrying data only.
  // stdin through a getter: Node builds the stream on first use, and only a question needs it.
  const prompter = inquirerPrompter({
    get input() {
      return process.stdin;
    },
    output: process.stderr,
    color: io.stderrColor,
    signal: shutdown.signal,
  });
  const ctx = createContext(io, process.env, version, shutdown.signal, prompter);

  // `credyt … | head -1`: the reader went away, which is how pipelines end, not an error;
  // a bulk write claims it and finishes its run instead (ctx.onOutputClosed).
  for (const [name, stream] of [['stdout', process.stdout], ['stderr', process.stderr]]) {
    stream.on('error', (error) => {
      if (error.code === 'EPIPE') {
        if (ctx.onOutputClosed?.(name)) return;
        process.exit(0);
      }
      throw error;
    });
  }

  let interrupted = false;
  function onSignal(signal) {
    // A second signal means "now": skip the graceful close.
    if (shutdown.signal.aborted) process.exit(130);
    interrupted = signal === 'SIGINT';
    // SQLite commits are atomic, so ending mid-command loses nothing that was not committed.
    if (!ctx.graceful) process.exit(interrupted ? 130 : 143);
    shutdown.abort(signal);
    setTimeout(() => process.exit(interrupted ? 130 : 143), 5000).unref();
  }
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const code = await main(argv, ctx);
  process.exitCode = interrupted && code === 0 ? 130 : code;
}

run();
