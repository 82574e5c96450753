// Screens and dialogs that most visits never open are loaded on first use, each as a chunk of
// its own: the first load has a size budget (docs/benchmarks.md), and a person opening the
// app should not download code for screens they are not looking at. This is the one wrapper
// for all of them:
// - one download per chunk, shared by every place that shows it; a failed one is forgotten,
//   so the next attempt asks again, and if that fails too the page reloads (a network blip,
//   a redeploy that removed old chunks; Chromium does not fetch a failed chunk twice);
// - `prefetch` starts the download on intent (hover, focus), so the click usually finds the
//   chunk already there;
// - once loaded, the component renders at once, with no placeholder frame in between;
// - until then the caller's placeholder is drawn in the shape of what is coming (so the layout
//   does not jump), and if the download fails it gets `failed` and a `retry` to offer.
import type { ComponentType, VNode } from "preact";
import { useEffect, useState } from "preact/hooks";
import { t } from "../i18n/index.ts";

export interface LoadState {
  /** The chunk could not be downloaded. */
  failed: boolean;
  /** Try the download again. */
  retry: () => void;
}

export interface Lazy<P> {
  Component: (props: P) => VNode | null;
  /** Starts the download without showing anything (hover, focus, an idle moment). */
  prefetch: () => void;
}

export function lazy<P extends object>(
  load: () => Promise<ComponentType<P>>,
  Placeholder: (props: P & LoadState) => VNode | null,
): Lazy<P> {
  let loading: Promise<ComponentType<P>> | null = null;
  let loaded: ComponentType<P> | null = null;

  function get(): Promise<ComponentType<P>> {
    loading ??= load().then(
      (c) => (loaded = c),
      (e: unknown) => {
        loading = null;
        throw e;
      },
    );
    return loading;
  }

  function Component(props: P) {
    // A function in state must be wrapped: useState would call it.
    const [got, setGot] = useState<{ C: ComponentType<P> } | null>(() => (loaded ? { C: loaded } : null));
    const [failed, setFailed] = useState(false);
    const [attempt, setAttempt] = useState(0);
    useEffect(() => {
      if (got) return;
      let live = true;
      get().then(
        (C) => live && setGot({ C }),
        () => {
          if (!live) return;
          // Chromium keeps a failed dynamic import's error for the page's lifetime: importing
          // the same chunk again fails at once, without a request (Chromium 150). So when "Try
          // again" fails too, the page reloads: a new document fetches the chunk afresh, and
          // after a redeploy that removed it, loads the new build's instead.
          if (attempt > 0) location.reload();
          else setFailed(true);
        },
      );
      return () => {
        live = false;
      };
    }, [attempt]);
    if (got) return <got.C {...props} />;
    const retry = () => {
      setFailed(false);
      setAttempt((n) => n + 1);
    };
    return <Placeholder {...props} failed={failed} retry={retry} />;
  }

  return { Component, prefetch: () => void get().catch(() => undefined) };
}

/** What a placeholder shows when its chunk did not come: why, and a way to try again. */
export function LoadFailed({ retry }: { retry: () => void }) {
  return (
    <div class="load-failed" role="alert">
      <p class="muted">{t("error.network")}</p>
      <button type="button" class="btn" onClick={retry}>
        {t("app.retryLoad")}
      </button>
    </div>
  );
}
