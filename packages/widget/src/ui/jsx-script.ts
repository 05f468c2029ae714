// Script-tag build (rollup swaps this file in for preact/jsx-runtime in
// sayso-ui.js): the automatic runtime's jsx() is a second vnode factory
// beside Preact's createElement, which the chunk carries anyway (mount.ts
// calls it as `h`). Sending JSX through createElement saves about 85 B gzip.
// The npm build keeps preact/jsx-runtime.
import { createElement, type ComponentType, type VNode } from 'preact';

export { Fragment } from 'preact';

/**
 * The automatic runtime's call: `props` holds the children already, and a
 * `key` comes as the third argument, where createElement would take it for a
 * child, so it goes back into props (createElement takes it out again).
 */
export function jsx(type: string | ComponentType<never>, props: Record<string, unknown>, key?: unknown): VNode {
  if (key !== undefined) props.key = key;
  return createElement(type as string, props);
}

export { jsx as jsxs };
