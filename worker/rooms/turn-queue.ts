// Frames a socket receives in a later turn of the event loop, in order.
//
// workerd writes a frame to a socket at once when the socket's outgoing pump is idle; a second
// frame to the same socket in the same turn finds the pump busy and takes a queued path that
// made every delivered copy of a burst ~5x dearer, not just that socket's
// (docs/benchmarks.md, "The trigger found"). A send is exactly such a pair for its sender
// (`ack`, then the message to every socket, the sender's included), so the room hands the
// sender's copy to this queue: it leaves in the next turn. While a socket has frames waiting,
// every later frame to it waits behind them, so nothing overtakes and the socket still sees
// its frames in the order the room produced them. One frame per socket per turn: a fast
// sender's next `ack` then waits behind its previous copy, which paces it by its broadcasts
// instead of letting it run ahead of them.
//
// The queue is memory only. A frame in it was already stored (an ack follows the write); if
// the object is evicted before it leaves, the client catches up with `since` on reconnect, as
// for any frame lost with a connection.

type Send = (ws: WebSocket, text: string) => void;

export class TurnQueue {
  #waiting = new Map<WebSocket, string[]>();
  #scheduled = false;

  constructor(private write: Send) {}

  /** Sends `text` now, unless frames are waiting for `ws`: then it waits behind them. */
  send(ws: WebSocket, text: string) {
    const waiting = this.#waiting.get(ws);
    if (waiting) waiting.push(text);
    else this.write(ws, text);
  }

  /** Sends `text` to `ws` in a later turn, after anything already waiting for it. */
  later(ws: WebSocket, text: string) {
    const waiting = this.#waiting.get(ws);
    if (waiting) waiting.push(text);
    else this.#waiting.set(ws, [text]);
    this.#schedule();
  }

  /** A closed socket's frames are dropped with it. */
  drop(ws: WebSocket) {
    this.#waiting.delete(ws);
  }

  /** How many frames wait, over all sockets (tests). */
  get size() {
    let n = 0;
    for (const q of this.#waiting.values()) n += q.length;
    return n;
  }

  #schedule() {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setTimeout(() => this.#turn(), 0);
  }

  /** One frame to each waiting socket; the rest in the next turn. */
  #turn() {
    this.#scheduled = false;
    for (const [ws, waiting] of this.#waiting) {
      this.write(ws, waiting.shift()!);
      if (waiting.length === 0) this.#waiting.delete(ws);
    }
    if (this.#waiting.size > 0) this.#schedule();
  }
}
