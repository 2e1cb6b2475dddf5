/**
 * Batch keys by customer reference, made once: a file names few customers, and each line
 * held in the run's window otherwise held a key string of its own, one more object for
 * the collector to copy. Bounded: a file of many customers just makes keys anew.
 */
export class CustomerKeys {
  private readonly ids = new Map<string, string>();
  private readonly external = new Map<string, string>();

  id(ref: string): string {
    return this.key(this.ids, 'id:', ref);
  }

  externalId(ref: string): string {
    return this.key(this.external, 'ext:', ref);
  }

  private key(keys: Map<string, string>, prefix: string, ref: string): string {
    let key = keys.get(ref);
    if (key === undefined) {
      if (keys.size >= 4096) keys.clear();
      key = prefix + ref;
      keys.set(ref, key);
    }
    return key;
  }
}
