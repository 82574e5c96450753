// Stand-ins for the browser in the web unit tests (they run in plain Node).
import type { OutboxStorage } from "../../../web/realtime/outbox.ts";

/** localStorage's methods over a Map; `failWrites` makes it behave like a full storage. */
export function memoryStorage(initial: Record<string, string> = {}): OutboxStorage & { data: Map<string, string>; failWrites: boolean } {
  const data = new Map(Object.entries(initial));
  const store = {
    data,
    failWrites: false,
    get length() {
      return data.size;
    },
    key: (i: number) => [...data.keys()][i] ?? null,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => {
      if (store.failWrites) throw new Error("QuotaExceededError");
      data.set(k, v);
    },
    removeItem: (k: string) => void data.delete(k),
  };
  return store;
}
