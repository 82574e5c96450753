// The public contract of qmessenger, shared by the Worker and the web client.
// Imports zod only: no cloudflare:*, no hono, no DOM.
export * from "./errors.ts";
export * from "./models.ts";
export * from "./http.ts";
export * from "./params.ts";
export * from "./responses.ts";
export * from "./frames.ts";
export * from "./rules.ts";
export * from "./emoji.ts";
export * from "./mentions.ts";
