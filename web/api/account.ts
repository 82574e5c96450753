// The signed-in user's own account (docs/api.md "Auth and account"): profile, password and
// signed-in sessions. The picture goes through api/media.ts (XHR, for its progress).
import { z } from "zod";
import { sessionsResponse, user, type ProfilePatchBody } from "#protocol";
import { request } from "./client.ts";

const userRes = z.object({ user });
export type SessionInfo = z.infer<typeof sessionsResponse>["sessions"][number];

export const account = {
  updateProfile: async (body: ProfilePatchBody) => (await request("PATCH", "/api/me", userRes, { body })).user,
  removeAvatar: async () => (await request("DELETE", "/api/me/avatar", userRes)).user,
  changePassword: (currentPassword: string, newPassword: string) => request("POST", "/api/me/password", null, { body: { currentPassword, newPassword } }),
  sessions: async () => (await request("GET", "/api/auth/sessions", sessionsResponse)).sessions,
  endSession: (id: string) => request("DELETE", `/api/auth/sessions/${encodeURIComponent(id)}`, null),
  endOtherSessions: () => request("DELETE", "/api/auth/sessions", null),
};
