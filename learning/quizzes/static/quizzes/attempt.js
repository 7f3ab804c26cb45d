// The attempt pages work without this file: every page change is a form
// post that saves the answers, and the server closes the attempt when its
// time is up. With it: answers are saved as the trainee answers (so a
// dropped connection or a closed tab loses nothing), the time left counts
// down, and the attempt is submitted when it reaches zero.
(function () {
  "use strict";
  var form = document.getElementById("quiz-form");
  var submitForm = document.getElementById("quiz-submit-form");
  var timer = document.querySelector(".quiz-timer");
  var status = document.getElementById("quiz-save-status");
  var pending = null;
  var dirty = false;
  var saving = false;

  function say(text) {
    if (status) {
      status.textContent = text;
    }
  }

  function save(keepalive) {
    if (!form || !window.fetch || !window.FormData) {
      return Promise.resolve();
    }
    if (saving && !keepalive) {
      dirty = true;
      return Promise.resolve();
    }
    dirty = false;
    saving = true;
    say(form.getAttribute("data-label-saving"));
    return fetch(form.getAttribute("data-autosave-url"), {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "X-Quiz-Autosave": "1" },
      keepalive: !!keepalive
    }).then(function (response) {
      return response.json().then(function (data) {
        if (data.closed && data.review_url) {
          window.location.assign(data.review_url);
          return;
        }
        say(data.message || "");
        form.setAttribute("data-saved", data.ok ? "1" : "0");
      });
    }).catch(function () {
      dirty = true;
      say(form.getAttribute("data-label-offline"));
    }).then(function () {
      saving = false;
      if (dirty && !keepalive) {
        save();
      }
    });
  }

  function later(delay) {
    window.clearTimeout(pending);
    pending = window.setTimeout(save, delay);
  }

  if (form) {
    form.addEventListener("change", function () {
      later(150);
    });
    form.addEventListener("input", function (event) {
      if (event.target.matches("input[type=text], textarea")) {
        later(1500);
      }
    });
    window.addEventListener("online", function () {
      if (dirty) {
        save();
      }
    });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden" && (dirty || pending)) {
        window.clearTimeout(pending);
        pending = null;
        save(true);
      }
    });
  }

  function format(seconds) {
    var minutes = Math.floor(seconds / 60);
    var rest = seconds % 60;
    return minutes + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function timeUp() {
    if (timer) {
      timer.classList.add("is-over");
      timer.querySelector(".quiz-timer__value").textContent = timer.getAttribute("data-label-done");
    }
    if (form) {
      // Save what is on the page and submit, in one ordinary form post.
      var go = document.createElement("input");
      go.type = "hidden";
      go.name = "go";
      go.value = "submit";
      form.appendChild(go);
      form.submit();
    } else if (submitForm) {
      submitForm.submit();
    }
  }

  if (timer) {
    var end = Date.now() + parseInt(timer.getAttribute("data-seconds-left"), 10) * 1000;
    var value = timer.querySelector(".quiz-timer__value");
    var tick = function () {
      var left = Math.max(0, Math.round((end - Date.now()) / 1000));
      value.textContent = format(left);
      timer.classList.toggle("is-short", left <= 60);
      if (left <= 0) {
        window.clearInterval(interval);
        timeUp();
      }
    };
    var interval = window.setInterval(tick, 1000);
    tick();
  }
})();
