import { appendFileSync } from 'node:fs';

export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (process.env.CREDYT_TRACE_LOADS) appendFileSync(process.env.CREDYT_TRACE_LOADS, resolved.url + '\n');
  return resolved;
}
