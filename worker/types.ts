// Types of the Worker's environment and of the Hono context.
import type { User } from "#protocol";

declare global {
  interface Env {
    /** HS256 key for session JWTs: a secret (`wrangler secret put`), .dev.vars locally. */
    JWT_SECRET: string;
    /** Web Push (VAPID) keys, base64url: secrets; `npm start` makes a local pair. Without
     * them (empty or unset) the app runs and push is off. Declared as `string`, like
     * `wrangler types` declares them when .dev.vars has them, so both merge. */
    VAPID_PUBLIC_KEY: string;
    VAPID_PRIVATE_KEY: string;
    VAPID_SUBJECT: string;
  }
}

export interface SessionInfo {
  id: string;
  userId: string;
  /** Absolute expiry (ISO): sockets opened by the session close with 4401 past it. */
  expiresAt: string;
}

export type AppEnv = {
  Bindings: Env;
  Variables: { user: User; session: SessionInfo };
};
