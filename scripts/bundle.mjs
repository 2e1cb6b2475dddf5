#!/usr/bin/env node
// Bundles src/ into dist/bundle/ for a fast start (bin/credyt.js prefers it to dist/).
// `npm run build` runs tsc first (type check, and dist/ for tests that import it), then
// this. Code splitting keeps every dynamic import() a chunk of its own, loaded only when
// it runs, so `credyt --help` evaluates none of the engine, fastify, undici or inquirer.
// dist/bundle/meta.json maps each chunk to the source modules in it
// (test/e2e/startup.test.ts reads it to see what a command loaded).
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { Script } from 'node:vm';

const root = resolve(import.meta.dirname, '..');
const outdir = resolve(root, 'dist/bundle');

// Bundled CommonJS calls require(); an ES module has none, so each chunk makes one
// (process.getBuiltinModule: importing node:module as an ES module costs more).
const banner = "const require = process.getBuiltinModule('node:module').createRequire(import.meta.url);";

/**
 * `await import('cli-progress')` of a CommonJS package: Node gives the named exports it
 * finds in the source; a split chunk of esbuild exports `default` only. Such packages are
 * imported through a module that names each export (listed by loading the package here).
 */
const CJS_IMPORTED = ['cli-progress'];

/**
 * undici's index loads every part of it (fetch, cookies, WebSocket, mocks, caches, which
 * also wakes Node's own copy of undici): about one `node -e 0` more than the keep-alive
 * Pool the HTTP transport uses. The bundle loads the Pool and the request API only, as
 * undici's index wires them; checked below against what src/ takes from `import('undici')`.
 */
const UNDICI_USED = ['Pool'];
const UNDICI_SLIM = `const Dispatcher = require('undici/lib/dispatcher/dispatcher.js');
Object.assign(Dispatcher.prototype, require('undici/lib/api/index.js'));
export const Pool = require('undici/lib/dispatcher/pool.js');
`;

function checkUndiciUse() {
  const files = readdirSync(resolve(root, 'src'), { recursive: true }).filter((f) => f.endsWith('.ts'));
  for (const file of files) {
    const text = readFileSync(resolve(root, 'src', file), 'utf8');
    for (const match of text.matchAll(/(.{0,80})await import\('undici'\)/g)) {
      const names = /\{([^}]*)\}\s*=\s*$/.exec(match[1])?.[1].split(',').map((n) => n.trim().split(/\s*:/)[0]);
      const extra = names ? names.filter((n) => n && !UNDICI_USED.includes(n)) : ['(not a destructuring)'];
      if (extra.length > 0) throw new Error(`src/${file} takes ${extra.join(', ')} from undici: add it to UNDICI_SLIM in scripts/bundle.mjs`);
    }
  }
}

/**
 * commander requires node:child_process at its top for executable subcommands, which the
 * CLI has none of; loading it also loads dgram, net and the process and signal bindings,
 * a few ms of every start, `--help` included. commander gets a stand-in that loads the
 * real module on first use.
 */
const LAZY_CHILD_PROCESS = `let loaded;
const real = () => (loaded ??= process.getBuiltinModule('node:child_process'));
module.exports = new Proxy({}, { get: (_target, name) => real()[name], has: (_target, name) => name in real() });
`;

/**
 * undici's HTTP/2 client requires node:http2 at its top, for a few header-name constants;
 * node:http2 loads tls and crypto with it (≈ 15 ms of every HTTP command). The transport
 * speaks HTTP/1.1 only (no `allowH2`), so undici gets the constants as fixed values
 * (checked against Node's below) and the module itself on first use.
 */
const HTTP2_CONSTANTS = [
  'HTTP2_HEADER_AUTHORITY',
  'HTTP2_HEADER_METHOD',
  'HTTP2_HEADER_PATH',
  'HTTP2_HEADER_SCHEME',
  'HTTP2_HEADER_CONTENT_LENGTH',
  'HTTP2_HEADER_EXPECT',
  'HTTP2_HEADER_STATUS',
  'HTTP2_HEADER_PROTOCOL',
  'NGHTTP2_REFUSED_STREAM',
  'NGHTTP2_CANCEL',
];
function lazyHttp2() {
  const { constants } = process.getBuiltinModule('node:http2');
  const text = readFileSync(resolve(root, 'node_modules/undici/lib/dispatcher/client-h2.js'), 'utf8');
  const destructured = /constants:\s*\{([^}]*)\}\s*\}\s*=\s*http2/.exec(text)?.[1].split(',').map((n) => n.trim()).filter(Boolean);
  const extra = destructured?.filter((n) => !HTTP2_CONSTANTS.includes(n)) ?? ['(not found)'];
  if (extra.length > 0) throw new Error(`undici's client-h2.js takes ${extra.join(', ')} from node:http2's constants: add them to HTTP2_CONSTANTS in scripts/bundle.mjs`);
  const fixed = Object.fromEntries(HTTP2_CONSTANTS.map((name) => [name, constants[name]]));
  return `let loaded;
const real = () => (loaded ??= process.getBuiltinModule('node:http2'));
const constants = ${JSON.stringify(fixed)};
module.exports = new Proxy({}, { get: (_target, name) => (name === 'constants' && !loaded ? constants : real()[name]), has: (_target, name) => name in real() });
`;
}

