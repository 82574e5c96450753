// The error body every failing request returns, and the codes docs/api.md "Conventions" lists.
// Shared by the Worker (which produces them) and the web client (which shows them).
import { z } from "zod";

export const errorCodes = [
  "invalid_request",
  "weak_password",
  "unauthenticated",
  "invalid_credentials",
  "forbidden",
  "bad_origin",
  "not_found",
  "username_taken",
  "already_member",
  "already_invited",
  "owner_must_transfer",
  "too_many_reactions",
  "too_large",
  "unsupported_media_type",
  "rate_limited",
  "internal",
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const errorBody = z.object({
  error: z.object({
    code: z.enum(errorCodes),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBody>;
