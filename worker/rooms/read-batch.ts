// Read marks, coalesced. Every reader of a busy chat moves their mark about once a second (the
// web app sends at most that often), and each move used to be a write of its own (one commit)
// and a `read` frame to every socket: readers x sockets frames per second. Here a move is
// applied to the roster in memory at once (so the room's own answers, e.g. unread counts, see
// it), and once per READS_EVERY_MS the moves collected meanwhile are written in one event (one
// commit) and announced in one frame per socket.
//
// A read mark is never acknowledged, so the moves waiting here (at most READS_EVERY_MS of
// them) are the only thing a crash of the room can lose; a pending timer keeps the room from
// being evicted while any wait. Anything that reads the marks from storage, or changes the
// roster, flushes first.

/** Moves are written and announced at most this often, per room. */
export const READS_EVERY_MS = 1000;

export interface ReadMove {
  userId: string;
  from: number;
  to: number;
  at: Date;
}

export class ReadBatch {
  #moves: ReadMove[] = [];
  #due = false;

  constructor(
    private ctx: DurableObjectState,
    /** Writes and announces the moves, synchronously (one event: one commit). */
    private write: (moves: ReadMove[]) => void,
  ) {}

  add(move: ReadMove) {
    this.#moves.push(move);
    if (this.#due) return;
    this.#due = true;
    this.ctx.waitUntil(
      scheduler.wait(READS_EVERY_MS).then(() => {
        this.#due = false;
        this.flush();
      }),
    );
  }

  /** Writes what is pending now (the timer then finds less, or nothing, to do). */
  flush() {
    if (this.#moves.length === 0) return;
    const moves = this.#moves;
    this.#moves = [];
    this.write(moves);
  }

  /** The room was deleted: nothing more is written. */
  clear() {
    this.#moves = [];
  }
}
