// The browser's side of desktop notifications (io.ts Alerts): the Notification API and a
// short two-note chime made with Web Audio (no sound file to ship). Reached only through IO.
import type { Alerts, NotificationPermissionState } from "./io.ts";

let audio: AudioContext | null = null;

export function browserAlerts(): Alerts | undefined {
  if (typeof Notification === "undefined") return undefined;
  return {
    permission: () => Notification.permission as NotificationPermissionState,
    requestPermission: async () => (await Notification.requestPermission()) as NotificationPermissionState,
    show: ({ title, body, tag }, onClick) => {
      try {
        const n = new Notification(title, { body, tag, icon: "/favicon.svg" });
        n.onclick = () => {
          window.focus();
          onClick();
          n.close();
        };
      } catch {
        // Some browsers (Android Chrome) allow notifications only from a service worker.
      }
    },
    beep: () => {
      try {
        audio ??= new AudioContext();
        const now = audio.currentTime;
        for (const [i, freq] of [880, 1320].entries()) {
          const osc = audio.createOscillator();
          const gain = audio.createGain();
          osc.frequency.value = freq;
          gain.gain.setValueAtTime(0.0001, now + i * 0.12);
          gain.gain.exponentialRampToValueAtTime(0.15, now + i * 0.12 + 0.02);
          gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.12 + 0.18);
          osc.connect(gain).connect(audio.destination);
          osc.start(now + i * 0.12);
          osc.stop(now + i * 0.12 + 0.2);
        }
      } catch {
        // no audio output: the notification is enough
      }
    },
  };
}
