// What bin/credyt.js needs, in one module: the entry point of the start-up bundle
// (scripts/bundle.mjs → dist/bundle/credyt.js) and, without it, of dist/cli.js.
export { main } from './main.js';
export { createContext } from './context.js';
export { systemStreams } from './io/streams.js';
export { inquirerPrompter } from './io/prompter.js';
// The build reads it from the root bundle: runs naming none of these use that bundle.
export { TOP_LEVEL } from './program.js';
