// What a chat socket sends, read the way the room trusts it: nothing. Every frame is JSON
// text, checked against the protocol's union (`clientFrame`), and never relayed as sent.
import { clientFrame, type ClientFrame } from "#protocol";
import { issuesOf } from "../lib/validate.ts";

/** Whether a frame is over `max` bytes of UTF-8. A UTF-16 length times 3 bounds the UTF-8
 * size, so the text is only encoded when it could be too big. */
export function tooLarge(raw: string | ArrayBuffer, max: number): boolean {
  const size = typeof raw === "string" ? (raw.length * 3 <= max ? raw.length : new TextEncoder().encode(raw).byteLength) : raw.byteLength;
  return size > max;
}

export type Read = { ok: true; frame: ClientFrame } | { ok: false; code: "invalid_request"; message: string; clientId?: string | undefined };

/** The frame, or why it is refused. A refused `send` echoes its clientId (cut to 64
 * characters) when it had a string one, so the client can match the error to its message. */
export function readClientFrame(raw: string | ArrayBuffer): Read {
  if (typeof raw !== "string") return { ok: false, code: "invalid_request", message: "frames are JSON text" };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { ok: false, code: "invalid_request", message: "frame is not JSON" };
  }
  const parsed = clientFrame.safeParse(data);
  if (parsed.success) return { ok: true, frame: parsed.data };
  const rawId = typeof data === "object" && data !== null && "clientId" in data ? data.clientId : undefined;
  const message = issuesOf(parsed.error).map((i) => `${i.path || "frame"}: ${i.message}`).join("; ");
  return { ok: false, code: "invalid_request", message, clientId: typeof rawId === "string" ? rawId.slice(0, 64) : undefined };
}
