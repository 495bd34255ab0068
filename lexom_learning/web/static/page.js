/* Behaviour the pages once held in inline handlers (the Content-Security-Policy refuses
   inline scripts): print buttons, links selected on click, confirmations before a form. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (target.closest && target.closest("[data-print]")) {
      window.print();
    } else if (target.matches && target.matches("input[data-select]")) {
      target.select();
    }
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });
})();
