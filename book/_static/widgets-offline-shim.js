/*
 * Loaded on pages with saved widgets, before require.js and the ipywidgets HTML manager
 * (first entry of nb_ipywidgets_js in _config.yml; widgets-lazy.js loads the manager later).
 * It fixes three problems of @jupyter-widgets/html-manager 1.x on an offline site:
 *
 * 1. Fonts and modules from the right place. The manager's webpack public path (where
 *    its Font Awesome files are fetched from) comes from RequireJS module URLs (and, in one
 *    bundle, from window.__jupyter_widgets_assets_path__); we point both at the vendored copy
 *    next to this file. Widget modules it does not bundle would be fetched from
 *    jsdelivr, or from the folder named by a script tag's data-jupyter-widgets-cdn
 *    attribute: we set that on this script tag to a local folder, so an unknown widget
 *    fails with a visible 404 on our own server instead of leaving the machine.
 *
 * 2. Math in widgets, with KaTeX. The page's own math is typeset when the book is built
 *    (sphinxcontrib-katex), so no math engine runs on the page. The manager typesets a
 *    widget's label or HTML with MathJax.Hub.Queue(["Typeset", MathJax.Hub, element]) when
 *    window.MathJax exists: we define a window.MathJax whose Hub.Queue renders the TeX in
 *    that element with KaTeX's auto-render, loading katex.min.js and auto-render.min.js
 *    from the vendored copy only when an element really contains a TeX delimiter. The
 *    KaTeX stylesheet is on every page already.
 *
 * 3. Slider accessibility. ipywidgets 8 draws sliders with noUiSlider, whose handle
 *    (role="slider") has no accessible name, and a SelectionSlider announces its index
 *    ("4") rather than the value shown ("2"): axe-core reports aria-input-field-name
 *    (serious). We label each handle by the widget's description (aria-labelledby) and
 *    keep its aria-valuetext equal to the readout.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var here = script ? script.src : document.baseURI;

  // 1. Local paths for the widget manager. Its bundles compute their public path from the
  //    RequireJS module URL of "@jupyter-widgets/html-manager/dist/libembed-amd" and of the
  //    "@jupyter-widgets/..." modules they define, which RequireJS resolves against the page's
  //    folder (e.g. book/@jupyter-widgets/html-manager/dist/<hash>.woff2: 404). Mapping both
  //    prefixes onto the vendored folder puts the fonts where they are. A global `require`
  //    object defined before require.js loads is its configuration.
  var assets = new URL("vendor/html-manager/", here).href;
  window.__jupyter_widgets_assets_path__ = assets;
  if (typeof window.require === "undefined") {
    window.require = {
      paths: {
        "@jupyter-widgets/html-manager/dist": assets.replace(/\/$/, ""),
        "@jupyter-widgets": assets.replace(/\/$/, ""),
      },
    };
  }
  if (script) {
    script.setAttribute("data-jupyter-widgets-cdn", new URL("vendor/npm/", here).href);
  }

  // 2. A MathJax 2 Hub.Queue that typesets with KaTeX, loaded on first use.
  var katexDir = new URL("vendor/katex/", here).href;
  var katexReady = null;
  var TEX = /\$|\\\(|\\\[/;

  function loadScript(src) {
    // KaTeX's bundles are UMD: with RequireJS on the page (the widget manager needs it) they would
    // register as anonymous AMD modules instead of setting window.katex, so hide define.amd meanwhile.
    return new Promise(function (resolve, reject) {
      var amd = window.define && window.define.amd;
      if (amd) { window.define.amd = undefined; }
      var restore = function () { if (amd) { window.define.amd = amd; } };
      var tag = document.createElement("script");
      tag.src = src;
      tag.onload = function () { restore(); resolve(); };
      tag.onerror = function () { restore(); reject(new Error("could not load " + src)); };
      document.head.appendChild(tag);
    });
  }

  function katex() {
    if (!katexReady) {
      katexReady = loadScript(katexDir + "katex.min.js").then(function () {
        return loadScript(katexDir + "contrib/auto-render.min.js");
      });
    }
    return katexReady;
  }

  function typeset(elements) {
    var todo = elements.filter(function (e) { return e && TEX.test(e.textContent || ""); });
    if (!todo.length) { return Promise.resolve(); }
    return katex().then(function () {
      todo.forEach(function (element) {
        window.renderMathInElement(element, {
          delimiters: [
            {left: "$$", right: "$$", display: true}, {left: "\\[", right: "\\]", display: true},
            {left: "$", right: "$", display: false}, {left: "\\(", right: "\\)", display: false},
          ],
          throwOnError: false,
        });
      });
    });
  }

  var queue = Promise.resolve();
  window.MathJax = {
    Hub: {
      Queue: function () {
        var jobs = Array.prototype.slice.call(arguments);
        queue = queue.then(function () {
          return jobs.reduce(function (p, job) {
            return p.then(function () {
              if (typeof job === "function") { return job(); }
              if (Array.isArray(job) && job[0] === "Typeset") { return typeset(job.slice(2)); }
              return undefined;  // other MathJax 2 calls have nothing to do here
            });
          }, Promise.resolve());
        }).catch(function (error) { console.error("math in widgets: typesetting failed", error); });
        return queue;
      },
      Config: function () {},
      Register: { StartupHook: function () {}, MessageHook: function () {} },
    },
  };

  // 3. Name the sliders' handles after their description, and announce the readout.
  var counter = 0;

  function labelHandles(root) {
    var handles = root.querySelectorAll ? root.querySelectorAll(".widget-slider .noUi-handle") : [];
    Array.prototype.forEach.call(handles, function (handle) {
      var widget = handle.closest(".widget-slider");
      var label = widget && widget.querySelector(".widget-label");
      var readout = widget && widget.querySelector(".widget-readout");
      if (!handle.hasAttribute("aria-labelledby") && label && label.textContent.trim()) {
        if (!label.id) {
          label.id = "widget-slider-label-" + (++counter);
        }
        handle.setAttribute("aria-labelledby", label.id);
      }
      if (readout && readout.textContent.trim() &&
          handle.getAttribute("aria-valuetext") !== readout.textContent.trim()) {
        handle.setAttribute("aria-valuetext", readout.textContent.trim());
      }
    });
  }

  function watch() {
    labelHandles(document);
    new MutationObserver(function (mutations) {
      for (var i = 0; i < mutations.length; i++) {
        var target = mutations[i].target;
        var element = target.nodeType === 1 ? target : target.parentElement;
        var widget = element && element.closest && element.closest(".widget-slider");
        if (widget || mutations[i].addedNodes.length) {
          labelHandles(widget ? widget : document);
        }
      }
    }).observe(document.body, {
      childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ["aria-valuetext"],
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
})();
