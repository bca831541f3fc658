/**
 * Open-addressing hash from a number's IEEE-754 bit pattern to a dense id in first-seen order. It finds
 * the distinct times (and group codes) of 10^7 rows in one pass without sorting the rows. Callers must
 * not insert NaN and must fold −0 into +0 first, so that equal bits mean equal values.
 */

const scratch = new Float64Array(1);
const scratchWords = new Uint32Array(scratch.buffer);

function hashNumber(value: number): number {
  scratch[0] = value;
  const low = scratchWords[0] as number;
  const high = scratchWords[1] as number;
  let h = Math.imul(low, 0xcc9e2d51) ^ Math.imul(high ^ (high >>> 16), 0x1b873593);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h;
}

export class DistinctNumberIndex {
  private slots: Int32Array;
  private mask: number;
  private distinct: Float64Array;
  private count = 0;

  constructor(expectedDistinct = 16) {
    let capacity = 16;
    while (capacity < expectedDistinct * 2) capacity *= 2;
    this.slots = new Int32Array(capacity);
    this.mask = capacity - 1;
    this.distinct = new Float64Array(capacity / 2);
  }

  /** Number of distinct values seen. */
  get size(): number {
    return this.count;
  }

  /** Id of `value` (0, 1, 2, … in first-seen order), inserting it if it is new. */
  idOf(value: number): number {
    const hash = hashNumber(value);
    let slots = this.slots;
    let distinct = this.distinct;
    let mask = this.mask;
    let slot = hash & mask;
    for (;;) {
      const stored = slots[slot] as number;
      if (stored === 0) break;
      // With NaN excluded and −0 folded, === on the stored value is equality of bit patterns.
      if (distinct[stored - 1] === value) return stored - 1;
      slot = (slot + 1) & mask;
    }
    const id = this.count;
    if (id >= distinct.length) {
      // The table holds at most capacity/2 values: a load factor ≤ 1/2 keeps linear probing short.
      this.grow();
      slots = this.slots;
      distinct = this.distinct;
      mask = this.mask;
      slot = hash & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
    }
    slots[slot] = id + 1;
    distinct[id] = value;
    this.count = id + 1;
    return id;
  }

  /** Id of `value`, or −1 if it was never inserted. */
  find(value: number): number {
    let slot = hashNumber(value) & this.mask;
    for (;;) {
      const stored = this.slots[slot] as number;
      if (stored === 0) return -1;
      if (this.distinct[stored - 1] === value) return stored - 1;
      slot = (slot + 1) & this.mask;
    }
  }

  /** The distinct values, indexed by id (a copy). */
  values(): Float64Array {
    return this.distinct.slice(0, this.count);
  }

  private grow(): void {
    const capacity = this.slots.length * 2;
    const slots = new Int32Array(capacity);
    const mask = capacity - 1;
    const distinct = new Float64Array(capacity / 2);
    distinct.set(this.distinct);
    for (let id = 0; id < this.count; id += 1) {
      let slot = hashNumber(distinct[id] as number) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = id + 1;
    }
    this.slots = slots;
    this.mask = mask;
    this.distinct = distinct;
  }
}
