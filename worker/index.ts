// Entry: the Worker's fetch handler and the Durable Object classes wrangler binds.
import { app } from "./app.ts";

export { ChatRoom } from "./rooms/chat-room.ts";
export { Inbox } from "./inbox/inbox.ts";

export default { fetch: app.fetch } satisfies ExportedHandler<Env>;
