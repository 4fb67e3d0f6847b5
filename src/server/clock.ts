/** Time is injected everywhere; rules take `now` as a parameter and never read the clock themselves. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock pinned to an instant, for tests and simulations. */
export const fixedClock = (at: Date | string): Clock & { set(d: Date | string): void } => {
  let t = new Date(at);
  return {
    now: () => new Date(t),
    set(d) {
      t = new Date(d);
    },
  };
};