/**
 * `import … from 'node:x'` in an ES module makes Node build that built-in's ES module
 * facade, which reads every export once, getters included: `node:process`'s loads the
 * diagnostic report module, `node:crypto`'s WebCrypto. Bundled code takes built-ins
 * through require instead (the banner's), which esbuild reads as CommonJS: a named
 * import becomes a property read where it is used.
 */
const builtinsByRequire = {
  name: 'builtins-by-require',
  setup(b) {
    // One stand-in per importing module (its path after the `|`): a stand-in shared by
    // modules of different chunks became a chunk of its own, one more file for the ES
    // module loader to resolve, read and compile (five on the way of `wallet get`).
    b.onResolve({ filter: /^node:/ }, (args) =>
      args.kind === 'import-statement' || args.kind === 'dynamic-import'
        ? { path: `${args.path}|${args.importer}`, namespace: 'builtin-require' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'builtin-require' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path.split('|')[0])});`,
      loader: 'js',
    }));
  },
};

/** Stand-ins for builtins a package requires at its top but the CLI seldom uses. */
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(b) {
    const from = (pkg, importer) => new RegExp(`[\\\\/]node_modules[\\\\/]${pkg}[\\\\/]`).test(importer);
    b.onResolve({ filter: /^(node:)?(child_process|http2)$/ }, (args) => {
      const name = args.path.replace(/^node:/, '');
      if (name === 'child_process' && from('commander', args.importer)) return { path: name, namespace: 'lazy-builtin' };
      if (name === 'http2' && from('undici', args.importer)) return { path: name, namespace: 'lazy-builtin' };
      return undefined;
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
      contents: args.path === 'http2' ? lazyHttp2() : LAZY_CHILD_PROCESS,
      loader: 'js',
    }));
  },
};

const dynamicImports = {
  name: 'dynamic-imports',
  setup(b) {
    const requireFromRoot = createRequire(resolve(root, 'package.json'));
    b.onResolve({ filter: new RegExp(`^(undici|${CJS_IMPORTED.join('|')})$`) }, (args) =>
      args.kind === 'dynamic-import' ? { path: args.path, namespace: 'dynamic' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'dynamic' }, (args) => {
      if (args.path === 'undici') return { contents: UNDICI_SLIM, loader: 'js', resolveDir: root };
      const names = Object.keys(requireFromRoot(args.path)).filter((n) => n !== 'default' && /^[A-Za-z_$][\w$]*$/.test(n));
      return {
        contents: `import * as ns from ${JSON.stringify(args.path)};\nexport default ns.default;\nexport const { ${names.join(', ')} } = ns.default;\n`,
        loader: 'js',
        resolveDir: root,
      };
    });
  },
};

/**
 * The modules nearly every command runs (runtime, client, parsing, rendering, money and
 * JSON, commander) go in ONE chunk. esbuild puts a module in a chunk by the set of entry
 * points (the entry and every `import()` target) that reach it, so code shared by
 * different subsets of the 28 command modules made two dozen small chunks, and the ES
 * module loader resolves, reads and compiles each file apart (≈ 0.5 ms a file; `wallet get`
 * over HTTP loaded 28). Every entry point imports the group (`credyt:core`), so all of it
 * is reached from all of them alike: one chunk, loaded with the entry. A command that
 * needs less of it (`profiles list`, `help environment`) still loads it whole; none of it
 * is the engine, the server, undici or inquirer (test/e2e/startup.test.ts).
 */
const CORE = [
  'commander',
  'src/errors.ts',
  'src/top-summaries.ts',
  'src/commands/help/topics.ts',
  'src/runtime.ts',
  'src/client/client.ts',
  'src/client/customer-ref.ts',
  'src/client/lookup-answer.ts',
  'src/client/paths.ts',
  'src/commands/verb.ts',
  'src/commands/parse.ts',
  'src/commands/paging.ts',
  'src/commands/asset-precisions.ts',
  'src/render/output.ts',
  'src/render/records.ts',
  'src/render/customers.ts',
  'src/json/parse.ts',
  'src/json/write.ts',
  'src/money/amount.ts',
  'src/money/decimal.ts',
  // Small modules commands share with the engine: a chunk each otherwise, on the embedded way.
  'src/money/convert.ts',
  'src/money/number-text.ts',
  'src/client/ledger-file.ts',
  'src/client/replayed.ts',
  'src/json/own-member.ts',
];
const CORE_ID = 'credyt:core';

/** Source files some module loads with `import('./…')`: each is an entry point of the build. */
function dynamicTargets() {
  const targets = new Set();
  const files = readdirSync(resolve(root, 'src'), { recursive: true }).filter((f) => f.endsWith('.ts'));
  for (const file of files) {
    const path = resolve(root, 'src', file);
    for (const match of readFileSync(path, 'utf8').matchAll(/import\('(\.{1,2}\/[^']+)'\)/g)) {
      targets.add(resolve(path, '..', match[1].replace(/\.js$/, '.ts')));
    }
  }
  return targets;
}

/**
 * The embedded engine's way in the same manner: the in-process transport loads the engine,
 * the router, its lanes and the account scope together, each an `import()`, and the code
 * they share made a dozen more chunks. Every entry point under src/server/ and
 * src/engine/ imports this group, so what only they reach is one chunk; the commands'
 * entry points do not, so a run over HTTP loads none of it.
 */
const EMBEDDED = [
  'src/server/in-process/embedded-transport.ts',
  'src/engine/index.ts',
  'src/server/body-limit.ts',
  'src/server/in-process/lanes.ts',
  'src/server/in-process/router.ts',
  'src/server/accounts/dispatch.ts',
  'src/server/accounts/scope.ts',
];
const EMBEDDED_ID = 'credyt:embedded';

const coreChunk = {
  name: 'core-chunk',
  setup(b) {
    const entries = new Set([resolve(root, 'src/cli.ts'), ...dynamicTargets()]);
    const engineSide = (path) => /[\\/]src[\\/](server|engine)[\\/]/.test(path);
    const groups = { [CORE_ID]: CORE, [EMBEDDED_ID]: EMBEDDED };
    const importLine = (id) => `\nimport ${JSON.stringify(id)};`;
    b.onResolve({ filter: /^credyt:(core|embedded)$/ }, (args) => ({ path: args.path, namespace: 'group' }));
    b.onLoad({ filter: /.*/, namespace: 'group' }, (args) => ({
      contents: groups[args.path].map((m) => `import ${JSON.stringify(m.startsWith('src/') ? `./${m}` : m)};`).join('\n'),
      loader: 'js',
      resolveDir: root,
    }));
    b.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, (args) => {
      if (!entries.has(args.path)) return undefined;
      const imports = importLine(CORE_ID) + (engineSide(args.path) ? importLine(EMBEDDED_ID) : '');
      return { contents: `${readFileSync(args.path, 'utf8')}${imports}\n`, loader: 'ts' };
    });
  },
};

/**
 * The root bundle: runs that name no command (`credyt`, `--help`, `--version`, a bad
 * flag) register no command module (programFor in src/program.ts), so they need the root
 * program only. bin/credyt.js runs this one CommonJS script for them instead of the ES
 * module chunks: no ES module loader (it reads every file through the thread pool and
 * compiles each apart), and a V8 code cache made here saves compiling what `--help` runs.
 * Its dynamic imports are never taken; each fails loudly if one ever is.
 *
 * V8 checks a cache against the length of its source only, so the script and its cache
 * are named by the script's hash, and dist/bundle/root.json, written after both, names
 * them: a run during a rebuild never pairs one build's script with another's cache.
 */
const notInRoot = {
  name: 'not-in-root',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => (args.kind === 'dynamic-import' ? { path: args.path, namespace: 'not-in-root' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'not-in-root' }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`internal: ${args.path} is not in the root bundle; bin/credyt.js sends a run that names a command to the ES module chunks`)});`,
      loader: 'js',
    }));
  },
};

