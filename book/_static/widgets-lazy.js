/*
 * Loads the ipywidgets HTML manager only when an explorer comes near the viewport.
 *
 * Pages with saved widgets list this script in _config.yml (nb_ipywidgets_js), after
 * widgets-offline-shim.js. The manager (RequireJS plus embed-amd.js, about 3.6 MB of JavaScript)
 * used to be loaded and parsed on every such page at once: on a phone that is seconds of blocked
 * main thread before the reader can scroll. Now nothing is fetched until a saved widget view is
 * within about two screens of the viewport (IntersectionObserver), or the reader uses the keyboard
 * or pointer on one. Then RequireJS and embed-amd.js are injected in that order; embed-amd.js,
 * finding the document loaded, renders every widget on the page at once (so a slider and the
 * figure it drives always appear together).
 *
 * Until then each widget view's place holds a short note, so the reader sees where an explorer
 * will appear. The widget state stays in the page; nothing else changes.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var here = script ? script.src : document.baseURI;
  var VIEW = 'script[type="application/vnd.jupyter.widget-view+json"]';
  var started = false;

  function load(src) {
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = new URL(src, here).href;
      tag.onload = resolve;
      tag.onerror = function () { reject(new Error("could not load " + tag.src)); };
      document.head.appendChild(tag);
    });
  }

  function start() {
    if (started) { return; }
    started = true;
    window.__sgWidgetsRequested = Date.now();  // read by the browser tests
    load("vendor/requirejs/require.js")
      .then(function () { return load("vendor/html-manager/embed-amd.js"); })
      .catch(function (error) { console.error(error); });
  }

  function init() {
    var views = Array.prototype.slice.call(document.querySelectorAll(VIEW));
    if (!views.length) { return; }
    var style = document.createElement("style");
    style.textContent = ".sg-widget-placeholder{min-height:18rem;display:flex;align-items:center;" +
      "justify-content:center;border:1px dashed #999;color:#555;margin:0}" +
      ".cell_output:has(.jupyter-widgets) .sg-widget-placeholder{display:none}";
    document.head.appendChild(style);
    views.forEach(function (view) {
      var note = document.createElement("p");
      note.className = "sg-widget-placeholder";
      note.textContent = "The interactive explorer loads here as you scroll to it.";
      view.parentNode.insertBefore(note, view);
    });
    if (!("IntersectionObserver" in window)) { start(); return; }
    var observer = new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) {
        observer.disconnect();
        start();
      }
    }, {rootMargin: "1500px 0px"});
    views.forEach(function (view) { observer.observe(view.parentNode); });
    ["keydown", "pointerdown"].forEach(function (type) {
      document.addEventListener(type, function (event) {
        if (event.target && event.target.closest && event.target.closest(".cell_output")) { start(); }
      }, {once: false, passive: true});
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
