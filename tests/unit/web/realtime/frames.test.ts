// What the client does with what arrives on its sockets: frames checked against the shared
// protocol before any model sees them, and close codes read as "come back" or "stop for good".
import { afterEach, describe, expect, it, vi } from "vitest";
import { closeCodes, inboxFrame, serverFrame } from "#protocol";
import { endOf } from "../../../../web/realtime/chatSocket.ts";
import { parseFrame } from "../../../../web/realtime/socket.ts";
import { chat, message } from "../fixtures.ts";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("frames", () => {
  it("hands over a frame that matches the protocol", () => {
    const m = message(3);
    expect(parseFrame(JSON.stringify({ type: "message", message: m }), serverFrame, "a frame")).toEqual({ type: "message", message: m });
    expect(parseFrame(JSON.stringify({ type: "chat_removed", chatId: "c1" }), inboxFrame, "an inbox frame")).toEqual({ type: "chat_removed", chatId: "c1" });
  });

  it("accepts a frame carrying a field it does not know (a newer server), without that field", () => {
    const frame = parseFrame(JSON.stringify({ type: "presence", online: ["u1"], since: 5 }), serverFrame, "a frame");
    expect(frame).toEqual({ type: "presence", online: ["u1"] });
  });

  it("drops a frame outside the protocol, and says so in the console", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    expect(parseFrame(JSON.stringify({ type: "message", message: { seq: "1" } }), serverFrame, "a frame")).toBe(null);
    expect(parseFrame(JSON.stringify({ type: "chat", chat: { ...chat("c1"), unread: "many" } }), inboxFrame, "an inbox frame")).toBe(null);
    expect(warn.mock.calls.map((c) => c[0])).toEqual(["qmessenger: ignored a frame outside the protocol", "qmessenger: ignored an inbox frame outside the protocol"]);
  });

  it("drops text that is not JSON without a word", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    expect(parseFrame("{not json", serverFrame, "a frame")).toBe(null);
    expect(warn).not.toHaveBeenCalled();
  });
});

describe("how a chat socket ends", () => {
  it("stops for good when the session ended, the user was removed or the chat was deleted", () => {
    expect(endOf(closeCodes.sessionEnded)).toBe("session_ended");
    expect(endOf(4401)).toBe("session_ended");
    expect(endOf(4403)).toBe("removed");
    expect(endOf(4404)).toBe("deleted");
    // Reconnecting after 4409 would close the user's next oldest socket in turn.
    expect(endOf(closeCodes.replaced)).toBe("replaced");
  });

  it("comes back after anything else: a restart, a dropped network, a flood or oversize close", () => {
    for (const code of [1000, 1001, 1006, 1011, closeCodes.flooding, closeCodes.tooLarge]) expect(endOf(code), String(code)).toBe(null);
  });
});
