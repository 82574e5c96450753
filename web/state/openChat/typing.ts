// Typing notices, both ways. The room relays a `typing` frame at most every 3 s while someone
// types, so a notice we show lives a little longer than that and then fades by itself, and
// ours go out no more often than that (more would be dropped by the room anyway).
import { computed, createModel, signal, type ReadonlySignal } from "@preact/signals";
import type { User } from "#protocol";
import type { Link } from "./sending.ts";

const shownMs = 6000;
const sendEveryMs = 3000;

/** "I am typing", sent while the chat is live, at most every 3 s. */
export const TypingNotice = createModel((link: Link) => {
  let lastSent = 0;
  return {
    typed: (): void => {
      const now = Date.now();
      if (!link.live.value || now - lastSent < sendEveryMs) return;
      if (link.send({ type: "typing" })) lastSent = now;
    },

    /** A message went out: the others stop showing "typing" when it arrives, so typing again
     * right away should show again, not wait out the throttle. */
    sent: (): void => {
      lastSent = 0;
    },
  };
});

/** Who is typing in the open chat (other people: the room does not echo our own). */
export class TypingTracker {
  private readonly typers = signal<{ user: User; until: number }[]>([]);
  private timer: ReturnType<typeof setTimeout> | null = null;
  readonly users: ReadonlySignal<User[]> = computed(() => this.typers.value.map((t) => t.user));

  saw(user: User): void {
    this.typers.value = [...this.typers.value.filter((t) => t.user.id !== user.id), { user, until: Date.now() + shownMs }];
    this.prune();
  }

  /** They changed their name: "<name> is typing" says the new one. */
  profileChanged(user: User): void {
    if (this.typers.value.some((t) => t.user.id === user.id)) this.typers.value = this.typers.value.map((t) => (t.user.id === user.id ? { ...t, user } : t));
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
