// The shared look of every element: public `--cr-*` custom properties (the partner's theme) read into private
// `--_*` ones with light and dark defaults, plus base styles for buttons, inputs, focus rings and hidden text.
// Constructable stylesheets only (Lit's `css`, adopted by the shadow root): a strict CSP without
// 'unsafe-inline' still applies them, where inline `style=` attributes would be blocked.
import {css} from 'lit';
import {skeletonStyles} from './skeleton.js';

/**
 * Custom properties (all optional; each applies in light AND dark mode when set):
 * --cr-accent, --cr-accent-fg, --cr-bg, --cr-fg, --cr-muted, --cr-surface, --cr-border, --cr-danger,
 * --cr-success, --cr-focus, --cr-radius, --cr-font, --cr-font-size, --cr-space.
 */
/** The dark defaults, written once for both ways of asking for them (the system setting, or theme="dark"). */
const darkDefaults = css`
  --_accent: var(--cr-accent, #8fb0ff);
  --_ink: #0b0f19;
  --_bg: var(--cr-bg, #12151c);
  --_fg: var(--cr-fg, #e8ebf2);
  --_muted: var(--cr-muted, #a9b1c2);
  --_surface: var(--cr-surface, #1c212b);
  --_border: var(--cr-border, #434b5c);
  --_control-border: var(--cr-border, #6b7487);
  --_danger: var(--cr-danger, #ff8a80);
  --_success: var(--cr-success, #6fd3a0);
  color-scheme: dark;
`;

const lightDefaults = css`
  --_accent: var(--cr-accent, #0b5fff);
  --_ink: #ffffff;
  --_bg: var(--cr-bg, #ffffff);
  --_fg: var(--cr-fg, #161b26);
  --_muted: var(--cr-muted, #535b6b);
  --_surface: var(--cr-surface, #f3f5f9);
  --_border: var(--cr-border, #c9cfd9);
  /* What outlines a control (input, button, choice): 3:1 against the background and the surfaces (WCAG 1.4.11). */
  --_control-border: var(--cr-border, #858e9e);
  --_danger: var(--cr-danger, #b42318);
  --_success: var(--cr-success, #067647);
  --_focus: var(--cr-focus, var(--_accent));
  --_radius: var(--cr-radius, 10px);
  --_font: var(--cr-font, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif);
  --_font-size: var(--cr-font-size, 1rem);
  --_space: var(--cr-space, 8px);
  color-scheme: light;
`;

export const themeStyles = css`
  :host {
    ${lightDefaults}
  }
  /* Dark from the reader's system setting unless the page forces theme="light", or when it forces "dark". */
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${darkDefaults}
    }
  }
  :host([theme='dark']) {
    ${darkDefaults}
  }
  /* Text on the accent: the partner's, else black or white, whichever reads on the accent as it is (a partner who
     sets only --cr-accent gets legible buttons in light and dark mode alike); else the mode's default. */
  :host {
    --_accent-fg: var(--cr-accent-fg, var(--_ink));
  }
  @supports (color: oklch(from red l c h)) {
    :host {
      --_accent-fg: var(--cr-accent-fg, oklch(from var(--_accent) clamp(0, (0.57 - l) * 1000, 1) 0 0));
    }
  }
`;

export const baseStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    background: var(--_bg);
    color: var(--_fg);
    font-family: var(--_font);
    font-size: var(--_font-size);
    line-height: 1.45;
    border-radius: var(--_radius);
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  /* Read by screen readers, not shown. */
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
  button,
  input,
  select {
    font: inherit;
    color: inherit;
  }
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: calc(var(--_space) / 2);
    min-height: 44px;
    padding: 0 calc(var(--_space) * 2);
    border: 1px solid var(--_control-border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_fg);
    cursor: pointer;
  }
  .button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_accent-fg);
    font-weight: 600;
  }
  /* Our buttons are never disabled (a disabled button cannot be focused or explained): aria-disabled only. */
  .button[aria-disabled='true'] {
    opacity: 0.55;
    cursor: not-allowed;
  }
  .input {
    min-height: 44px;
    width: 100%;
    padding: 0 calc(var(--_space) * 1.5);
    border: 1px solid var(--_control-border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_fg);
  }
  .input::placeholder {
    color: var(--_muted);
    opacity: 1;
  }
  .input[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .muted {
    color: var(--_muted);
  }
  .error {
    color: var(--_danger);
  }
  .success {
    color: var(--_success);
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation-duration: 0.01ms !important;
      animation-iteration-count: 1 !important;
      transition-duration: 0.01ms !important;
    }
  }
`;

/**
 * What every element's `static styles` holds from the start: the theme, the base styles, and the loading placeholder
 * (the checkout's and the picker's: a few bytes, in the entry rather than a chunk of their own). Each tag's own
 * styles come with its body (lazy-body.ts).
 */
export const hostStyles = [themeStyles, baseStyles, skeletonStyles];
