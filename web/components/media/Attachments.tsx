// The attachments of one message in the history: pictures (a button that opens the viewer),
// videos that play inline, and file cards that download. Pictures and videos get their box
// from the size the uploader sent before a byte loads, so the history does not jump; pictures
// load lazily.
import type { Attachment } from "#protocol";
import { useContext } from "preact/hooks";
import { t } from "../../i18n/index.ts";
import { formatSize } from "../../i18n/size.ts";
import { fileIcon, tileBox, tileSource } from "./gallery.ts";
import { FileGlyph, Glyph } from "./icons.tsx";
import { ViewerContext } from "./viewerContext.ts";

function boxStyle(a: Attachment) {
  const box = tileBox(a);
  return { width: `${box.width}px`, aspectRatio: `${box.width} / ${box.height}` };
}

function Picture({ a }: { a: Attachment }) {
  const viewer = useContext(ViewerContext);
  const box = tileBox(a);
  return (
    <button type="button" class="tile picture" style={boxStyle(a)} aria-label={t("media.open", { name: a.name })} onClick={(e) => viewer?.open(a, e.currentTarget)}>
      <img src={tileSource(a)} alt="" width={box.width} height={box.height} loading="lazy" decoding="async" />
    </button>
  );
}

function Video({ a }: { a: Attachment }) {
  return (
    <video
      class="tile"
      style={boxStyle(a)}
      src={a.url}
      poster={a.thumbnailUrl ?? undefined}
      // Only the first bytes until Play: enough for the length and for a click on the picture
      // to start it (with preload="none" Chromium ignores that click).
      preload="metadata"
      controls
      playsInline
      aria-label={t("media.video", { name: a.name })}
    />
  );
}

function FileCard({ a }: { a: Attachment }) {
  return (
    <a class="file-card" href={a.url} download={a.name} title={a.name}>
      <FileGlyph kind={fileIcon(a.name)} />
      {/* The link's name is "Download <name> <size>": the visible text, with what it does. */}
      <span class="file-text">
        <span class="visually-hidden">{t("media.download")} </span>
        <span class="file-name">{a.name}</span> <span class="file-size">{formatSize(a.size)}</span>
      </span>
      <span class="file-download">
        <Glyph name="download" />
      </span>
    </a>
  );
}

export function Attachments({ list }: { list: Attachment[] }) {
  if (!list.length) return null;
  return (
    <div class="attachments">
      {list.map((a) => (a.kind === "image" ? <Picture key={a.id} a={a} /> : a.kind === "video" ? <Video key={a.id} a={a} /> : <FileCard key={a.id} a={a} />))}
    </div>
  );
}
