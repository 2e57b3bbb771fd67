// Copy and Share buttons for the hand-off link on the summary page, and Copy for the note for the
// medical record (summary page and /handoff). They stay hidden unless the browser can do what they
// offer; without JavaScript the text can still be selected and copied. What is copied or shared is
// the link or the note alone.
(function () {
  "use strict";
  var canCopy = !!(navigator.clipboard && navigator.clipboard.writeText && window.isSecureContext);

  function offerCopy(field, button, status) {
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(function () {
        status.textContent = button.getAttribute("data-done");
      }, function () {
        // Copying was refused: select the text so the person can copy it themselves.
        field.focus();
        field.select();
      });
    });
  }

  var note = document.getElementById("record-note");
  var noteActions = document.getElementById("record-note-actions");
  var noteCopy = document.getElementById("record-note-copy");
  var noteStatus = document.getElementById("record-note-status");
  if (canCopy && note && noteActions && noteCopy && noteStatus) {
    offerCopy(note, noteCopy, noteStatus);
    noteActions.hidden = false;
  }

  var actions = document.getElementById("handoff-actions");
  var field = document.getElementById("handoff-link");
  var copy = document.getElementById("handoff-copy");
  var share = document.getElementById("handoff-share");
  var status = document.getElementById("handoff-status");
  if (!actions || !field || !copy || !share || !status || field.tagName !== "TEXTAREA") {
    return;
  }
  var offered = false;
  if (canCopy) {
    offerCopy(field, copy, status);
    offered = true;
  }
  if (navigator.share) {
    share.hidden = false;
    offered = true;
    share.addEventListener("click", function () {
      // The person may close the share sheet: that is not an error to show.
      navigator.share({ url: field.value }).catch(function () {});
    });
  }
  actions.hidden = !offered;
})();
