// One request in flight at a time: callers that come while it is under way share its
// promise, and once it settles (either way) the next call starts a fresh one.

export class SharedPromise<T> {
  private pending: Promise<T> | null = null;

  run(start: () => Promise<T>): Promise<T> {
    this.pending ??= start().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }
}
