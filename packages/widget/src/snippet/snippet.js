// The loader snippet (dist/snippet.min.js, < 600 bytes). Paste it into a page
// (its third argument is the folder sayso's files are served from),
// then call `sayso('init', { site, endpoint })` and anything else right away:
// calls are recorded until the SDK arrives, which replays them in a safe
// order. Loading it twice is harmless: the second copy finds sayso's stub (or
// the SDK) and stops. The SDK script inherits this script's CSP nonce.
//
// `window.sayso` may be taken. An element with id="sayso" is no own property
// of window (named access), and sayso's global shadows it. Anything else is
// another script's: it is left alone, nothing loads, the console says
// E_GLOBAL_TAKEN, and the last argument picks another name, handed on to the
// SDK in its script's data-sayso-global.
//
// Under Trusted Types without a default policy, it creates the `sayso`
// policy, which sayso.js moves to the page registry for itself and the UI
// chunk (src/sdk/trusted-types.ts, whose rule this one repeats): it turns a
// file name `sayso*.js` into that file in the folder, and anything else into
// an empty URL. Nothing here throws into the page: a refusal is reported as
// E_TRUSTED_TYPES.
(function (w, d, base, name) {
  var me = d.currentScript;
  var have = w[name];
  var tt = w.trustedTypes;
  var s = d.createElement('script');
  var q = [];
  // An element has a nodeType; sayso's own stub and SDK have q and v.
  if (have && !have.nodeType) return have.q || have.v || console.error('sayso: E_GLOBAL_TAKEN', name);
  var stub = (w[name] = function () {
    q.push(arguments);
  });
  stub.q = q;
  s.dataset.saysoGlobal = name;
  if (me) s.nonce = me.nonce;
  try {
    // On the stub, where sayso.js picks it up for the page registry.
    if (tt && !tt.defaultPolicy)
      stub.p = tt.createPolicy('sayso', {
        createScriptURL: function (file) {
          return /^sayso[\w-]*\.js$/.test(file) ? base + file : '';
        },
      });
    // Inserted by script, so async already.
    s.src = stub.p ? stub.p.createScriptURL('sayso.js') : base + 'sayso.js';
    d.head.append(s);
  } catch (e) {
    // A page that allows neither a default policy nor sayso's: nothing can load.
    console.error('sayso: E_TRUSTED_TYPES', e);
  }
})(window, document, '/sdk/', 'sayso');
