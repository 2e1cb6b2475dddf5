/**
 * Off-heap store for the text of the lines a bulk run holds (a window of tens of thousands).
 * Its `bytes` is what bounds the window in bytes: a buffer stays while any line in it is
 * held, so that counts, not the held lines' own sizes.
 * Held as JS strings they outlive V8's young generation, get copied into the old one and
 * die there, which costs collection time and heap growth per line; here they are bytes in
 * a few 1 MiB buffers, freed a buffer at a time once every line in it is released.
 *
 * A line is named by a number: its buffer's id × 2^21 + its offset. Each entry is a
 * 4-byte length and the text's UTF-8.
 */
const BLOCK = 1 << 20;
const SPAN = 1 << 21;
const SPARE_BLOCKS = 4;

interface Block {
  id: number;
  buf: Buffer;
  used: number;
  live: number;
}

export class TextArena {
  private readonly blocks = new Map<number, Block>();
  private readonly spare: Buffer[] = [];
  private nextId = 0;
  /** Bytes of the buffers holding lines (spare ones not counted). */
  bytes = 0;
  private current: Block = this.block(BLOCK);

  /** Stores `text`; answers its handle. */
  put(text: string): number {
    // A UTF-16 code unit is at most 3 bytes of UTF-8.
    const most = 4 + text.length * 3;
    let block = this.current;
    if (block.used + most > block.buf.length) {
      if (most > BLOCK) {
        // A line bigger than a block gets a buffer of its own.
        block = this.block(4 + Buffer.byteLength(text));
      } else {
        this.retire(this.current);
        block = this.current = this.block(BLOCK);
      }
    }
    const at = block.used;
    const n = block.buf.write(text, at + 4);
    block.buf.writeUInt32LE(n, at);
    block.used = at + 4 + n;
    block.live++;
    return block.id * SPAN + at;
  }

  /** Bytes of the text (UTF-8). */
  size(handle: number): number {
    const { buf, at } = this.find(handle);
    return buf.readUInt32LE(at);
  }

  text(handle: number): string {
    const { buf, at } = this.find(handle);
    return buf.toString('utf8', at + 4, at + 4 + buf.readUInt32LE(at));
  }

  /** Copies the text's bytes into `target` at `offset`; answers the offset after them. */
  copy(handle: number, target: Buffer, offset: number): number {
    const { buf, at } = this.find(handle);
    const start = at + 4;
    return offset + buf.copy(target, offset, start, start + buf.readUInt32LE(at));
  }

  /** The line is no longer needed; its buffer is freed with its last line. */
  release(handle: number): void {
    const block = this.blocks.get(Math.floor(handle / SPAN))!;
    if (--block.live === 0 && block !== this.current) this.free(block);
  }

  private find(handle: number): { buf: Buffer; at: number } {
    const block = this.blocks.get(Math.floor(handle / SPAN));
    if (!block) throw new Error(`line ${handle} was released`);
    return { buf: block.buf, at: handle % SPAN };
  }

  private block(size: number): Block {
    const buf = size === BLOCK && this.spare.length > 0 ? this.spare.pop()! : Buffer.allocUnsafeSlow(size);
    const block = { id: this.nextId++, buf, used: 0, live: 0 };
    this.blocks.set(block.id, block);
    this.bytes += buf.length;
    return block;
  }

  private retire(block: Block): void {
    if (block.live === 0) this.free(block);
  }

  private free(block: Block): void {
    this.blocks.delete(block.id);
    this.bytes -= block.buf.length;
    if (block.buf.length === BLOCK && this.spare.length < SPARE_BLOCKS) this.spare.push(block.buf);
  }
}
