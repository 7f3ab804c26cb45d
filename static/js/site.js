// Progressive enhancements only: every page works without this file.
(function () {
  "use strict";
  // Confirm destructive actions that declare data-confirm.
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  });
})();
