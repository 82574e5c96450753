import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema.ts";

// One drizzle instance per D1 binding per isolate: building one walks the whole schema, and
// every request asked for a new one (several times, in middleware, access checks and routes).
// The instance holds no per-request state, only the binding and the schema.
const instances = new WeakMap<D1Database, ReturnType<typeof make>>();
const make = (d1: D1Database) => drizzle(d1, { schema });

export const getDb = (env: Env) => {
  let db = instances.get(env.DB);
  if (!db) {
    db = make(env.DB);
    instances.set(env.DB, db);
  }
  return db;
};
export type Db = ReturnType<typeof getDb>;
