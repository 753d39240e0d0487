/* A form that comes back with errors puts the keyboard where the problem is: on the error
   summary when the page has one (a screen reader reads it first), otherwise on the first field
   marked invalid. A page without errors is left alone. */
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector(".error-summary");
  if (summary) {
    if (!summary.hasAttribute("tabindex")) {
      summary.setAttribute("tabindex", "-1");
    }
    summary.focus();
    return;
  }
  var field = document.querySelector("[aria-invalid='true']");
  if (field) {
    field.focus();
  }
});
