// Types of the Worker's environment and of the Hono context.
import type { User } from "./protocol/index.ts";

declare global {
  interface Env {
    /** HS256 key for session JWTs: a secret (`wrangler secret put`), .dev.vars locally. */
    JWT_SECRET: string;
  }
}

export interface SessionInfo {
  id: string;
  userId: string;
}

export type AppEnv = {
  Bindings: Env;
  Variables: { user: User; session: SessionInfo };
};
