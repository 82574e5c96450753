// The `weak_password` check: is this one of the most common passwords?
//
// The list (common-passwords.txt, 3,309 entries of 8+ characters from SecLists' top 10,000,
// MIT; source and licence notice in its header) is imported as a string: wrangler bundles
// `*.txt` as a Text module by default, and @cloudflare/vitest-plugin resolves it the same way.
// The Set is built on first use, not at import, so isolates that never register a user do not
// pay for it. Comparison is case-insensitive: "PassWord1" is as guessable as "password1".

import listText from "./common-passwords.txt";

let common: Set<string> | undefined;

function commonPasswords(): Set<string> {
  common ??= new Set(
    listText
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line !== "" && !line.startsWith("#")),
  );
  return common;
}

export function isCommonPassword(pw: string): boolean {
  return commonPasswords().has(pw.toLowerCase());
}
