// A round badge with the first letter of a name. The color (one of eight CSS classes, not an
// inline style: the CSP forbids those) is stable per seed.
export function Avatar({ name, seed, size = "md" }: { name: string; seed: string; size?: "sm" | "md" }) {
  let h = 0;
  for (const ch of seed) h = (h * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  const letter = [...name.trim()][0]?.toLocaleUpperCase() ?? "?";
  return (
    <span class={`avatar avatar-${size} avatar-c${h % 8}`} aria-hidden="true">
      {letter}
    </span>
  );
}
