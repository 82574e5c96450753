// The profile section's actions: name and bio (PATCH /api/me), a new picture (PUT, through XHR
// for its progress) and removing it. Each answer is the new profile, which the session takes
// at once (the sidebar, this screen); other people's windows learn it from the server's
// `profile` frames.
import { createModel, signal } from "@preact/signals";
import type { Transfer } from "../../api/media.ts";
import { onDispose } from "../lifetime.ts";
import type { SettingsHost } from "./settings.ts";

export const Profile = createModel((host: SettingsHost) => {
  const saving = signal(false);
  /** The last save's outcome, for the line under the form. */
  const saved = signal(false);
  const error = signal<unknown>(null);
  /** Bytes sent of the picture being uploaded, or null when none is. */
  const upload = signal<{ sent: number; total: number } | null>(null);
  const avatarError = signal<unknown>(null);
  let transfer: Transfer<unknown> | null = null;
  let disposed = false;

  onDispose(() => {
    disposed = true;
    transfer?.abort();
  });

  return {
    saving,
    saved,
    error,
    upload,
    avatarError,

    save: async (displayName: string, bio: string): Promise<void> => {
      saving.value = true;
      saved.value = false;
      error.value = null;
      try {
        const user = await host.io.api.me.updateProfile({ displayName, bio });
        if (disposed) return;
        host.meChanged(user);
        saved.value = true;
      } catch (e) {
        if (!disposed) error.value = e;
      } finally {
        if (!disposed) saving.value = false;
      }
    },

    uploadAvatar: async (picture: Blob): Promise<void> => {
      transfer?.abort();
      avatarError.value = null;
      upload.value = { sent: 0, total: picture.size };
      const t = host.io.api.media.avatar(picture, (sent) => {
        if (!disposed) upload.value = { sent, total: picture.size };
      });
      transfer = t;
      try {
        const user = await t.done;
        if (!disposed) host.meChanged(user);
      } catch (e) {
        if (!disposed && transfer === t) avatarError.value = e;
      } finally {
        if (!disposed && transfer === t) {
          upload.value = null;
          transfer = null;
        }
      }
    },

    removeAvatar: async (): Promise<void> => {
      avatarError.value = null;
      try {
        const user = await host.io.api.me.removeAvatar();
        if (!disposed) host.meChanged(user);
      } catch (e) {
        if (!disposed) avatarError.value = e;
      }
    },
  };
});

export type ProfileModel = InstanceType<typeof Profile>;
