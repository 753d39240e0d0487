/* The network map updates in place: the forms in the map's region (add, paste, sort, move,
   remove) are sent with fetch and the server answers with the new region (map, table, forms),
   which replaces the old one; the message about what happened gets the focus, so that screen
   readers announce it. Without JavaScript (or when fetch fails) the forms are ordinary POSTs
   followed by a redirect back to the map. No inline script: the Content-Security-Policy allows
   only our own files. */
(function () {
  "use strict";
  if (!window.fetch || !window.FormData || !window.DOMParser) {
    return;
  }

  function region() {
    return document.querySelector("[data-network-region]");
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var current = region();
    if (!current || !form.matches("form[data-network-form]") || !current.contains(form)) {
      return;
    }
    event.preventDefault();
    var buttons = form.querySelectorAll("button");
    buttons.forEach(function (button) { button.disabled = true; });
    current.setAttribute("aria-busy", "true");
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "X-Network-Fragment": "1" }
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.text();
      })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var fresh = page.querySelector("[data-network-region]");
        if (!fresh) {
          throw new Error("no region");
        }
        fresh = document.importNode(fresh, true);
        current.replaceWith(fresh);
        var focus = fresh.querySelector("[data-network-notice]");
        if (focus) {
          focus.focus();
        }
      })
      .catch(function () {
        // Let the server show what happened, the way it does without JavaScript.
        current.removeAttribute("aria-busy");
        buttons.forEach(function (button) { button.disabled = false; });
        HTMLFormElement.prototype.submit.call(form);
      });
  });
})();
