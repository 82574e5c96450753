// zod validation at the edge: a failing body, query or param is 400 `invalid_request` with
// the failing fields in `details`, never a 500 and never a half-parsed value.
import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import type { ZodType } from "zod";
import { apiError } from "./errors.ts";

export function issuesOf(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }) {
  return error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
}

export const validate = <T extends ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) =>
  zValidator(target, schema, (result) => {
    if (!result.success) throw apiError("invalid_request", { details: issuesOf(result.error) });
  });
