// Dates and times in the UI language, through Intl. Formatters are cached per language:
// building an Intl.DateTimeFormat is far slower than using one.
import { computed } from "@preact/signals";
import { lang } from "./index.ts";

const formats = computed(() => {
  const l = lang.value;
  return {
    time: new Intl.DateTimeFormat(l, { hour: "numeric", minute: "2-digit" }),
    weekday: new Intl.DateTimeFormat(l, { weekday: "short" }),
    shortDate: new Intl.DateTimeFormat(l, { day: "numeric", month: "short" }),
    fullDate: new Intl.DateTimeFormat(l, { day: "numeric", month: "short", year: "numeric" }),
    dayLong: new Intl.DateTimeFormat(l, { day: "numeric", month: "long" }),
    dayLongYear: new Intl.DateTimeFormat(l, { day: "numeric", month: "long", year: "numeric" }),
    stamp: new Intl.DateTimeFormat(l, { dateStyle: "long", timeStyle: "short" }),
    relative: new Intl.RelativeTimeFormat(l, { numeric: "auto" }),
  };
});

const dayMs = 86_400_000;

/** Whole calendar days between two instants, in the local time zone. */
export function daysBetween(a: Date, b: Date): number {
  const start = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  return Math.round((start(b) - start(a)) / dayMs);
}

/** A stable key for "the same local day" grouping. */
export function dayKey(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
}

export function formatTime(iso: string): string {
  return formats.value.time.format(new Date(iso));
}

/** A full date and time, for tooltips. */
export function formatStamp(iso: string): string {
  return formats.value.stamp.format(new Date(iso));
}

/** Chat list: the time today, the weekday this week, the date before that. */
export function formatListTime(iso: string, now = new Date()): string {
  const d = new Date(iso);
  const days = daysBetween(d, now);
  const f = formats.value;
  if (days <= 0) return f.time.format(d);
  if (days < 7) return f.weekday.format(d);
  if (d.getFullYear() === now.getFullYear()) return f.shortDate.format(d);
  return f.fullDate.format(d);
}

/** Day separators in the history: "Today", "Yesterday", then the date. */
export function formatDay(iso: string, now = new Date()): string {
  const d = new Date(iso);
  const days = daysBetween(d, now);
  const f = formats.value;
  if (days === 0 || days === 1) return capitalize(f.relative.format(-days, "day"));
  if (d.getFullYear() === now.getFullYear()) return f.dayLong.format(d);
  return f.dayLongYear.format(d);
}

function capitalize(s: string): string {
  return s.charAt(0).toLocaleUpperCase() + s.slice(1);
}
