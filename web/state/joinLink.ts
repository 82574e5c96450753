// /join/:token, an invite link: a preview of the chat (GET /api/links/:token), then joining
// it. A link that expired, was revoked or is used up answers 404 and becomes `gone`, which
// the page explains in plain words rather than as an error.
import { computed, createModel, signal } from "@preact/signals";
import type { LinkPreview } from "../api/endpoints.ts";
import { isApiError } from "../api/errors.ts";
import type { ChatListModel } from "./chatList.ts";
import type { IO } from "./io.ts";
import { onDispose } from "./lifetime.ts";
import { chatPath } from "./routes.ts";

export type JoinState = { phase: "loading" } | { phase: "ready"; chat: LinkPreview } | { phase: "gone" } | { phase: "error"; error: unknown };

export const JoinLink = createModel((token: string, io: Pick<IO, "api" | "navigate">, list: ChatListModel) => {
  const state = signal<JoinState>({ phase: "loading" });
  const joining = signal(false);
  /** Why the last join failed (for the line under the button), or null. */
  const error = signal<unknown>(null);
  /** The user is in the chat already: the page offers to open it instead of joining. */
  const member = computed(() => {
    const s = state.value;
    return s.phase === "ready" && list.byId.value.get(s.chat.id)?.role != null;
  });
  let disposed = false;

  io.api.links.preview(token).then(
    (chat) => {
      if (!disposed) state.value = { phase: "ready", chat };
    },
    (e: unknown) => {
      if (!disposed) state.value = isApiError(e, "not_found") ? { phase: "gone" } : { phase: "error", error: e };
    },
  );

  onDispose(() => {
    disposed = true;
  });

  return {
    state,
    joining,
    error,
    member,

    join: async (): Promise<void> => {
      joining.value = true;
      error.value = null;
      try {
        const chat = await io.api.links.join(token);
        list.upsert(chat);
        // The join page is done with: Back from the chat should not offer to join again.
        io.navigate(chatPath(chat.id), { replace: true });
      } catch (e) {
        if (isApiError(e, "not_found")) state.value = { phase: "gone" };
        else error.value = e;
        joining.value = false;
      }
    },
  };
});

export type JoinLinkModel = InstanceType<typeof JoinLink>;
