// A bounded memory of recently seen keys (insertion order, oldest forgotten first), to drop the duplicate
// deliveries Graph makes ("at least once"). Per process: a duplicate that reaches another instance is still
// harmless because the sink is idempotent; this only saves it the work.
export class RecentKeys {
  private readonly keys = new Set<string>();

  constructor(private readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError("RecentKeys capacity must be a positive integer.");
  }

  /** True the first time a key is seen (and remembers it); false for a repeat. */
  add(key: string): boolean {
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    if (this.keys.size > this.capacity) {
      const oldest = this.keys.values().next().value as string;
      this.keys.delete(oldest);
    }
    return true;
  }

  /** Forget a key, so a later delivery is processed again (e.g. after the first attempt failed). */
  forget(key: string): void {
    this.keys.delete(key);
  }
}
