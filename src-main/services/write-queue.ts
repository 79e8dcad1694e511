/**
 * One change at a time for one stored file. Each task starts once the one before it has
 * finished, failed or not, so a read-change-write never interleaves with another (two
 * consultations created at once both stay) and the last request is the one on disk.
 */
export type WriteQueue = <T>(task: () => Promise<T>) => Promise<T>;

export function createWriteQueue(): WriteQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return (task) => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}
