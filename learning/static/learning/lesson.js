// The lesson page works without this file: the "mark complete" button is a
// plain form. With it: the visit is recorded (a POST, since GETs never change
// anything), time on the page is sent when the page is hidden, and a lesson
// read to its end is completed without pressing the button.
(function () {
  "use strict";
  var panel = document.getElementById("learning-panel");
  if (!panel || !window.fetch || !window.FormData) {
    return;
  }
  var startUrl = panel.getAttribute("data-start-url");
  var completeUrl = panel.getAttribute("data-complete-url");
  var timeUrl = panel.getAttribute("data-time-url");

  function token() {
    var input = document.querySelector("#learning-panel input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function body(fields) {
    var data = new FormData();
    data.append("csrfmiddlewaretoken", token());
    Object.keys(fields || {}).forEach(function (name) {
      data.append(name, fields[name]);
    });
    return data;
  }

  function post(url, fields, headers) {
    return fetch(url, { method: "POST", body: body(fields), credentials: "same-origin", headers: headers || {} });
  }

  function replacePanel(html) {
    var holder = document.createElement("div");
    holder.innerHTML = html;
    var fresh = holder.querySelector("#learning-panel");
    if (fresh) {
      panel.replaceWith(fresh);
      panel = fresh;
    }
  }

  // 1. The visit.
  post(startUrl);

  // 2. Time spent: sent when the page is hidden; a new visit when it shows again.
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      if (navigator.sendBeacon) {
        navigator.sendBeacon(timeUrl, body());
      }
    } else {
      post(startUrl);
    }
  });

  // 3. Read to the end: the panel (after the lesson text) stays in view.
  if (panel.getAttribute("data-state") !== "open" || !("IntersectionObserver" in window)) {
    return;
  }
  var readMs = 1000 * parseInt(panel.getAttribute("data-read-seconds") || "10", 10);
  var openedAt = Date.now();
  var timer = null;
  var observer = new IntersectionObserver(function (entries) {
    var visible = entries.some(function (entry) { return entry.isIntersecting; });
    if (!visible) {
      window.clearTimeout(timer);
      timer = null;
      return;
    }
    if (timer === null) {
      timer = window.setTimeout(complete, Math.max(1500, readMs - (Date.now() - openedAt)));
    }
  });
  observer.observe(panel);

  function complete() {
    observer.disconnect();
    post(completeUrl, { via: "scroll" }, { "X-Learning-Fragment": "1" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) { if (html) { replacePanel(html); } })
      .catch(function () { /* offline: the button still works */ });
  }
})();
