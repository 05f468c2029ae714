// The script-tag build's JSX factory (jsx-script.ts) must build what
// preact/jsx-runtime builds: the same markup, keys that reach the vnode
// (not a stray child), refs that are called, children from props.
import { describe, expect, it } from 'vitest';
import { createRef, Fragment as RuntimeFragment, render } from 'preact';
import { jsx as runtimeJsx } from 'preact/jsx-runtime';
import { Fragment, jsx, jsxs } from './jsx-script.js';

const html = (vnode: ReturnType<typeof jsx>) => {
  const el = document.createElement('div');
  render(vnode, el);
  return el.innerHTML;
};

describe('jsx-script: JSX through createElement', () => {
  it('renders the same markup as preact/jsx-runtime, children and fragments included', () => {
    const Item = ({ n }: { n: number }) => jsx('li', { class: 'o', children: n });
    const build = (j: typeof jsx, F: typeof Fragment) =>
      j('ul', { 'aria-label': 'scale', children: [j(F, { children: [j(Item as never, { n: 1 }), j(Item as never, { n: 2 })] }), j('li', { children: 'end' })] });
    expect(html(build(jsx, Fragment))).toBe(html(build(runtimeJsx as typeof jsx, RuntimeFragment)));
    expect(html(build(jsxs, Fragment))).toBe('<ul aria-label="scale"><li class="o">1</li><li class="o">2</li><li>end</li></ul>');
  });

  it('puts a key on the vnode, not among the children', () => {
    const v = jsx('li', { children: 'a' }, 'k1');
    expect(v.key).toBe('k1');
    expect(v.props).toEqual({ children: 'a' });
    expect(jsx('li', {}).key).toBeUndefined();
  });

  it('hands a ref the element and keeps it out of the props', () => {
    const ref = createRef<HTMLButtonElement>();
    const v = jsx('button', { ref, children: 'go' });
    expect('ref' in v.props).toBe(false);
    const el = document.createElement('div');
    render(v, el);
    expect(ref.current).toBe(el.firstChild);
  });
});
