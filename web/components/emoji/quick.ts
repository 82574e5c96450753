// The quick reactions, apart from the full catalog (catalog.ts) so that the menu does not pull
// the emoji data into the first load. The catalog's tests check these too.
export const quickReactions = ["👍", "❤️", "😂", "😮", "😢", "🙏", "🔥", "🎉"] as const;
