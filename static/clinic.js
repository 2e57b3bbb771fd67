// Clinic mode on a shared computer (progressive enhancement: the server clears idle answers
// anyway). About 2 minutes before the idle limit, ask whether the person is still there; at the
// limit, finish and clear, so the screen does not keep showing the last patient's answers.
(function () {
  "use strict";
  var WARN_BEFORE_SECONDS = 120;
  var body = document.body;
  var limit = parseInt(body.getAttribute("data-idle-seconds"), 10);
  var finishForm = document.getElementById("finish-form");
  var warning = document.getElementById("idle-warning");
  var keep = document.getElementById("idle-keep");
  if (!limit || !finishForm || !warning || !keep || !window.fetch) {
    return;
  }
  var timers = [];

  function start() {
    timers.forEach(window.clearTimeout);
    timers = [
      window.setTimeout(function () {
        warning.hidden = false;
        keep.focus();
      }, Math.max(limit - WARN_BEFORE_SECONDS, 0) * 1000),
      window.setTimeout(function () {
        finishForm.submit();
      }, limit * 1000)
    ];
  }

  keep.addEventListener("click", function () {
    var token = finishForm.querySelector("input[name=csrf_token]").value;
    // Any request counts as activity on the server, which restarts its 20 minutes too.
    window.fetch(keep.getAttribute("data-url"), {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "csrf_token=" + encodeURIComponent(token)
    }).then(function (response) {
      if (response.ok) {
        warning.hidden = true;
        start();
      } else {
        finishForm.submit();
      }
    }, function () {
      finishForm.submit();
    });
  });

  start();
}());
