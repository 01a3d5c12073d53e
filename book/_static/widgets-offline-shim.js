/*
 * Loaded on pages with saved widgets, before require.js and the ipywidgets HTML manager
 * (first entry of nb_ipywidgets_js in _config.yml). It fixes two problems of
 * @jupyter-widgets/html-manager 1.x on an offline site:
 *
 * 1. Fonts and modules from the right place. The manager's webpack public path (where
 *    its Font Awesome files are fetched from) comes from RequireJS module URLs (and, in one
 *    bundle, from window.__jupyter_widgets_assets_path__); we point both at the vendored copy
 *    next to this file. Widget modules it does not bundle would be fetched from
 *    jsdelivr, or from the folder named by a script tag's data-jupyter-widgets-cdn
 *    attribute: we set that on this script tag to a local folder, so an unknown widget
 *    fails with a visible 404 on our own server instead of leaving the machine.
 *
 * 2. MathJax 2 calls under MathJax 3. The manager typesets widget labels with
 *    MathJax.Hub.Queue(["Typeset", MathJax.Hub, element]) whenever window.MathJax
 *    exists, which throws under Sphinx's MathJax 3 (no Hub). We give every object
 *    assigned to window.MathJax (Sphinx's configuration, then MathJax 3 itself) a
 *    non-enumerable Hub whose Queue delegates to MathJax 3's typesetPromise. Being
 *    non-enumerable, it never enters MathJax 3's configuration.
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

  // 2. A MathJax 2 Hub.Queue on top of MathJax 3.
  var queue = Promise.resolve();

  function ready() {
    var mj = window.MathJax;
    if (mj && mj.startup && mj.startup.promise) {
      return mj.startup.promise;
    }
    // MathJax 3 is loaded with "defer": by the load event it has started.
    return new Promise(function (resolve) {
      if (document.readyState === "complete") {
        resolve();
      } else {
        window.addEventListener("load", function () { resolve(); }, { once: true });
      }
    }).then(function () {
      var mj = window.MathJax;
      return mj && mj.startup && mj.startup.promise;
    });
  }

  function run(job) {
    // MathJax 2 queue items: a function, or [name, object, args...] such as ["Typeset", Hub, element].
    if (typeof job === "function") {
      return job();
    }
    if (Array.isArray(job) && job[0] === "Typeset") {
      var mj = window.MathJax;
      if (!mj || typeof mj.typesetPromise !== "function") {
        return undefined; // MathJax 3 is not on this page: nothing to typeset
      }
      var elements = job.slice(2).filter(function (e) { return e; });
      if (mj.typesetClear) {
        mj.typesetClear(elements.length ? elements : undefined);
      }
      return mj.typesetPromise(elements.length ? elements : undefined);
    }
    return undefined; // other MathJax 2 calls: nothing to do under MathJax 3
  }

  var Hub = {
    Queue: function () {
      var jobs = Array.prototype.slice.call(arguments);
      queue = queue.then(ready).then(function () {
        return jobs.reduce(function (p, job) {
          return p.then(function () { return run(job); });
        }, Promise.resolve());
      }).catch(function (error) {
        console.error("MathJax 2 shim: typesetting failed", error);
      });
      return queue;
    },
    Config: function () {},
    Register: { StartupHook: function () {}, MessageHook: function () {} },
  };

  function patch(value) {
    if (value && typeof value === "object" && !Object.prototype.hasOwnProperty.call(value, "Hub")) {
      Object.defineProperty(value, "Hub", { value: Hub, enumerable: false, configurable: true, writable: true });
    }
    return value;
  }

  var current = patch(window.MathJax);
  try {
    Object.defineProperty(window, "MathJax", {
      configurable: true,
      enumerable: true,
      get: function () { return current; },
      set: function (value) { current = patch(value); },
    });
  } catch (error) {
    // window.MathJax not redefinable (should not happen): patch what is there.
    patch(window.MathJax);
  }

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
