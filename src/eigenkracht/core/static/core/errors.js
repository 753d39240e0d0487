/* A form that comes back with errors puts the keyboard where the problem is: on the error
   summary when the page has one (a screen reader reads it first), otherwise on the first field
   marked invalid. A page without errors is left alone.
   A link in the summary leads to its field: a browser only scrolls to an anchor, so the field
   gets the focus too (inside a folded <details>, that one opens first), with its label in view.
   Without JavaScript the link still scrolls there. */
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector(".error-summary");
  if (summary) {
    if (!summary.hasAttribute("tabindex")) {
      summary.setAttribute("tabindex", "-1");
    }
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) {
        return;
      }
      var field = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
      if (!field) {
        return;
      }
      event.preventDefault();
      var folded = field.closest("details:not([open])");
      if (folded) {
        folded.open = true;
      }
      var label = document.querySelector("label[for='" + field.id + "']");
      (label || field).scrollIntoView();
      field.focus({ preventScroll: true });
    });
    whenScrolled(function () {
      summary.focus();
    });
    return;
  }
  var field = document.querySelector("[aria-invalid='true']");
  if (field) {
    whenScrolled(function () {
      field.focus();
    });
  }
});

/* A form sent to an address with a fragment (#split-title) comes back with the browser scrolling
   to that fragment once the page has loaded, which takes the focus back to the page: focus
   after that. */
function whenScrolled(focus) {
  if (!window.location.hash || document.readyState === "complete") {
    focus();
    return;
  }
  window.addEventListener("load", function () {
    window.setTimeout(focus, 0);
  });
}
