import { describe, expect, it } from 'vitest';
import { apiErrorFromResponse, exitCodeForStatus, problemMessage } from '../../../src/client/api-errors.js';
import { ExitCode } from '../../../src/errors.js';

const res = (status: number, body: string, headers: Record<string, string> = {}) => ({ status, body, headers });
const URL_ = 'https://api.credyt.ai/customers';

describe('error mapping', () => {
  it('blames a rejected key where it came from: --api-key and CREDYT_API_KEY are not the profile', () => {
    const hint = (keySource?: 'flag' | 'env' | 'profile') => apiErrorFromResponse(res(401, ''), { url: URL_, profileName: 'prod', keySource }).hint;
    expect(hint('flag')).toMatch(/--api-key/);
    expect(hint('flag')).not.toMatch(/profile "prod"/);
    expect(hint('env')).toMatch(/CREDYT_API_KEY/);
    expect(hint('profile')).toBe('check the API key of profile "prod" or run `credyt login`');
  });

  it('maps statuses to exit codes', () => {
    expect(exitCodeForStatus(401)).toBe(ExitCode.Auth);
    expect(exitCodeForStatus(403)).toBe(ExitCode.Auth);
    expect(exitCodeForStatus(404)).toBe(ExitCode.NotFound);
    expect(exitCodeForStatus(400)).toBe(ExitCode.Validation);
    expect(exitCodeForStatus(409)).toBe(ExitCode.Validation);
    expect(exitCodeForStatus(413)).toBe(ExitCode.Validation);
    expect(exitCodeForStatus(422)).toBe(ExitCode.Validation);
    expect(exitCodeForStatus(429)).toBe(ExitCode.RateLimited);
    expect(exitCodeForStatus(500)).toBe(ExitCode.Server);
    expect(exitCodeForStatus(599)).toBe(ExitCode.Server);
  });

  it('prefers detail, then title', () => {
    expect(problemMessage({ title: 'Conflict', detail: 'A customer with external_id "acme" exists (cust_1)' })).toBe(
      'A customer with external_id "acme" exists (cust_1)',
    );
    expect(problemMessage({ title: 'Not Found' })).toBe('Not Found');
    expect(problemMessage({})).toBeUndefined();
  });

  it('lists each field error as field: message, dropping the generic title', () => {
    const msg = problemMessage({
      title: 'One or more validation errors occurred.',
      errors: { amount: ['Amount must not be zero.'], transaction_id: ['The transaction_id field is required.', 'must be a UUID'] },
    });
    expect(msg).toBe(
      'amount: Amount must not be zero.; transaction_id: The transaction_id field is required.; transaction_id: must be a UUID',
    );
    expect(problemMessage({ detail: 'Invalid event batch', errors: { 'events[3].id': ['is required'] } })).toBe(
      'Invalid event batch: events[3].id: is required',
    );
    expect(problemMessage({ errors: [{ field: 'code', message: 'taken' }] as unknown as Record<string, string[]> })).toBe('code: taken');
  });

  it('keeps the problem and its extension fields on the error', () => {
    const body = '{"title":"Unprocessable","status":422,"code":"insufficient_funds","available":0.000000000000000001}';
    const err = apiErrorFromResponse(res(422, body), { url: URL_ });
    expect(err.exitCode).toBe(ExitCode.Validation);
    expect(err.message).toBe('Unprocessable');
    expect(err.problem?.code).toBe('insufficient_funds');
    expect(String(err.problem?.available)).toBe('0.000000000000000001');
  });

  it('names the URL when the body is not JSON', () => {
    expect(apiErrorFromResponse(res(502, '<html><body>Bad gateway</body></html>'), { url: URL_ }).message).toBe(
      `HTTP 502 from ${URL_}`,
    );
    expect(apiErrorFromResponse(res(503, 'upstream connect error'), { url: URL_ }).message).toBe(
      `HTTP 503 from ${URL_}: upstream connect error`,
    );
    expect(apiErrorFromResponse(res(500, '{"broken'), { url: URL_ }).message).toBe(`HTTP 500 from ${URL_}`);
  });

  it('strips terminal escapes and newlines from what the server says', () => {
    const err = apiErrorFromResponse(res(400, JSON.stringify({ detail: 'bad\n\u001b[31mred\u001b[0m\u0007 thing' })), { url: URL_ });
    expect(err.message).toBe('bad red thing');
  });

  it('hints at the profile on 401 and 403', () => {
    expect(apiErrorFromResponse(res(403, ''), { url: URL_, profileName: 'staging' }).hint).toBe(
      'check the API key of profile "staging" or run `credyt login`',
    );
    expect(apiErrorFromResponse(res(401, ''), { url: URL_ }).hint).toContain('credyt login');
  });
});
