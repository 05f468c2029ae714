/* global PerformanceObserver */
// Test harness for pages under test/browser/pages/ui: mounts surveys through
// the BUILT script-tag chunk (window.__saysoui) and records what the SDK
// would see. Deliberately plain JS: it runs as the page's own script.
window.sayso = {
  answers: [],
  dismissals: 0,
  closes: 0,
  /** What the next onSubmit does: 'online', 'offline' or 'fail'. */
  next: 'online',
  handle: null,
  async show(survey, extra) {
    if (window.sayso.handle) window.sayso.handle.close();
    window.sayso.handle = await window.__saysoui.mountSurvey(Object.assign({
      survey,
      locale: 'en',
      onSubmit(answer) {
        window.sayso.answers.push(answer);
        if (window.sayso.next === 'fail') return Promise.reject(new Error('storage full'));
        return Promise.resolve({ durability: 'indexeddb', online: window.sayso.next === 'online' });
      },
      onDismiss() { window.sayso.dismissals++; },
      onClose() { window.sayso.closes++; window.sayso.handle = null; },
    }, extra || {}));
  },
  close() {
    if (window.sayso.handle) window.sayso.handle.close();
  },
};

/** The feedback tab: opens `survey` on press. */
window.sayso.launcher = function (label, survey, position) {
  if (window.sayso.launcherHandle) window.sayso.launcherHandle.close();
  window.sayso.launcherHandle = window.__saysoui.mountLauncher({
    label,
    position,
    onOpen() { window.sayso.show(survey); },
  });
};

// Layout shifts on the host page, as CLS counts them (shifts right after input are excluded).
window.sayso.cls = 0;
new PerformanceObserver(function (list) {
  list.getEntries().forEach(function (e) { if (!e.hadRecentInput) window.sayso.cls += e.value; });
}).observe({ type: 'layout-shift', buffered: true });
