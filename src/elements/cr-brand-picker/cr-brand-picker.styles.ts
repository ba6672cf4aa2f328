import {css} from 'lit';

export const pickerStyles = css`
  :host {
    --_tile-min: var(--cr-picker-tile-min, 9.5rem);
    --_list-height: var(--cr-picker-max-height, 32rem);
    padding: calc(var(--_space) * 2);
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: end;
    margin-bottom: calc(var(--_space) * 1.5);
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) / 2);
    flex: 1 1 12rem;
    min-width: 0;
  }
  .field-label {
    font-size: 0.875em;
    font-weight: 600;
  }
  select.input {
    padding-right: var(--_space);
  }
  [role='tablist'] {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2);
    border-bottom: 1px solid var(--_border);
    margin-bottom: calc(var(--_space) * 1.5);
  }
  [role='tab'] {
    min-height: 44px;
    padding: 0 var(--_space);
    border: 0;
    border-bottom: 3px solid transparent;
    background: none;
    color: var(--_muted);
    cursor: pointer;
    font-weight: 600;
  }
  [role='tab'][aria-selected='true'] {
    color: var(--_fg);
    border-bottom-color: var(--_accent);
  }
  .count {
    font-weight: 400;
  }
  .panel {
    max-height: var(--_list-height);
    overflow: auto;
    overscroll-behavior: contain;
    padding: 4px;
  }
  [role='listbox'],
  .skeletons {
    display: grid;
    /* Two columns at least: on a phone, one column of full-width tiles would show two brands a screen. */
    grid-template-columns: repeat(auto-fill, minmax(min(var(--_tile-min), calc(50% - var(--_space) / 2)), 1fr));
    gap: var(--_space);
    margin: 0;
    padding: 0;
  }
  [role='option'] {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) / 2);
    padding: calc(var(--_space) / 2);
    border: 1px solid var(--_control-border);
    border-radius: var(--_radius);
    background: var(--_bg);
    cursor: pointer;
    min-width: 0;
    /* Tiles scrolled out of view cost no layout or paint: the list changes on every keystroke. */
    content-visibility: auto;
    contain-intrinsic-size: auto var(--_tile-min) auto 9rem;
  }
  [role='option']:hover {
    border-color: var(--_accent);
  }
  [role='option'][aria-selected='true'] {
    border-color: var(--_accent);
    box-shadow: 0 0 0 2px var(--_accent);
  }
  [role='option'][aria-disabled='true'] {
    cursor: not-allowed;
  }
  [role='option'][aria-disabled='true'] .logo {
    filter: grayscale(1);
    opacity: 0.6;
  }
  .logo {
    position: relative;
    aspect-ratio: 300 / 190;
    border-radius: calc(var(--_radius) - 4px);
    overflow: hidden;
    background: var(--_logo-bg, var(--_surface));
    display: flex;
    align-items: center;
    justify-content: center;
  }
  .logo img {
    width: 100%;
    height: 100%;
    object-fit: contain;
    display: block;
  }
  .initials {
    font-weight: 700;
    font-size: 1.6em;
    letter-spacing: 0.04em;
  }
  .logo.ink-light .initials {
    color: #ffffff;
  }
  .logo.ink-dark .initials {
    color: #111111;
  }
  .name {
    font-weight: 600;
    overflow-wrap: anywhere;
    line-height: 1.25;
  }
  .range {
    font-size: 0.875em;
    color: var(--_muted);
  }
  .badge {
    align-self: flex-start;
    font-size: 0.75em;
    font-weight: 600;
    padding: 1px 6px;
    border-radius: 999px;
    border: 1px solid var(--_danger);
    color: var(--_danger);
  }
  .skeleton-tile {
    aspect-ratio: 300 / 250;
  }
  .message {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: var(--_space);
    padding: calc(var(--_space) * 2) 0;
  }
  .sentinel {
    height: 1px;
  }
`;