/**
 * The file is a script whose value is the CommonJS module function (bin/credyt.js runs it
 * through vm.Script, which takes a code cache; require() does not). The words that send a
 * run to the ES module chunks instead (every top-level command name) go beside it.
 */
async function buildRoot() {
  const built = await build({
    absWorkingDir: root,
    entryPoints: ['src/cli.ts'],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    plugins: [notInRoot, lazyBuiltins],
    minifyWhitespace: true,
    minifySyntax: true,
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  const source = `(function (exports, require, module, __filename, __dirname) {${built.outputFiles[0].text}\n})`;
  // The stand-ins for dynamic imports are not modules a run loads.
  const inputs = Object.fromEntries(Object.entries(built.metafile.inputs).filter(([name]) => !name.startsWith('not-in-root:')));
  return { source, inputs, bytes: Buffer.byteLength(source) };
}

/**
 * Runs the root bundle's `--help` here, output discarded, and keeps V8's code cache of
 * everything it compiled. A cache from another Node or V8 is rejected at run time, and
 * the script compiled as if there were none.
 */
async function codeCache(source, file) {
  const script = new Script(source, { filename: file });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, outdir);
  const { main, createContext, TOP_LEVEL } = module.exports;
  const sink = { write: () => true };
  const io = {
    get stdin() {
      throw new Error('credyt --help read stdin');
    },
    stdout: sink,
    stderr: sink,
    stdinIsTTY: false,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    stdoutColor: 0,
    stderrColor: 0,
  };
  const code = await main(['--help'], createContext(io, {}, '0.0.0'));
  if (code !== 0) throw new Error(`the root bundle's --help exited ${code}`);
  return { cache: script.createCachedData(), commands: TOP_LEVEL.flatMap((entry) => entry.names) };
}

checkUndiciUse();
const result = await build({
  absWorkingDir: root,
  entryPoints: { credyt: 'src/cli.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Native, or reads files beside itself: loaded from node_modules as installed.
  external: ['better-sqlite3'],
  banner: { js: banner },
  plugins: [coreChunk, dynamicImports, lazyBuiltins, builtinsByRequire],
  // Less to parse at every start; names stay, so --debug stack traces still read.
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  metafile: true,
  write: false,
  logLevel: 'warning',
});

// Each group is one chunk only while every entry point it names imports it (coreChunk): an
// `import()` the scan missed would split it again, silently. Say so instead.
for (const [name, group] of [['CORE', CORE], ['EMBEDDED', EMBEDDED]]) {
  const sources = group.filter((m) => m.startsWith('src/'));
  const homes = new Set(sources.map((m) => Object.entries(result.metafile.outputs).find(([, o]) => m in o.inputs)?.[0]));
  if (homes.size !== 1) throw new Error(`the modules of ${name} in scripts/bundle.mjs are split over ${[...homes].join(', ')}: an entry point does not import its group (dynamicTargets)`);
}

// A dynamic import of any other CommonJS package would lose its named exports: say so.
for (const [file, output] of Object.entries(result.metafile.outputs)) {
  const entry = output.entryPoint ?? '';
  if (result.metafile.inputs[entry]?.format === 'cjs' && /node_modules\//.test(entry)) {
    throw new Error(`${file}: \`import()\` of the CommonJS module ${entry} keeps only its default export; add its package to CJS_IMPORTED in scripts/bundle.mjs`);
  }
}

// Others may be running the CLI from this checkout while it is rebuilt: chunks (named by
// their content) are written first, each by rename, then meta.json and the entry, so a
// run never finds a missing chunk. Files of earlier builds go once they are an hour old.
mkdirSync(outdir, { recursive: true });
const entry = resolve(outdir, 'credyt.js');
const files = [...result.outputFiles.filter((f) => f.path !== entry), ...result.outputFiles.filter((f) => f.path === entry)];
const put = (path, contents) => {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, contents);
  renameSync(tmp, path);
};
for (const file of files.slice(0, -1)) put(file.path, file.contents);
const rootBundle = await buildRoot();
const rootScript = `root-${createHash('sha256').update(rootBundle.source).digest('hex').slice(0, 12)}.cjs`;
const rootCache = `${rootScript}.cache`;
put(resolve(outdir, rootScript), rootBundle.source);
const { cache, commands } = await codeCache(rootBundle.source, resolve(outdir, rootScript));
put(resolve(outdir, rootCache), cache);
put(resolve(outdir, 'root.json'), JSON.stringify({ script: rootScript, cache: rootCache, commands }));
result.metafile.outputs[`dist/bundle/${rootScript}`] = { bytes: rootBundle.bytes, inputs: rootBundle.inputs, imports: [], exports: [] };
put(resolve(outdir, 'meta.json'), JSON.stringify(result.metafile));
put(entry, files.at(-1).contents);
const current = new Set([...files.map((f) => basename(f.path)), 'meta.json', rootScript, rootCache, 'root.json']);
for (const name of readdirSync(outdir)) {
  const path = resolve(outdir, name);
  if (!current.has(name) && Date.now() - statSync(path).mtimeMs > 3_600_000) rmSync(path, { force: true });
}
