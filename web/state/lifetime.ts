// How models end. A model made by createModel owns the effects created while it was being
// built; disposing it stops them and runs their cleanups. `onDispose` hangs any other cleanup
// (a socket, a timer, a listener, a reset of its signals) on that same moment, so one
// dispose ends everything a model started.
import { effect } from "@preact/signals";

/** Runs `fn` when the model being built is disposed. Call it while a createModel factory runs. */
export function onDispose(fn: () => void): void {
  // An effect that reads no signal never re-runs; its cleanup runs once, on dispose.
  effect(() => fn);
}

/** Disposes a model made by createModel. */
export function dispose(model: Disposable): void {
  model[Symbol.dispose]();
}
