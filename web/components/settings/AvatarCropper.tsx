// Crops a chosen picture to a square before it is uploaded: a live preview on a canvas, a zoom
// and the position of the square across and down (sliders, so the keyboard can do it too;
// dragging the preview moves it as well). "Use this picture" hands the square to `onCrop`.
import { useEffect, useRef, useState } from "preact/hooks";
import { t } from "../../i18n/settings.ts";
import { cropRect, cropToBlob, drawCrop, type CropView } from "../../media/crop.ts";

interface Props {
  file: File;
  onCrop: (picture: Blob) => void;
  onCancel: () => void;
}

export function AvatarCropper({ file, onCrop, onCancel }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [source, setSource] = useState<ImageBitmap | null>(null);
  const [failed, setFailed] = useState(false);
  const [view, setView] = useState<CropView>({ zoom: 1, x: 0.5, y: 0.5 });
  const drag = useRef<{ px: number; py: number; x: number; y: number } | null>(null);

  useEffect(() => {
    let bitmap: ImageBitmap | null = null;
    let live = true;
    createImageBitmap(file).then(
      (b) => {
        bitmap = b;
        if (live) setSource(b);
        else b.close();
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
      bitmap?.close();
    };
  }, [file]);

  useEffect(() => {
    if (source && canvas.current) drawCrop(canvas.current, source, view);
  }, [source, view]);

  if (failed) {
    return (
      <div class="cropper">
        <p class="form-error" role="alert">
          {t("settings.pictureUnreadable")}
        </p>
        <button type="button" class="btn" onClick={onCancel}>
          {t("dialog.cancel")}
        </button>
      </div>
    );
  }

  const slider = (key: keyof CropView, label: string, min: number, max: number) => (
    <label class="cropper-slider">
      <span>{label}</span>
      <input type="range" min={min} max={max} step={0.01} value={view[key]} onInput={(e) => setView({ ...view, [key]: Number(e.currentTarget.value) })} />
    </label>
  );

  return (
    <div class="cropper">
      <canvas
        ref={canvas}
        class="cropper-preview"
        width={240}
        height={240}
        role="img"
        aria-label={t("settings.picturePreview")}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          drag.current = { px: e.clientX, py: e.clientY, x: view.x, y: view.y };
        }}
        onPointerMove={(e) => {
          const d = drag.current;
          if (!d || !source) return;
          // Moving the picture right shows more of its left: the square moves the other way.
          const { side } = cropRect(source.width, source.height, view);
          const scale = side / e.currentTarget.clientWidth;
          const spareX = source.width - side || 1;
          const spareY = source.height - side || 1;
          const x = Math.min(1, Math.max(0, d.x - ((e.clientX - d.px) * scale) / spareX));
          const y = Math.min(1, Math.max(0, d.y - ((e.clientY - d.py) * scale) / spareY));
          setView({ ...view, x, y });
        }}
        onPointerUp={() => {
          drag.current = null;
        }}
      />
      <div class="cropper-controls">
        {slider("zoom", t("settings.zoom"), 1, 4)}
        {slider("x", t("settings.across"), 0, 1)}
        {slider("y", t("settings.down"), 0, 1)}
        <div class="settings-row">
          <button type="button" class="btn primary" disabled={!source} onClick={() => source && void cropToBlob(source, view).then(onCrop, () => setFailed(true))}>
            {t("settings.usePicture")}
          </button>
          <button type="button" class="btn" onClick={onCancel}>
            {t("dialog.cancel")}
          </button>
        </div>
      </div>
    </div>
  );
}
