// Who is typing in the open chat. The room relays a `typing` frame at most every 3 s while
// someone types, so a notice lives a little longer than that and then fades by itself.
import { computed, signal, type ReadonlySignal } from "@preact/signals";
import type { User } from "#protocol";

const shownMs = 6000;

export class TypingTracker {
  private readonly typers = signal<{ user: User; until: number }[]>([]);
  private timer: ReturnType<typeof setTimeout> | null = null;
  readonly users: ReadonlySignal<User[]> = computed(() => this.typers.value.map((t) => t.user));

  saw(user: User): void {
    this.typers.value = [...this.typers.value.filter((t) => t.user.id !== user.id), { user, until: Date.now() + shownMs }];
    this.prune();
  }

  /** Their message arrived: they are done typing it. */
  stopped(userId: string): void {
    if (this.typers.value.some((t) => t.user.id === userId)) this.typers.value = this.typers.value.filter((t) => t.user.id !== userId);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }

  private prune = (): void => {
    const now = Date.now();
    this.typers.value = this.typers.value.filter((t) => t.until > now);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const next = Math.min(...this.typers.value.map((t) => t.until));
    if (Number.isFinite(next)) this.timer = setTimeout(this.prune, next - now + 50);
  };
}
