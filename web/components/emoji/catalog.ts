// The reaction picker's emoji: a quick row of common ones and the full list, from
// emojibase-data (Unicode's emoji list with CLDR names in each language). Every entry is
// spelled as the one RGI sequence the server accepts (protocol's isEmoji): emojibase writes a
// trailing U+FE0F after every emoji, which Unicode leaves off a single code point that is
// already shown as an emoji ("👍", not "👍" + FE0F). tests/unit/web/components/emoji.test.ts
// and tests/worker/emoji-catalog.test.ts (in workerd, whose ICU may differ from Node's) check
// each one.
//
// Emoji newer than NEWEST are left out: too few systems have a font that draws them yet.
// This module is imported only by the picker's lazily loaded chunk (the data is ~700 kB).
import en from "emojibase-data/en/data.json";

export { quickReactions } from "./quick.ts";

const NEWEST = 15.1;
/** emojibase's group 2 holds skin-tone and hair components, which are not emoji on their own. */
const COMPONENTS = 2;

export interface CatalogEmoji {
  emoji: string;
  hexcode: string;
  group: number;
  label: string;
  tags: string[];
}

interface Entry {
  emoji: string;
  hexcode: string;
  group?: number;
  label: string;
  tags?: string[];
  version: number;
}

/** The RGI spelling of an emojibase entry (see the header). */
export function rgiSpelling(emoji: string): string {
  if (!emoji.endsWith("\uFE0F")) return emoji;
  const base = [...emoji.slice(0, -1)];
  return base.length === 1 && /\p{Emoji_Presentation}/u.test(base[0]!) ? base[0]! : emoji;
}

/** Every emoji of the full picker, in Unicode's order, grouped (smileys first, flags last). */
export const catalog: CatalogEmoji[] = (en as unknown as Entry[])
  .filter((e) => e.group !== undefined && e.group !== COMPONENTS && e.version <= NEWEST)
  .map((e) => ({ emoji: rgiSpelling(e.emoji), hexcode: e.hexcode, group: e.group!, label: e.label, tags: e.tags ?? [] }));

/** Names and search words in Russian, by hexcode; loaded only for a Russian interface. */
export async function russianLabels(): Promise<Map<string, { label: string; tags: string[] }>> {
  const ru = (await import("emojibase-data/ru/compact.json")).default as unknown as { hexcode: string; label: string; tags?: string[] }[];
  return new Map(ru.map((e) => [e.hexcode, { label: e.label, tags: e.tags ?? [] }]));
}
