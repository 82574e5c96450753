// The files about to be sent, above the composer: a thumbnail (or a file icon), the name and
// size, a progress bar while uploading, the reason and a Retry when it failed, and a button
// that removes the file (cancelling its upload).
import { t } from "../../i18n/index.ts";
import { formatSize } from "../../i18n/size.ts";
import type { UploadItem, UploadsModel } from "../../state/openChat/uploads.ts";
import { fileIcon } from "./gallery.ts";
import { FileGlyph, Glyph } from "./icons.tsx";

function errorText(item: UploadItem): string {
  const e = item.error;
  if (!e) return "";
  switch (e.code) {
    case "too_large":
      return e.limit ? t("media.error.too_large", { limit: formatSize(e.limit) }) : t("media.error.too_large_any");
    case "unsupported_media_type":
    case "network":
    case "empty":
      return t(`media.error.${e.code}`);
    default:
      return t("media.error.other", { code: e.code });
  }
}

function Item({ item, uploads }: { item: UploadItem; uploads: UploadsModel }) {
  const busy = item.phase === "uploading" || item.phase === "finishing";
  return (
    <li class="upload" data-phase={item.phase}>
      <div class="upload-thumb">{item.preview ? <img src={item.preview} alt="" /> : <FileGlyph kind={fileIcon(item.name)} />}</div>
      <div class="upload-info">
        <span class="upload-name" title={item.name}>
          {item.name}
        </span>
        <span class="upload-size">{formatSize(item.size)}</span>
        {item.phase === "failed" ? (
          <span class="upload-error" role="alert">
            {errorText(item)}
          </span>
        ) : item.phase === "done" ? (
          <span class="upload-done">
            <Glyph name="done" size={16} /> {t("media.uploaded")}
          </span>
        ) : (
          <progress
            max={Math.max(1, item.size)}
            value={item.phase === "finishing" ? item.size : busy ? item.sent : undefined}
            aria-label={t("media.uploading", { name: item.name })}
            title={busy ? undefined : t("media.waiting")}
          />
        )}
      </div>
      <div class="upload-actions">
        {item.phase === "failed" && item.error?.code !== "empty" && (
          <button type="button" class="icon-btn" aria-label={t("media.retry", { name: item.name })} title={t("message.retry")} onClick={() => uploads.retry(item.key)}>
            <Glyph name="retry" />
          </button>
        )}
        <button
          type="button"
          class="icon-btn"
          aria-label={t(busy ? "media.cancel" : "media.remove", { name: item.name })}
          title={t(busy ? "media.cancel" : "media.remove", { name: item.name })}
          onClick={() => uploads.remove(item.key)}
        >
          <Glyph name="close" />
        </button>
      </div>
    </li>
  );
}

export function UploadStrip({ uploads }: { uploads: UploadsModel }) {
  const items = uploads.items.value;
  if (!items.length) return null;
  const queued = uploads.queued.value !== null;
  const blocked = queued && items.some((it) => it.phase === "failed");
  return (
    <section class="uploads" aria-label={t("media.strip")}>
      {uploads.leftOut.value > 0 && <p class="uploads-note">{t("media.leftOut", { n: uploads.leftOut.value })}</p>}
      {queued && (
        <p class={blocked ? "uploads-note blocked" : "uploads-note"} role="status">
          {blocked ? t("media.blocked") : t("media.queued")}
          {uploads.queued.value ? <q>{uploads.queued.value}</q> : null}
        </p>
      )}
      <ul class="upload-list">
        {items.map((it) => (
          <Item key={it.key} item={it} uploads={uploads} />
        ))}
      </ul>
    </section>
  );
}
