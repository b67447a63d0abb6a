/* The start of the iframe-worker shim's frame (iframe-worker-1.0.4.js, MIT, Martin Donath), moved out of
   an inline script so that the page's Content-Security-Policy, which the frame inherits, lets it run.
   It makes the frame look like a worker to the worker script loaded after it. */
(function () {
  var me = document.currentScript, url = me.getAttribute("data-url");
  // Gone once run: Material's worker finds its own address as the frame's first script with a src.
  me.parentNode.removeChild(me);
  window.postMessage = function (s, n) { parent.postMessage(s, n || "*"); };
  window.importScripts = function () {
    return Array.prototype.slice.call(arguments).reduce(function (n, e) {
      return n.then(function () {
        return new Promise(function (r) {
          var t = document.createElement("script");
          t.src = e; t.onload = r; document.body.appendChild(t);
        });
      });
    }, Promise.resolve());
  };
  window.addEventListener("error", function (ev) {
    parent.dispatchEvent(new ErrorEvent("error", { filename: url, error: ev.error }));
  });
})();
