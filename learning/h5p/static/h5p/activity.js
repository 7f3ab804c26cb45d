// The lesson page's side of the H5P player. The player runs in a sandboxed
// frame with no session; it posts what it reports here, and this page sends
// it to the server with the trainee's session and CSRF token. The server
// decides what counts (it checks the activity, the lesson, the score).
(function () {
  "use strict";
  if (window.jisrH5P || !window.fetch) { return; }
  window.jisrH5P = true;

  function blockFor(source) {
    var blocks = document.querySelectorAll("[data-h5p-activity][data-xapi-url]");
    for (var i = 0; i < blocks.length; i++) {
      var frame = blocks[i].querySelector("iframe");
      if (frame && frame.contentWindow === source) { return blocks[i]; }
    }
    return null;
  }

  function send(block, url, payload, retried) {
    var token = block.querySelector("input[name=csrfmiddlewaretoken]");
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": token ? token.value : "" },
      body: JSON.stringify(payload)
    }).then(function (response) {
      if (response.status >= 500 && !retried) {  // a busy server: try once more
        return new Promise(function (resolve) { window.setTimeout(resolve, 800); })
          .then(function () { return send(block, url, payload, true); });
      }
      return response;
    });
  }

  function refreshPanel() {
    var panel = document.getElementById("learning-panel");
    if (!panel) { return; }
    fetch(window.location.href, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) { return; }
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("learning-panel");
        var current = document.getElementById("learning-panel");
        if (fresh && current) { current.replaceWith(document.importNode(fresh, true)); }
      });
  }

  window.addEventListener("message", function (event) {
    var block = blockFor(event.source);
    var data = event.data;
    if (!block || !data || typeof data.type !== "string") { return; }
    var lesson = block.getAttribute("data-lesson");
    var recorded = block.getAttribute("data-recorded") === "true";
    if (data.type === "jisr-h5p-height") {
      var height = Math.max(288, Math.min(4000, parseInt(data.height, 10) || 0));
      block.querySelector("iframe").style.blockSize = height + "px";
    } else if (data.type === "jisr-h5p-state" && recorded) {
      send(block, block.getAttribute("data-state-url"), { lesson: lesson, state: String(data.state) });
    } else if (data.type === "jisr-h5p-xapi" && recorded) {
      send(block, block.getAttribute("data-xapi-url"), { lesson: lesson, statement: data.statement })
        .then(function (response) { return response.json().catch(function () { return {}; }); })
        .then(function (result) {
          var status = block.querySelector("[data-h5p-status]");
          if (status && result.message) { status.textContent = result.message; }
          if (result.lesson_changed) { refreshPanel(); }
        });
    }
  });
})();
