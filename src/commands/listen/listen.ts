import type { Runtime } from '../../runtime.js';
import { CredytError, ExitCode, UsageError } from '../../errors.js';
import { createWebhook, deleteWebhook, type WebhookDestination } from '../../client/webhooks.js';
import type { Listener } from './receiver.js';
import { printHeard, printSecret } from './print.js';

export interface ListenOptions {
  forwardTo?: string;
  topic: string[];
  printSecret?: boolean;
}

/** Marks the destination in `webhooks list`, should a killed listen leave it behind. */
export const LISTEN_DESCRIPTION = 'credyt listen (temporary: removed when listen stops)';

/** `--forward-to` takes an absolute http(s) URL, checked before anything is registered. */
function checkForwardTo(value: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--forward-to must be an absolute http:// or https:// URL (got ${JSON.stringify(value)}).`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--forward-to must be an http:// or https:// URL (got ${url.protocol}).`);
  }
}

function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/**
 * `credyt listen`: a loopback listener registered as a temporary destination. Against
 * `local serve` its worker delivers; on the embedded profile this process runs the worker
 * on the database itself. Ctrl-C removes the destination (bin/ exits 130 for SIGINT).
 */
export async function runListen(rt: Runtime, opts: ListenOptions): Promise<void> {
  if (opts.forwardTo !== undefined) checkForwardTo(opts.forwardTo);
  const target = rt.target();
  if (!rt.isLocal()) {
    throw new CredytError(
      `\`credyt listen\` needs a local profile: Credyt delivers webhooks only to destinations it can reach, and profile "${target.profile}" is ${target.kind === 'http' ? target.baseUrl : 'remote'}.`,
      ExitCode.Unsupported,
      'Use the embedded profile or `credyt local serve`; against Credyt, register a public URL with `credyt webhooks create --url …`.',
    );
  }
  const client = await rt.client();
  const output = rt.output;
  // Loaded here: it pulls in undici, which completion and `--help` must not pay for.
  const { startListener } = await import('./receiver.js');
  rt.ctx.graceful = true;
  const listener: Listener = await startListener({
    forwardTo: opts.forwardTo,
    clock: rt.ctx.now,
    onEvent: (heard) => printHeard(output, heard),
    onRefused: (reason) => rt.warn(`refused a request to the listener: ${reason}`),
  });
  let destination: WebhookDestination | undefined;
  let worker: { stop(): Promise<void> } | undefined;
  try {
    destination = await createWebhook(client, {
      url: listener.url,
      ...(opts.topic.length > 0 ? { topics: opts.topic } : {}),
      description: LISTEN_DESCRIPTION,
    });
    if (!destination.secret) throw new Error('internal: the local engine answered a destination without its secret');
    listener.secret = destination.secret;
    if (target.kind === 'embedded') worker = await rt.startDeliveryWorker(target.dbPath);
    const topics = destination.topics?.join(', ') ?? opts.topic.join(', ');
    rt.io.stderr.write(
      `Ready: listening for ${topics || '*'} as ${destination.id}` +
        (opts.forwardTo ? `, forwarding to ${opts.forwardTo}` : '') +
        `.\nSigning secret: ${destination.secret}\nPress Ctrl-C to stop.\n`,
    );
    if (opts.printSecret) printSecret(output, destination.secret, destination.id);
    await untilAborted(rt.ctx.signal);
  } finally {
    await worker?.stop();
    if (destination) {
      await deleteWebhook(client, destination.id).catch((error: unknown) =>
        rt.warn(`could not remove ${destination!.id} (${error instanceof Error ? error.message : String(error)}); run \`credyt webhooks delete ${destination!.id}\`.`),
      );
    }
    await listener.close();
  }
}
