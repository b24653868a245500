// Seeded randomness for what must be reproducible: the demo data, the cycle-time bootstrap, property tests.

/** mulberry32: a tiny, fast seeded 32-bit PRNG returning uniforms in [0, 1); plenty for simulation and resampling. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Box–Muller; 1 − random() is in (0, 1], keeping the logarithm finite. */
export function standardNormal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}
