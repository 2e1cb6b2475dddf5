import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

/**
 * Credyt's published API (spec/credyt-openapi.yaml) as ajv validators. The spec's own
 * JSON Schema 2020-12 does the checking; this file only finds the schema of an operation.
 */

const SPEC_FILE = new URL('../../spec/credyt-openapi.yaml', import.meta.url);
export const spec = parse(readFileSync(SPEC_FILE, 'utf8')) as OpenApi;

interface Operation {
  'x-confidence'?: 'documented' | 'collection' | 'inferred';
  requestBody?: { content?: Record<string, unknown> };
  responses?: Record<string, { $ref?: string; content?: Record<string, unknown> }>;
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { responses: Record<string, { content?: Record<string, unknown> }> };
}

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv2020) => void;
const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false, formats: { int64: true, double: true } });
addFormats(ajv);
ajv.addSchema(spec as object, 'spec');

/** `/customers/{customerId}/wallet/{accountId}` → a regex over one concrete path. */
function templateRegex(template: string): RegExp {
  const body = template
    .split('/')
    .map((segment) => (segment.startsWith('{') ? '[^/]+' : segment.replace(/[.*+?^$()[\]\\|]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${body}$`);
}

// Literal segments beat parameters: /accounts/self before /accounts/{accountId}.
const TEMPLATES = Object.keys(spec.paths)
  .map((template) => ({ template, regex: templateRegex(template), literals: template.split('/').filter((s) => s && !s.startsWith('{')).length }))
  .sort((a, b) => b.literals - a.literals);

export interface SpecOperation {
  template: string;
  method: string;
  confidence: string;
  operation: Operation;
}

/** The spec's operation for a method and a concrete path (query ignored), or undefined. */
export function findOperation(method: string, url: string): SpecOperation | undefined {
  const path = url.split('?')[0]!;
  const m = method.toLowerCase();
  for (const { template, regex } of TEMPLATES) {
    const operation = spec.paths[template]?.[m];
    if (operation && regex.test(path)) return { template, method: m, confidence: operation['x-confidence'] ?? 'inferred', operation };
  }
  return undefined;
}

const pointer = (...parts: string[]) => 'spec#/' + parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

export interface Verdict {
  /** Where the schema came from, e.g. `POST /customers 201`, or why there was none. */
  schema: string;
  errors: ErrorObject[] | null;
}

function check(ref: string, label: string, body: unknown): Verdict {
  const validate = ajv.getSchema(ref);
  if (!validate) throw new Error(`no schema at ${ref}`);
  if (validate(body)) return { schema: label, errors: null };
  const errors = (validate.errors ?? []).filter((e) => !ambiguous(e));
  return { schema: label, errors: errors.length ? errors : null };
}

/**
 * A `oneOf` that more than one branch matches: the spec's branches overlap (a Customer
 * has no required member, so a page is also "a Customer"). The body matched a branch, so
 * it is read as `anyOf`; docs/api-contract.md lists the spec's overlapping unions.
 */
function ambiguous(e: ErrorObject): boolean {
  return e.keyword === 'oneOf' && Array.isArray((e.params as { passingSchemas?: unknown }).passingSchemas);
}

/** Validates a request body against the operation's `application/json` request schema. */
export function checkRequest(op: SpecOperation, body: unknown): Verdict | undefined {
  if (!op.operation.requestBody?.content?.['application/json']) return undefined;
  const ref = pointer('paths', op.template, op.method, 'requestBody', 'content', 'application/json', 'schema');
  return check(ref, `${op.method.toUpperCase()} ${op.template} request`, body);
}

/**
 * Validates a response body against the schema the spec gives for its status (exact code,
 * then `2XX`-style, then `default`). Errors the spec does not declare for the operation are
 * held to ProblemDetails, as every error body of Credyt's is. Undefined: nothing to check.
 */
export function checkResponse(op: SpecOperation, status: number, body: unknown): Verdict | undefined {
  const responses = op.operation.responses ?? {};
  const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => k in responses);
  if (key === undefined) {
    if (status < 400) return undefined;
    return check(pointer('components', 'schemas', 'ProblemDetails'), `ProblemDetails (${status} undeclared)`, body);
  }
  const declared = responses[key]!;
  const [base, name] = declared.$ref ? ['components/responses', declared.$ref.split('/').pop()!] : ['', ''];
  const content = declared.$ref ? spec.components.responses[name]?.content : declared.content;
  if (!content?.['application/json']) return undefined;
  const ref = declared.$ref
    ? pointer(...base.split('/'), name, 'content', 'application/json', 'schema')
    : pointer('paths', op.template, op.method, 'responses', key, 'content', 'application/json', 'schema');
  return check(ref, `${op.method.toUpperCase()} ${op.template} ${key}`, body);
}

/** A validator for one named schema of `components.schemas` (for the drift test). */
export function schemaValidator(name: string) {
  const validate = ajv.getSchema(pointer('components', 'schemas', name));
  if (!validate) throw new Error(`no schema ${name}`);
  return validate;
}
