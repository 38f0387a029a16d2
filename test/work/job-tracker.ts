import { deferred, settle } from "./deferred.js";
import type { Deferred } from "./deferred.js";

/** Jobs that start when the queue runs them and end when the test releases them. */
export function tracker() {
  const gates = new Map<string, Deferred>();
  const started: string[] = [];
  const finished: string[] = [];
  const inFlight = new Set<string>();
  let maxInFlight = 0;
  const gateFor = (label: string): Deferred => {
    const gate = gates.get(label) ?? deferred();
    gates.set(label, gate);
    return gate;
  };
  return {
    started,
    finished,
    inFlight,
    max: () => maxInFlight,
    job: (label: string) => async () => {
      started.push(label);
      inFlight.add(label);
      maxInFlight = Math.max(maxInFlight, inFlight.size);
      try {
        await gateFor(label).promise;
      } finally {
        inFlight.delete(label);
        finished.push(label);
      }
    },
    release: async (label: string, error?: Error) => {
      if (error) gateFor(label).reject(error);
      else gateFor(label).resolve();
      await settle();
    },
  };
}
