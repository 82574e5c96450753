// What a chat socket accepts from a client (docs/api.md "Real time"): JSON text frames of the
// protocol's union, at most MAX_FRAME_BYTES of UTF-8; anything else is refused with an
// `invalid_request` that names the frame's clientId when it had one.
import { describe, expect, it } from "vitest";
import { readClientFrame, tooLarge } from "../../../worker/rooms/client-frames.ts";

describe("a client frame's size", () => {
  it("is counted in UTF-8 bytes, not UTF-16 units", () => {
    expect(tooLarge("a".repeat(10), 10)).toBe(false);
    expect(tooLarge("a".repeat(11), 10)).toBe(true);
    // six characters of two UTF-8 bytes each
    expect(tooLarge("жжжжжж", 12)).toBe(false);
    expect(tooLarge("жжжжжжж", 12)).toBe(true);
    expect(tooLarge(new ArrayBuffer(11), 10)).toBe(true);
  });
});

describe("reading a client frame", () => {
  const clientId = "2f1b1c36-3a8e-4d2e-9a57-3b2f5f7e0c11";

  it("accepts a frame of the protocol", () => {
    expect(readClientFrame(JSON.stringify({ type: "send", clientId, body: "hi" }))).toEqual({ ok: true, frame: { type: "send", clientId, body: "hi" } });
    expect(readClientFrame('{"type":"typing"}')).toEqual({ ok: true, frame: { type: "typing" } });
  });

  it("refuses binary frames and text that is not JSON", () => {
    expect(readClientFrame(new ArrayBuffer(2))).toMatchObject({ ok: false, code: "invalid_request", message: "frames are JSON text" });
    expect(readClientFrame("{nope")).toMatchObject({ ok: false, code: "invalid_request", message: "frame is not JSON" });
  });

  it("refuses a frame outside the union, naming the field, and echoes a string clientId cut to 64 characters", () => {
    const refused = readClientFrame(JSON.stringify({ type: "send", clientId: "x".repeat(100), body: "hi" }));
    expect(refused).toMatchObject({ ok: false, code: "invalid_request", clientId: "x".repeat(64) });
    expect(refused.ok === false && refused.message).toMatch(/^clientId: /);
    expect(readClientFrame(JSON.stringify({ type: "shout", clientId: 7 }))).toMatchObject({ ok: false, clientId: undefined });
  });
});
