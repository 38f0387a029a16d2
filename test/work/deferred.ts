/** A promise the test settles by hand, to hold a job in flight for as long as a case needs. */
export interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: Error) => void;
}

export function deferred(): Deferred {
  let resolve = (): void => {};
  let reject = (_error: Error): void => {};
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every queued promise callback run: a macrotask turn comes after all pending microtasks. */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
