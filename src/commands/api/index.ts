import { readFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import type { HttpMethod } from '../../client/client.js';
import { UsageError } from '../../errors.js';
import { action } from '../verb.js';
import { readAll } from '../../io/read-all.js';
import { fieldArg, fieldsToBody, fieldsToQuery, type RawField } from './fields.js';
import { failIfError, paginate } from './paginate.js';
import { TOP_SUMMARIES } from '../../top-summaries.js';

export const API_METHODS = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'] as const;

export interface ApiOptions {
  field?: RawField[];
  input?: string;
  header?: string[];
  paginate?: boolean;
}

export function registerApi(program: Command, ctx: Context): void {
  program
    .command('api')
    .summary(TOP_SUMMARIES.api)
    .description(
      'Raw escape hatch: sends METHOD PATH with the profile\'s key (embedded engine included) and prints ' +
        'the response body exactly as received, also for an error status (then it exits with the code of ' +
        'that status: see `credyt help exit-codes`). -f builds a JSON body for POST, PATCH and PUT, or the ' +
        'query string for GET and DELETE (and whenever --input gives the body).',
    )
    .argument('<method>', `HTTP method: ${API_METHODS.join(', ')} (any case)`, methodArg)
    .argument('<path>', 'path with an optional query string, e.g. /customers?limit=5')
    .option('-f, --field <key=value>', 'a field: numbers stay exact, true/false/null are literals (repeatable; a[b]=c nests)', fieldArg)
    .option('--input <file>', 'request body from a file, or - for stdin (sent as is)')
    .option('-H, --header <name:value>', 'extra request header (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--paginate', 'GET: follow limit/offset pages and print all items as one JSON array (NDJSON with -o jsonl)')
    .addHelpText(
      'after',
      `
Examples:
  credyt api GET /accounts/self
  credyt api POST /customers -f name="Acme AI" -f external_id=acme -f metadata[plan]=pro
  credyt api GET /customers --paginate -o jsonl | wc -l
  credyt api POST /assets/TOK/quote --input quote.json`,
    )
    .action(action(ctx, runApi));
}

function methodArg(value: string): HttpMethod {
  const method = value.toUpperCase();
  if (!(API_METHODS as readonly string[]).includes(method)) {
    throw new InvalidArgumentError(`"${value}" is not one of ${API_METHODS.join(', ')}.`);
  }
  return method as HttpMethod;
}

function headerMap(headers: string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of headers) {
    const at = h.indexOf(':');
    if (at <= 0) throw new UsageError(`-H "${h}" must look like name:value.`);
    out[h.slice(0, at).trim()] = h.slice(at + 1).trim();
  }
  return out;
}

function withQuery(path: string, params: [string, string][]): string {
  if (params.length === 0) return path;
  const search = new URLSearchParams(params).toString();
  return `${path}${path.includes('?') ? '&' : '?'}${search}`;
}

async function inputBody(rt: Runtime, input: string): Promise<string> {
  if (input === '-') return readAll(rt.io.stdin);
  try {
    return readFileSync(input, 'utf8');
  } catch (error) {
    throw new UsageError(`--input ${input}: ${(error as Error).message}`);
  }
}

export async function runApi(rt: Runtime, opts: ApiOptions, method: HttpMethod, path: string): Promise<void> {
  if (!path.startsWith('/')) throw new UsageError(`PATH must start with / (got "${path}"); the base URL comes from the profile.`);
  const fields = opts.field ?? [];
  const bodyMethod = method === 'POST' || method === 'PATCH' || method === 'PUT';
  if (opts.paginate && method !== 'GET') throw new UsageError('--paginate works with GET only.');
  if (opts.input !== undefined && !bodyMethod) throw new UsageError(`--input gives a body; ${method} sends none.`);
  const headers = headerMap(opts.header);
  const rawBody = opts.input !== undefined ? await inputBody(rt, opts.input) : undefined;
  const queryFields = bodyMethod && rawBody === undefined ? [] : fieldsToQuery(fields);
  const body = bodyMethod && rawBody === undefined && fields.length > 0 ? fieldsToBody(fields) : undefined;
  const target = withQuery(path, queryFields);

  const client = await rt.client();
  if (opts.paginate) return paginate(rt, client, target, headers);
  const res = await client.requestRaw(method, target, body, { anyStatus: true, headers, rawBody });
  const out = rt.io.stdout;
  out.write(res.body);
  if (rt.io.stdoutIsTTY && res.body !== '' && !res.body.endsWith('\n')) out.write('\n');
  failIfError(res, target);
}
