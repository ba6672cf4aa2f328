// Brand logos: upstream's size variants, a validated backdrop colour, and the text shown when a logo fails.
import type {Brand} from '../../api/schemas.js';

/** The variants UPSTREAM.md lists for `logo_base_url`, as a srcset (the small one first: most tiles are small). */
export function logoSrcset(brand: Pick<Brand, 'logo_base_url'>, format: 'webp' | 'jpg'): string | undefined {
  const base = safeUrl(brand.logo_base_url);
  return base ? `${base}_300x190.${format} 300w, ${base}_500x318.${format} 500w` : undefined;
}

/** The plain `<img src>`: the small jpg variant (every browser), else `logo_url`. */
export function logoSrc(brand: Pick<Brand, 'logo_base_url' | 'logo_url'>): string | undefined {
  const base = safeUrl(brand.logo_base_url);
  return base ? `${base}_300x190.jpg` : safeUrl(brand.logo_url);
}

/** http(s) URLs only (no `javascript:`, no `data:`), as upstream sends them. */
export function safeUrl(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url, document.baseURI);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href.replace(/\/$/, '') : undefined;
  } catch {
    return undefined;
  }
}

/** `#0e131f` / `#FFF` / `#0e131fcc` only: anything else is ignored rather than put into CSS. */
export function safeHexColor(color: string | null | undefined): string | undefined {
  return color && /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(color.trim()) ? color.trim() : undefined;
}

/** Black or white text, whichever reads better on the colour (for the initials fallback). */
export function inkOn(hex: string | undefined): 'light' | 'dark' {
  if (!hex) return 'dark';
  let digits = hex.slice(1);
  if (digits.length <= 4) digits = [...digits.slice(0, 3)].map((d) => d + d).join('');
  const n = parseInt(digits.slice(0, 6), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // Contrast with white vs with black: pick the larger.
  return (1.05 / (luminance + 0.05)) >= ((luminance + 0.05) / 0.05) ? 'light' : 'dark';
}

/** Up to two initials, from letters and digits only (so HTML-looking names give no markup-ish text). */
export function initials(name: string): string {
  const words = name.replace(/<[^>]*>/g, ' ').split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return words.slice(0, 2).map((w) => [...w][0]!.toUpperCase()).join('') || '?';
}
