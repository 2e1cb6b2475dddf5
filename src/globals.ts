import { Command, InvalidArgumentError, Option } from 'commander';
import { integerArg } from './io/integer-arg.js';
import { ACCOUNT_ID_SHAPE, isAccountId } from './config/account-id.js';
import { OUTPUT_CHOICES, OUTPUT_MODES } from './render/output.js';

/** Flags every command accepts (DESIGN.md, Conventions). */
export interface GlobalFlags {
  profile?: string;
  baseUrl?: string;
  apiKey?: string;
  db?: string;
  output?: string;
  json?: boolean;
  quiet?: boolean;
  header?: boolean;
  input?: boolean;
  yes?: boolean;
  color?: boolean;
  debug?: boolean;
  timeout?: number;
  maxRetries?: number;
  /** `--fields a,b` (a list) or bare `--fields` (true: list the available fields). */
  fields?: string | boolean;
  limit?: number;
  all?: boolean;
  /** `--account acc_…`: the connected account every request acts on. */
  account?: string;
}

export function addGlobalFlags(program: Command): void {
  program
    .option('-p, --profile <name>', 'profile to use (env CREDYT_PROFILE)')
    .option('--base-url <url>', 'API base URL (env CREDYT_BASE_URL)')
    .option('--api-key <key>', 'API key (visible to other processes: prefer `login --with-key` or CREDYT_API_KEY)')
    .option('--account <id>', 'connected account to act on: sends X-CREDYT-ACCOUNT (env CREDYT_ACCOUNT)', accountArg)
    .option('--db <path>', 'an existing database of the embedded engine (env CREDYT_DB)')
    .addOption(
      new Option('-o, --output <format>', 'output format (env CREDYT_OUTPUT)')
        // Help and completion offer what every command prints; `yaml` is still taken, for
        // `pricing pull` (same as its --format yaml), and refused by the others.
        .choices(OUTPUT_MODES)
        .argParser((value: string) => {
          if ((OUTPUT_CHOICES as readonly string[]).includes(value)) return value;
          throw new InvalidArgumentError(`Allowed choices are ${OUTPUT_MODES.join(', ')}.`);
        }),
    )
    .option('--json', 'same as --output json')
    .option('-q, --quiet', 'print ids only')
    .option('--no-header', 'omit the header row of table, csv and tsv output')
    .option('--fields [names]', 'comma-separated fields (the API\'s keys) to print; alone, list them')
    .option('--limit <n>', 'list verbs: how many items (default 20)', integerArg(1, 1_000_000))
    .option('--all', 'list verbs: every item, following pages')
    .option('--no-input', 'never prompt (env CREDYT_NO_INPUT)')
    .option('-y, --yes', 'answer yes to confirmations')
    .option('--no-color', 'no colour (env NO_COLOR)')
    .option('--debug', 'trace requests and responses on stderr, keys masked (env CREDYT_DEBUG=1)')
    .option('--timeout <seconds>', 'per-request timeout in seconds (default 30)', integerArg(1, 3600))
    .option('--max-retries <n>', 'retries on 429, 5xx and network errors (default 3)', integerArg(0, 10));
}

function accountArg(value: string): string {
  if (isAccountId(value)) return value;
  throw new InvalidArgumentError(`"${value}" is not a connected account id (${ACCOUNT_ID_SHAPE}); \`credyt accounts list\` shows them.`);
}

/** Global flags as seen from any (sub)command. */
export function globalsOf(command: Command): GlobalFlags {
  return command.optsWithGlobals() as GlobalFlags;
}
