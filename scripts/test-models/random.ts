/** A seeded pseudo-random source (mulberry32), so generated weights are the same on every machine. */
export class Random {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** `count` values from a normal distribution with the given standard deviation (Box–Muller). */
  normal(count: number, deviation: number): Float32Array {
    const values = new Float32Array(count);
    for (let index = 0; index < count; index += 2) {
      const radius = Math.sqrt(-2 * Math.log(1 - this.next())) * deviation;
      const angle = 2 * Math.PI * this.next();
      values[index] = radius * Math.cos(angle);
      if (index + 1 < count) values[index + 1] = radius * Math.sin(angle);
    }
    return values;
  }
}
