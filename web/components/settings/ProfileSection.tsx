// Profile: picture (choose, crop square, upload with progress, remove), display name and bio.
// What the server answers becomes "me" everywhere at once; others see it through its frames.
import { useState } from "preact/hooks";
import { limits } from "#protocol";
import { t } from "../../i18n/settings.ts";
import { UserAvatar } from "../Avatar.tsx";
import { describeError } from "../errors.ts";
import { AvatarCropper } from "./AvatarCropper.tsx";
import type { SectionProps } from "./types.ts";

export function ProfileSection({ me, settings }: SectionProps) {
  const profile = settings.profile;
  const [name, setName] = useState(me.displayName);
  const [bio, setBio] = useState(me.bio);
  const [picked, setPicked] = useState<File | null>(null);
  const upload = profile.upload.value;

  return (
    <div class="settings-fields">
      <div class="profile-picture">
        <UserAvatar user={me} size="lg" />
        <div class="settings-fields">
          <div class="settings-row">
            <label class="btn">
              <input
                type="file"
                class="visually-hidden"
                accept="image/jpeg,image/png,image/gif,image/webp"
                onChange={(e) => {
                  const file = e.currentTarget.files?.[0] ?? null;
                  e.currentTarget.value = "";
                  setPicked(file);
                }}
              />
              {t("settings.choosePicture")}
            </label>
            {me.avatarUrl && !upload && (
              <button type="button" class="btn" onClick={() => void profile.removeAvatar()}>
                {t("settings.removePicture")}
              </button>
            )}
          </div>
          {upload && (
            <label class="settings-progress">
              <span>{t("settings.uploadingPicture")}</span>
              <progress max={upload.total} value={upload.sent} />
            </label>
          )}
          {profile.avatarError.value != null && (
            <p class="form-error" role="alert">
              {describeError(profile.avatarError.value)}
            </p>
          )}
        </div>
      </div>
      {picked && (
        <AvatarCropper
          file={picked}
          onCancel={() => setPicked(null)}
          onCrop={(picture) => {
            setPicked(null);
            void profile.uploadAvatar(picture);
          }}
        />
      )}
      <form
        class="settings-fields"
        onSubmit={(e) => {
          e.preventDefault();
          void profile.save(name.trim(), bio.trim());
        }}
      >
        <label class="field">
          <span>{t("settings.displayName")}</span>
          <input name="displayName" value={name} required maxLength={limits.displayNameMax} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span>{t("settings.bio")}</span>
          <textarea name="bio" rows={3} value={bio} maxLength={limits.bioMax} onInput={(e) => setBio(e.currentTarget.value)} />
        </label>
        <div class="settings-row">
          <button type="submit" class="btn primary" disabled={profile.saving.value || !name.trim()}>
            {t("settings.saveProfile")}
          </button>
          <p class={profile.error.value != null ? "form-error" : "form-ok"} role="status">
            {profile.error.value != null ? describeError(profile.error.value) : profile.saved.value ? t("settings.saved") : ""}
          </p>
        </div>
      </form>
    </div>
  );
}
