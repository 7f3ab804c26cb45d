/* Inside the sandboxed player frame: start h5p-standalone, give its inner
   frame the lesson's language and direction, and pass what the player
   reports (xAPI statements, state for resuming) to the lesson page, which
   sends it to the server with the trainee's session. This frame has no
   session and no access to the lesson page (opaque origin). */
(function () {
  "use strict";
  // A sandboxed frame has no storage; H5P reads localStorage (clipboard,
  // offline queue) and would stop. Give it a memory-only stand-in.
  ["localStorage", "sessionStorage"].forEach(function (name) {
    try { window[name].getItem("x"); } catch (error) {
      var store = {};
      var shim = {
        getItem: function (key) { return Object.prototype.hasOwnProperty.call(store, key) ? store[key] : null; },
        setItem: function (key, value) { store[key] = String(value); },
        removeItem: function (key) { delete store[key]; },
        clear: function () { store = {}; },
        key: function (index) { return Object.keys(store)[index] || null; },
        get length() { return Object.keys(store).length; }
      };
      try { Object.defineProperty(window, name, { value: shim, configurable: true }); } catch (ignored) { /* left as is */ }
    }
  });

  var config = JSON.parse(document.getElementById("h5p-config").textContent);
  var container = document.getElementById("h5p-container");
  var target = config.parentOrigin || "*";

  function post(message) {
    if (window.parent && window.parent !== window) {
      window.parent.postMessage(message, target);
    }
  }

  function currentState() {
    try {
      var instance = window.H5P && H5P.instances && H5P.instances[0];
      if (instance && typeof instance.getCurrentState === "function") {
        var state = instance.getCurrentState();
        return state === undefined ? null : JSON.stringify(state);
      }
    } catch (error) { /* an activity without state */ }
    return null;
  }

  var lastState = config.state;
  function saveState() {
    var state = currentState();
    if (state !== null && state !== lastState) {
      lastState = state;
      post({ type: "jisr-h5p-state", state: state });
    }
  }

  function localise() {
    var frames = container.querySelectorAll("iframe");
    for (var i = 0; i < frames.length; i++) {
      try {
        var root = frames[i].contentDocument && frames[i].contentDocument.documentElement;
        if (root) { root.setAttribute("lang", config.language); root.setAttribute("dir", config.dir); }
      } catch (error) { /* not reachable */ }
    }
  }

  function resize() {
    post({ type: "jisr-h5p-height", height: document.documentElement.scrollHeight });
  }

  var options = {
    h5pJsonPath: config.h5pJsonPath,
    frameJs: config.frame_js,
    frameCss: config.frame_css,
    id: "jisr-h5p",
    // No inner iframe: this frame is already the isolation (sandboxed, an
    // opaque origin), and an inner about:blank frame would get an origin of
    // its own that H5P could not write into.
    embedType: "div",
    frame: false,
    icon: false,
    export: false,
    embed: false,
    copyright: false,
    fullScreen: false,
    xAPIObjectIRI: config.activityIri,
    // H5P only hands the saved state back when saving is on; it has no URL
    // to save to here (we post the state to the lesson page ourselves).
    saveFreq: 3600,
    // H5P core reads contentUserData[subContentId][dataType].
    contentUserData: config.state ? [{ state: config.state }] : undefined
  };

  new H5PStandalone.H5P(container, options).then(function () {
    localise();
    H5P.externalDispatcher.on("xAPI", function (event) {
      post({ type: "jisr-h5p-xapi", statement: event.data.statement });
      saveState();
    });
    setInterval(saveState, 15000);
    setInterval(resize, 1000);
    resize();
    document.documentElement.setAttribute("data-h5p-ready", "true");
    post({ type: "jisr-h5p-ready" });
  }).catch(function () {
    var failed = document.querySelector("[data-h5p-failed]");
    if (failed) { failed.hidden = false; }
    post({ type: "jisr-h5p-failed" });
  });
})();
