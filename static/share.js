// Copy and Share buttons for the hand-off link on the summary page. They stay hidden unless the
// browser can do what they offer; without JavaScript the link can still be selected and copied.
// What is copied or shared is the link alone.
(function () {
  "use strict";
  var actions = document.getElementById("handoff-actions");
  var field = document.getElementById("handoff-link");
  var copy = document.getElementById("handoff-copy");
  var share = document.getElementById("handoff-share");
  var status = document.getElementById("handoff-status");
  if (!actions || !field || !copy || !share || !status) {
    return;
  }
  var link = field.value;
  var offered = false;
  if (navigator.clipboard && navigator.clipboard.writeText && window.isSecureContext) {
    copy.hidden = false;
    offered = true;
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(link).then(function () {
        status.textContent = copy.getAttribute("data-done");
      }, function () {
        // Copying was refused: select the link so the person can copy it themselves.
        field.focus();
        field.select();
      });
    });
  }
  if (navigator.share) {
    share.hidden = false;
    offered = true;
    share.addEventListener("click", function () {
      // The person may close the share sheet: that is not an error to show.
      navigator.share({ url: link }).catch(function () {});
    });
  }
  actions.hidden = !offered;
})();
