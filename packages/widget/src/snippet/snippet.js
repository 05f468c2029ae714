// The loader snippet (dist/snippet.min.js, < 600 bytes). Paste it into a page,
// then call `sayso('init', { site, endpoint })` and anything else right away:
// calls are recorded until the SDK arrives, which replays them in a safe
// order. Loading it twice is harmless: the second copy sees `window.sayso`
// and stops. The SDK script inherits this script's CSP nonce.
(function (w, d, src) {
  if (w.sayso) return;
  var q = [];
  var sayso = (w.sayso = function () {
    q.push(arguments);
  });
  sayso.q = q;
  var s = d.createElement('script');
  var me = d.currentScript;
  s.async = true;
  s.src = src;
  if (me && me.nonce) s.nonce = me.nonce;
  (d.head || d.documentElement).appendChild(s);
})(window, document, '/sdk/sayso.js');
