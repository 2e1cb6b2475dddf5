/** The seed's mixed wallet: the commands `credyt demo` runs, in order. */
export const DEMO_STEPS: string[][] = [
  ['assets', 'create', '--code', 'TOK', '--name', 'Tokens', '--label', 'tok', '--precision', '0', '--rate', 'USD=0.00001'],
  ['customers', 'create', '--name', 'Acme AI', '--external-id', 'acme'],
  ['top-up', 'acme', '14.566678', 'USD'],
  ['top-up', 'acme', '9934.50234', 'USD', '--asset', 'TOK'],
];

export const DEMO_RESULT = ['wallet', 'get', 'acme'];

/** How a step reads on a terminal: quoted where a word has a space. */
export function commandLine(argv: string[]): string {
  return ['credyt', ...argv.map((word) => (/[\s"]/.test(word) ? JSON.stringify(word) : word))].join(' ');
}
