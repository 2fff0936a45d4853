// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // An error summary's links move focus to the field they name, not just scroll to it.
  document.addEventListener("click", function (event) {
    var link = event.target.closest(".leacorner-error-summary a[href^='#']");
    if (!link) return;
    var target = document.getElementById(link.getAttribute("href").slice(1));
    if (!target) return;
    event.preventDefault();
    target.focus();
    target.scrollIntoView({ block: "center" });
  });
  // Put focus on the summary of an invalid form, so screen readers announce it.
  var summary = document.querySelector(".leacorner-error-summary");
  if (summary) summary.focus();
})();
