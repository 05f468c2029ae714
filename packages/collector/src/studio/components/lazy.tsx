// Screens the first bundle does not carry: `lazyScreen(() => import(...))`
// makes a component that loads its module on first render (rollup writes it
// as a chunk of its own, `chunk-<Name>-<hash>.js`), says so while it loads,
// and offers a retry when the load fails (a deploy replaced the chunk, the
// network dropped), instead of a blank screen. The module loads once; every
// later render, on this screen or after navigating back, is synchronous.
import type { ComponentType, FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/** What a lazy screen's module must give: the component, picked from the module. */
export type ScreenLoader<P> = () => Promise<ComponentType<P>>;

/** A component that renders the screen `load` resolves to, loading it on first use. */
export function lazyScreen<P extends object>(load: ScreenLoader<P>, name = 'this screen'): FunctionComponent<P> {
  let screen: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  const start = () =>
    (pending ??= load().then(
      (s) => (screen = s),
      (e: unknown) => {
        // Forget the failure, so "Try again" loads afresh.
        pending = undefined;
        throw e;
      },
    ));

  function LazyScreen(props: P) {
    const [, loaded] = useState(0);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (screen || failed) return;
      let live = true;
      start().then(
        () => live && loaded((n) => n + 1),
        () => live && setFailed(true),
      );
      return () => void (live = false);
    }, [failed]);
    if (screen) {
      const Screen = screen;
      return <Screen {...props} />;
    }
    if (failed)
      return (
        <div role="alert">
          <p>{`Could not load ${name}: check the connection, then try again.`}</p>
          <button type="button" onClick={() => setFailed(false)}>
            Try again
          </button>
        </div>
      );
    return (
      <p class="muted loading" role="status">
        Loading…
      </p>
    );
  }
  return LazyScreen;
}
