// Placeholders drawn in the shape of what is loading (list rows, message bubbles, lines of a
// panel), instead of a "Loading…" line: the layout does not jump when the data arrives, and
// the screen already looks like the app. Each is a `status` whose name is the loading text, so
// a screen reader still hears what the eye sees.
import { t } from "../i18n/index.ts";

/** Rows of the chat list: an avatar and two lines. */
export function ListSkeleton({ rows = 6, label = t("app.loading") }: { rows?: number; label?: string }) {
  return (
    <div class="skeleton-list" role="status" aria-label={label}>
      {Array.from({ length: rows }, (_, i) => (
        <div class="skeleton-row" key={i} aria-hidden="true">
          <span class="skeleton skeleton-avatar" />
          <span class="skeleton-lines">
            <span class="skeleton skeleton-line" style={{ width: `${55 - ((i * 13) % 25)}%` }} />
            <span class="skeleton skeleton-line" style={{ width: `${85 - ((i * 17) % 35)}%` }} />
          </span>
        </div>
      ))}
    </div>
  );
}

/** Message bubbles, alternating sides, for a history that is loading. */
export function HistorySkeleton({ bubbles = 6, label = t("app.loading") }: { bubbles?: number; label?: string }) {
  return (
    <div class="skeleton-history" role="status" aria-label={label}>
      {Array.from({ length: bubbles }, (_, i) => (
        <span
          key={i}
          aria-hidden="true"
          class={i % 3 === 1 ? "skeleton skeleton-bubble mine" : "skeleton skeleton-bubble"}
          style={{ width: `${30 + ((i * 23) % 40)}%` }}
        />
      ))}
    </div>
  );
}

/** A few lines of text, for a panel or a dialog whose content is loading. */
export function LinesSkeleton({ lines = 3 }: { lines?: number }) {
  return (
    <div class="skeleton-lines block" role="status" aria-label={t("app.loading")}>
      {Array.from({ length: lines }, (_, i) => (
        <span key={i} aria-hidden="true" class="skeleton skeleton-line" style={{ width: `${90 - ((i * 19) % 40)}%` }} />
      ))}
    </div>
  );
}

/** One bar at an end of the history while older (or newer) messages load; it fits inside the
 * edge's own height, so the messages below do not move when it comes and goes. */
export function EdgeSkeleton({ label }: { label: string }) {
  return <span class="skeleton skeleton-edge" role="status" aria-label={label} />;
}

/** A chat whose header and history are both still loading. */
export function ChatSkeleton() {
  return (
    <div class="chat">
      <div class="chat-head" aria-hidden="true">
        <span class="skeleton skeleton-avatar small" />
        <span class="skeleton-lines">
          <span class="skeleton skeleton-line" style={{ width: "40%" }} />
          <span class="skeleton skeleton-line" style={{ width: "25%" }} />
        </span>
      </div>
      <div class="history">
        <div class="history-inner">
          <HistorySkeleton />
        </div>
      </div>
    </div>
  );
}
