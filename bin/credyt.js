#!/usr/bin/env node
// Thin launcher: the only place that ends the process.
// process.getBuiltinModule, not `import`: an ES module facade of node:fs costs more.
const { readFileSync, statSync } = process.getBuiltinModule('node:fs');

// The start-up bundle (scripts/bundle.mjs) when it is at least as new as tsc's dist/;
// otherwise dist/ itself (same code, more files to load). CREDYT_BUNDLE=1 or 0 forces
// one or the other (tests of each).
const bundle = new URL('../dist/bundle/credyt.js', import.meta.url);
const unbundled = new URL('../dist/cli.js', import.meta.url);
function useBundle() {
  const forced = process.env.CREDYT_BUNDLE;
  if (forced === '0') return false;
  try {
    const built = statSync(bundle).mtimeMs;
    return forced === '1' || built >= (statSync(unbundled, { throwIfNoEntry: false })?.mtimeMs ?? 0);
  } catch {
    return false;
  }
}
const { main, createContext, systemStreams, inquirerPrompter } = await import(useBundle() ? bundle : unbundled);

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
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

const code = await main(process.argv.slice(2), ctx);
process.exitCode = interrupted && code === 0 ? 130 : code;
