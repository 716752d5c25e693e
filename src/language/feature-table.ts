/**
 * The features a model knows, each with its row, found from UTF-16 units and their hash: scoring a text hashes each
 * n-gram as it goes and looks it up without making a string of it (a `Map<string, number>` did, for every n-gram).
 */

/** The hash of no units; `hashUnit` adds one unit (FNV-1a over UTF-16 units). */
export const emptyHash = 0x811c9dc5 | 0;

/** The hash of the units hashed so far followed by `unit`. */
export function hashUnit(hash: number, unit: number): number {
  return Math.imul(hash ^ unit, 0x01000193);
}

/** Features of any length, found by an FNV-1a hash of their units and checked unit by unit. */
export class FeatureTable {
  /** Features held. */
  size = 0;
  private units = new Uint16Array(1 << 16);
  /** Where each feature's units start in `units`; entry `size` ends the last. */
  private starts = new Int32Array(1 << 12);
  private hashes = new Int32Array(1 << 12);
  private rows = new Int32Array(1 << 12);
  private slots = Int32Array.of(-1, -1);
  private shift = 31;

  /** Adds `text.slice(start, end)` with its row; call `seal` once all are added. */
  add(text: string, start: number, end: number, row: number): void {
    const entry = this.size;
    if (entry + 2 > this.starts.length) {
      this.starts = grow(this.starts, this.starts.length * 2);
      this.hashes = grow(this.hashes, this.hashes.length * 2);
      this.rows = grow(this.rows, this.rows.length * 2);
    }
    let offset = this.starts[entry]!;
    if (offset + end - start > this.units.length) this.units = grow(this.units, Math.max(this.units.length * 2, offset + end - start));
    let hash = emptyHash;
    for (let index = start; index < end; index++) {
      const unit = text.charCodeAt(index);
      this.units[offset++] = unit;
      hash = hashUnit(hash, unit);
    }
    this.hashes[entry] = hash;
    this.rows[entry] = row;
    this.starts[entry + 1] = offset;
    this.size++;
  }

  /** Builds the index; returns the row of a feature added twice, if any (-1 otherwise). */
  seal(): number {
    let bits = 1;
    while (1 << bits < this.size * 2) bits++;
    this.shift = 32 - bits;
    this.slots = new Int32Array(1 << bits).fill(-1);
    for (let entry = 0; entry < this.size; entry++) {
      const start = this.starts[entry]!;
      if (this.find(this.hashes[entry]!, this.units, start, this.starts[entry + 1]! - start) >= 0) return this.rows[entry]!;
      let slot = this.slotOf(this.hashes[entry]!);
      while (this.slots[slot]! >= 0) slot = (slot + 1) & (this.slots.length - 1);
      this.slots[slot] = entry;
    }
    return -1;
  }

  /** The row of the feature made of `units[from … from + length)`, whose hash is `hash`; -1 if unknown. */
  find(hash: number, units: Uint16Array, from: number, length: number): number {
    const mask = this.slots.length - 1;
    for (let slot = this.slotOf(hash); ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot]!;
      if (entry < 0) return -1;
      if (this.hashes[entry] !== hash) continue;
      const start = this.starts[entry]!;
      if (this.starts[entry + 1]! - start !== length) continue;
      let index = 0;
      while (index < length && this.units[start + index] === units[from + index]) index++;
      if (index === length) return this.rows[entry]!;
    }
  }

  private slotOf(hash: number): number {
    return Math.imul(hash ^ (hash >>> 16), 0x45d9f3b) >>> this.shift;
  }
}

function grow<T extends Uint16Array | Int32Array>(array: T, length: number): T {
  const grown = new (array.constructor as new (length: number) => T)(length);
  grown.set(array);
  return grown;
}

/** Longest n-gram, in UTF-16 units, that `NgramTable` holds: three 32-bit words of two units each. */
export const longestPackedNgram = 6;

/**
 * Short features found by their units themselves, packed two to a 32-bit word (no unit of a feature is 0, so the
 * zeros after a short one make the key exact): one probe reads the key and the row side by side, and no hash can
 * collide.
 */
export class NgramTable {
  /** Features held. */
  size = 0;
  /** Four numbers per feature until `seal`, then per slot: the key's three words, then its row (-1: empty slot). */
  private slots = new Int32Array(1 << 16);
  private shift = 32;

  /** Adds `text.slice(start, end)` with its row, if it fits (1 to `longestPackedNgram` units, none of them 0). */
  add(text: string, start: number, end: number, row: number): boolean {
    if (end - start > longestPackedNgram || end <= start) return false;
    const at = 4 * this.size;
    if (at + 4 > this.slots.length) this.slots = grow(this.slots, this.slots.length * 2);
    this.slots.fill(0, at, at + 3);
    for (let index = start; index < end; index++) {
      const unit = text.charCodeAt(index);
      if (!unit) return false;
      const word = at + ((index - start) >> 1);
      this.slots[word] = this.slots[word]! | (unit << (16 * ((index - start) & 1)));
    }
    this.slots[at + 3] = row;
    this.size++;
    return true;
  }

  /** Builds the index; returns the row of a feature added twice, if any (-1 otherwise). */
  seal(): number {
    const added = this.slots;
    let bits = 1;
    while (1 << bits < this.size * 2) bits++;
    this.shift = 32 - bits;
    this.slots = new Int32Array(4 << bits);
    const slots = this.slots;
    for (let at = 3; at < slots.length; at += 4) slots[at] = -1;
    const mask = slots.length - 1;
    for (let from = 0; from < 4 * this.size; from += 4) {
      const first = added[from]!;
      const second = added[from + 1]!;
      const third = added[from + 2]!;
      let at = 4 * this.slotOf(first, second, third);
      for (; slots[at + 3]! >= 0; at = (at + 4) & mask) {
        if (slots[at] === first && slots[at + 1] === second && slots[at + 2] === third) return added[from + 3]!;
      }
      slots.set(added.subarray(from, from + 4), at);
    }
    return -1;
  }

  /** The row of the feature whose packed units are `first`, `second`, `third`; -1 if unknown. */
  find(first: number, second: number, third: number): number {
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let at = 4 * this.slotOf(first, second, third); ; at = (at + 4) & mask) {
      const row = slots[at + 3]!;
      if (row < 0) return -1;
      if (slots[at] === first && slots[at + 1] === second && slots[at + 2] === third) return row;
    }
  }

  private slotOf(first: number, second: number, third: number): number {
    const hash = Math.imul(first, 0x9e3779b1) ^ Math.imul(second, 0x85ebca77) ^ Math.imul(third, 0xc2b2ae3d);
    return Math.imul(hash ^ (hash >>> 15), 0x27d4eb2f) >>> this.shift;
  }
}
