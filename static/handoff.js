// Opens a hand-off link: the answers are in the part after "#", which browsers never send to a
// server. Move it into the form, remove it from the address bar (and so from the history), and
// post it. Without JavaScript the page asks for the link to be pasted instead.
(function () {
  "use strict";
  var form = document.getElementById("handoff-form");
  var field = document.getElementById("handoff-token");
  if (!form || !field) {
    return;
  }
  function openFromAddress() {
    var token = window.location.hash.slice(1);
    if (!token) {
      return;
    }
    field.value = token;
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", window.location.pathname + window.location.search);
    }
    form.submit();
  }
  openFromAddress();
  // A link pasted into the address bar while this page is open only changes the "#" part, so the
  // page does not reload: act on the change.
  window.addEventListener("hashchange", openFromAddress);
})();
