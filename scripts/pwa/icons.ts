// The app's icons, drawn at build time from the one logo (web/public/favicon.svg), so no
// binary is kept in the repository and a new logo changes every icon at once.
//
// @resvg/resvg-js rasterises SVG exactly (a Rust renderer shipped as a prebuilt Node addon in
// the npm package, nothing downloaded at install); writing a rasteriser or a PNG encoder of
// our own would be more code than the rest of the installable app.
import { Resvg } from "@resvg/resvg-js";

export interface Icon {
  fileName: string;
  size: number;
  purpose: "any" | "maskable";
  png: Uint8Array;
}

/** The colour of the logo's disc: the maskable icon's full-bleed background. */
export const logoColour = "#3390ec";

function render(svg: string, size: number): Uint8Array {
  return new Resvg(svg, { fitTo: { mode: "width", value: size }, font: { loadSystemFonts: false } }).render().asPng();
}

/**
 * The round logo at 192 and 512 px (transparent corners), and a maskable 512 px one: a launcher
 * may crop a maskable icon to any shape down to the centre circle of 80 % of its width (the
 * safe zone), so the logo is drawn at 80 % on a solid square of its own colour.
 */
export function appIcons(logoSvg: string): Icon[] {
  const inner = logoSvg.replace(/^[\s\S]*?<svg[^>]*>/, "").replace(/<\/svg>\s*$/, "");
  const viewBox = /viewBox="([^"]+)"/.exec(logoSvg)?.[1] ?? "0 0 64 64";
  const [, , w = 64] = viewBox.split(/\s+/).map(Number);
  const maskable =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${w}">` +
    `<rect width="${w}" height="${w}" fill="${logoColour}"/>` +
    `<g transform="translate(${w * 0.1} ${w * 0.1}) scale(0.8)">${inner}</g></svg>`;
  return [
    { fileName: "icons/icon-192.png", size: 192, purpose: "any", png: render(logoSvg, 192) },
    { fileName: "icons/icon-512.png", size: 512, purpose: "any", png: render(logoSvg, 512) },
    { fileName: "icons/icon-maskable-512.png", size: 512, purpose: "maskable", png: render(maskable, 512) },
  ];
}
