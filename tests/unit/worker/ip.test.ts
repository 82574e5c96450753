// Per-IP limits count an IPv6 client by its /64 (a host can pick any address in it) and an
// IPv4 client by its address (docs/api.md "Limits and settings").
import { describe, expect, it } from "vitest";
import { ipLimitKey } from "../../../worker/lib/ip.ts";

describe("the key a per-IP limit counts an address under", () => {
  it("is the address itself for IPv4", () => {
    expect(ipLimitKey("203.0.113.7")).toBe("203.0.113.7");
    expect(ipLimitKey(" 203.0.113.7 ")).toBe("203.0.113.7");
    expect(ipLimitKey("203.0.113.8")).not.toBe(ipLimitKey("203.0.113.7"));
  });

  it("is the /64 for IPv6, however the address is written", () => {
    const key = "2001:db8:0:1::/64";
    expect(ipLimitKey("2001:0db8:0000:0001:0000:0000:0000:0001")).toBe(key);
    expect(ipLimitKey("2001:db8:0:1::1")).toBe(key);
    expect(ipLimitKey("2001:DB8:0:1:FFFF:FFFF:FFFF:FFFF")).toBe(key);
    expect(ipLimitKey("2001:db8:0:1:a:b:c:d")).toBe(key);
    expect(ipLimitKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(ipLimitKey("2001:db8:0:2::1")).not.toBe(key);
    expect(ipLimitKey("::1")).toBe("0:0:0:0::/64");
    expect(ipLimitKey("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(ipLimitKey("1:2:3:4:5:6:7::")).toBe("1:2:3:4::/64");
  });

  it("is the IPv4 address for an IPv4-mapped IPv6 address, in either notation", () => {
    expect(ipLimitKey("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(ipLimitKey("::FFFF:cb00:7107")).toBe("203.0.113.7");
    expect(ipLimitKey("0:0:0:0:0:ffff:203.0.113.7")).toBe("203.0.113.7");
    // Other embedded IPv4 forms are plain IPv6 addresses.
    expect(ipLimitKey("64:ff9b::203.0.113.7")).toBe("64:ff9b:0:0::/64");
  });

  it("is what was given, cut short, for anything that is not an address", () => {
    expect(ipLimitKey("unknown")).toBe("unknown");
    expect(ipLimitKey("1:2:3")).toBe("1:2:3");
    expect(ipLimitKey("1::2::3")).toBe("1::2::3");
    expect(ipLimitKey("1:2:3:4:5:6:7:8:9")).toBe("1:2:3:4:5:6:7:8:9");
    expect(ipLimitKey("::ffff:300.1.1.1")).toBe("::ffff:300.1.1.1");
    expect(ipLimitKey("x".repeat(100))).toHaveLength(64);
  });
});
