// The members of the open chat and how far the others have read, for the info panel and the
// "read" ticks. Seeded from GET /api/chats/:id (whose members carry `lastReadSeq`, so ticks
// survive a reload), then kept up by the socket's `read` frames and by re-fetching after
// system messages (joins, leaves, removals, ownership transfers).
import { batch, computed, signal } from "@preact/signals";
import type { Member, Role, User } from "#protocol";
import { mapChanged, memberWithProfile } from "../profiles.ts";

const roleOrder: Record<Role, number> = { owner: 0, admin: 1, member: 2 };

export class Roster {
  private readonly list = signal<Member[]>([]);
  /** The highest seq another member has read: my messages up to it show as read. */
  readonly othersRead = signal(0);
  /** Owner first, then admins, then members; by join time within a role (the API's order). */
  readonly members = computed(() => [...this.list.value].sort((a, b) => roleOrder[a.role] - roleOrder[b.role]));

  constructor(private readonly meId: string) {}

  set(members: Member[]): void {
    const read = Math.max(0, ...members.filter((m) => m.user.id !== this.meId).map((m) => m.lastReadSeq));
    batch(() => {
      this.list.value = members;
      // Only forward: a `read` frame may have arrived after the snapshot was taken.
      this.othersRead.value = Math.max(this.othersRead.value, read);
    });
  }

  read(userId: string, seq: number): void {
    if (userId !== this.meId) this.othersRead.value = Math.max(this.othersRead.value, seq);
  }

  setRole(userId: string, role: Role): void {
    this.list.value = this.list.value.map((m) => (m.user.id === userId ? { ...m, role } : m));
  }

  profileChanged(user: User): void {
    this.list.value = mapChanged(this.list.value, (m) => memberWithProfile(m, user));
  }

  drop(userId: string): void {
    this.list.value = this.list.value.filter((m) => m.user.id !== userId);
  }
}
