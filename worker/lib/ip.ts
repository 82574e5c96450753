// Which client a per-IP limit counts (registrations, failed logins). An IPv4 address is one
// client. An IPv6 address is not: a single host or home is routinely given a whole /64 and can
// pick a fresh address from it for every request, so per-address limits would not limit it.
// IPv6 addresses are counted by their /64, IPv4-mapped ones (::ffff:a.b.c.d) as the IPv4
// address they carry. Anything that does not parse is counted as given (cut to 64 characters),
// never thrown on: CF-Connecting-IP is set by Cloudflare, but a limit key must not fail.

/** The key a per-IP limit counts `ip` under. */
export function ipLimitKey(raw: string): string {
  const ip = raw.trim().toLowerCase();
  if (parseV4(ip)) return ip;
  const groups = parseV6(ip);
  if (!groups) return ip.slice(0, 64);
  const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  if (mapped) return [groups[6]! >> 8, groups[6]! & 255, groups[7]! >> 8, groups[7]! & 255].join(".");
  return `${groups.slice(0, 4).map((g) => g.toString(16)).join(":")}::/64`;
}

function parseV4(s: string): number[] | null {
  const parts = s.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return null;
  return parts.map(Number);
}

/** The eight 16-bit groups of an IPv6 address, or null if it is not one. */
function parseV6(input: string): number[] | null {
  let s = input.replace(/%.*$/, ""); // a zone (fe80::1%eth0) names an interface, not a host
  const lastColon = s.lastIndexOf(":");
  if (lastColon < 0) return null;
  const tail = s.slice(lastColon + 1);
  if (tail.includes(".")) {
    const v4 = parseV4(tail);
    if (!v4) return null;
    s = `${s.slice(0, lastColon + 1)}${((v4[0]! << 8) | v4[1]!).toString(16)}:${((v4[2]! << 8) | v4[3]!).toString(16)}`;
  }
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const split = (h: string | undefined) => (h ? h.split(":") : []);
  const left = split(halves[0]);
  const right = split(halves[1]);
  const missing = 8 - left.length - right.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...right];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.map((g) => parseInt(g, 16));
}
