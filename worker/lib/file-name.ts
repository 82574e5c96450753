// The name a served upload is saved under (Content-Disposition). The uploader chose it, so it
// is cut down to characters that are harmless in a header and on any file system.
/** A file name safe in a header and on any disk: letters, digits, space, dot, dash and
 * underscore; at most 100 characters (code points, never half of one), keeping the extension
 * when it has to cut; no trailing dots or spaces (which Windows drops, so "x.html." would be
 * saved as an HTML file). */
export function safeFileName(name: string | null): string {
  const chars = Array.from((name ?? "file").replace(/[^\p{L}\p{N} ._-]/gu, "_").replace(/[. ]+$/, ""));
  if (chars.length > 100) {
    const ext = /\.[\p{L}\p{N}]{1,10}$/u.exec(chars.join(""))?.[0] ?? "";
    chars.splice(100 - ext.length, Infinity, ...ext);
  }
  return chars.join("").replace(/[. ]+$/, "") || "file";
}
