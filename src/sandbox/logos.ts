// Generated logos: `/logos/<slug>` + any of upstream's six suffixes answers an SVG with the brand's initials on its
// bg_color (whatever the extension says, the Content-Type is honest: image/svg+xml). One brand's logo 404s on purpose.
import {brandBySlug} from './catalogue/index.js';
import type {Reply} from './http.js';

export const LOGO_SUFFIXES = ['.webp', '_500x318.webp', '_300x190.webp', '.jpg', '_500x318.jpg', '_300x190.jpg'] as const;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Up to two initials from the words of a name; HTML-looking names keep only letters and digits. */
export function initials(name: string): string {
  const words = name.replace(/<[^>]*>/g, ' ').split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const letters = words.slice(0, 2).map((w) => w[0]!.toUpperCase()).join('');
  return letters || '?';
}

/** Black or white, whichever reads better on the background. */
function inkFor(bg: string): string {
  const m = /^#?([0-9a-f]{6})$/i.exec(bg);
  if (!m) return '#ffffff';
  const n = parseInt(m[1]!, 16);
  const luminance = (0.299 * ((n >> 16) & 255) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255)) / 255;
  return luminance > 0.6 ? '#111111' : '#ffffff';
}

export function logoSvg(name: string, bg: string, width: number, height: number): string {
  const text = esc(initials(name));
  const size = Math.round(height * 0.42);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(name)}">` +
    `<rect width="100%" height="100%" fill="${esc(bg)}"/>` +
    `<text x="50%" y="50%" dominant-baseline="central" text-anchor="middle" font-family="system-ui, sans-serif" font-weight="700" font-size="${size}" fill="${inkFor(bg)}">${text}</text>` +
    `</svg>`
  );
}

const LOGO_HEADERS = {'access-control-allow-origin': '*', 'cross-origin-resource-policy': 'cross-origin', 'cache-control': 'public, max-age=3600'};

/** Answers `/logos/<file>`; undefined when the path is not a logo path. */
export function logoReply(pathname: string): Reply | undefined {
  const m = /^\/logos\/([a-z0-9-]+?)(\.webp|_500x318\.webp|_300x190\.webp|\.jpg|_500x318\.jpg|_300x190\.jpg)$/.exec(pathname);
  if (!pathname.startsWith('/logos/')) return undefined;
  const notFound: Reply = {status: 404, json: {message: 'logo not found'}, headers: LOGO_HEADERS};
  if (!m) return notFound;
  const brand = brandBySlug(m[1]!);
  if (!brand || brand.logoMissing) return notFound;
  const [w, h] = m[2]!.includes('_300x190') ? [300, 190] : [500, 318];
  return {status: 200, body: logoSvg(brand.family, brand.bgColor, w, h), type: 'image/svg+xml', headers: LOGO_HEADERS};
}
