// Solve the pace tickets of the page's forms in the background (kcs_core.pacing).
// The widget (altcha/altcha.min.js, loaded before this file) runs the work in a
// worker served from our own static files; without scripts, the ticket matures.
(function () {
  "use strict";
  var worker = document.currentScript.dataset.worker;
  function start() {
    if (!window.$altcha) {
      return; // the widget did not load: the ticket matures instead
    }
    window.$altcha.algorithms.set("PBKDF2/SHA-256", function () {
      return new Worker(worker);
    });
    document.querySelectorAll("altcha-widget[data-kcs-pace]").forEach(function (widget) {
      widget.configure({ hideFooter: true, hideLogo: true });
      holdSubmitUntilSolved(widget);
      widget.verify();
    });
  }
  // A form sent while its ticket is still being solved waits for the solution, then
  // goes with the same button; one sent after a failure goes as it is (the ticket
  // then counts as matured, or the page says how long to wait).
  function holdSubmitUntilSolved(widget) {
    var form = widget.closest("form");
    if (!form) {
      return;
    }
    form.addEventListener("submit", function (event) {
      if (widget.getState() !== "verifying") {
        return;
      }
      event.preventDefault();
      widget.addEventListener(
        "statechange",
        function resubmit(change) {
          if (change.detail.state === "verifying") {
            return;
          }
          widget.removeEventListener("statechange", resubmit);
          form.requestSubmit(event.submitter || undefined);
        }
      );
    });
  }

  if (window.customElements) {
    window.customElements.whenDefined("altcha-widget").then(function () {
      setTimeout(start, 0);
    });
  }
})();
