// File sizes in the UI language ("1.5 MB", "1,5 МБ"), through Intl's units. Decimal steps
// of 1000, as operating systems and browsers show sizes today; one decimal below 10 units.
import { computed } from "@preact/signals";
import { lang } from "./index.ts";

const steps = [
  ["byte", 1],
  ["kilobyte", 1e3],
  ["megabyte", 1e6],
  ["gigabyte", 1e9],
] as const;

const formats = computed(() => {
  const l = lang.value;
  // Bytes in full ("999 bytes", "2 байта"): the short form of that one unit reads oddly.
  return steps.map(([unit]) => ({
    whole: new Intl.NumberFormat(l, { style: "unit", unit, unitDisplay: unit === "byte" ? "long" : "short", maximumFractionDigits: 0 }),
    tenths: new Intl.NumberFormat(l, { style: "unit", unit, unitDisplay: "short", maximumFractionDigits: 1 }),
  }));
});

export function formatSize(bytes: number): string {
  let i = steps.length - 1;
  while (i > 0 && bytes < steps[i]![1]) i--;
  const value = bytes / steps[i]![1];
  // 999.96 kB would round to "1000 kB": show it as the next unit instead.
  if (i < steps.length - 1 && Math.round(value) >= 1000) return formatSize(steps[i + 1]![1]);
  const f = formats.value[i]!;
  return i > 0 && value < 10 ? f.tenths.format(value) : f.whole.format(value);
}
