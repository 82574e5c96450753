// A readable name for a signed-in device from its User-Agent: "Chrome on Linux". Our own small
// parser: it only has to tell the browsers and systems people use apart, and the order of the
// checks is what matters (Edge and Opera say "Chrome" too, Chrome says "Safari", Android says
// "Linux", iPadOS may say "Macintosh"). Anything unknown is named as such, never guessed.

export interface Device {
  browser: string | null;
  os: string | null;
}

const browsers: [RegExp, string][] = [
  [/\bEdg(e|A|iOS)?\//, "Edge"],
  [/\b(OPR|Opera)\//, "Opera"],
  [/\bYaBrowser\//, "Yandex Browser"],
  [/\bSamsungBrowser\//, "Samsung Internet"],
  [/\bFirefox\/|\bFxiOS\//, "Firefox"],
  [/\bCriOS\/|\b(Headless)?Chrome\/|\bChromium\//, "Chrome"],
  [/\bVersion\/[\d.]+.*\bSafari\//, "Safari"],
  [/\bnode\b|\bundici\b/i, "Node.js"],
  [/\bcurl\//, "curl"],
];

const systems: [RegExp, string][] = [
  [/\bAndroid\b/, "Android"],
  [/\b(iPhone|iPad|iPod)\b/, "iOS"],
  [/\bCrOS\b/, "ChromeOS"],
  [/\bWindows\b/, "Windows"],
  [/\bMac OS X\b|\bMacintosh\b/, "macOS"],
  [/\bLinux\b|\bX11\b/, "Linux"],
];

export function parseDevice(userAgent: string | null | undefined): Device {
  const ua = userAgent ?? "";
  return {
    browser: browsers.find(([re]) => re.test(ua))?.[1] ?? null,
    os: systems.find(([re]) => re.test(ua))?.[1] ?? null,
  };
}
