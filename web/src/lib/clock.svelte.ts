import { createSubscriber } from 'svelte/reactivity';

/**
 * One shared ticking clock for relative times ("12 s ago"): it runs only while something on the
 * screen reads it, and every reader updates on the same tick.
 */
let now = Date.now();
const subscribe = createSubscriber((update) => {
  now = Date.now();
  const timer = setInterval(() => {
    now = Date.now();
    update();
  }, 1000);
  return () => clearInterval(timer);
});

export function currentTime(): number {
  subscribe();
  return now;
}
