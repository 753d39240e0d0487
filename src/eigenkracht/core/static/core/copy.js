// Copy buttons beside payment details. Without JavaScript (or without a clipboard, outside
// HTTPS) the buttons stay hidden and the values are plain text to select.
(function () {
  "use strict";
  if (!navigator.clipboard) { return; }
  var status = document.getElementById("copy-status");
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var label = button.querySelector(".copy-label");
    var idle = label.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(button.dataset.copy).then(function () {
        label.textContent = button.dataset.done;
        if (status) { status.textContent = button.dataset.copied; }
        window.setTimeout(function () { label.textContent = idle; }, 2500);
      });
    });
  });
})();
