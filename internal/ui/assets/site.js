// secretariat: a little progressive help. Every page and form works without it.
(function () {
  "use strict";
  // In the positions grid, open the reservation box when a state joins with a
  // reservation, so the text can be typed at once.
  document.addEventListener("change", function (e) {
    var t = e.target;
    if (t.matches && t.matches("select[data-reservation]")) {
      var box = document.getElementById(t.getAttribute("data-reservation"));
      if (box && t.value === "joins_with_reservation") {
        box.open = true;
        var ta = box.querySelector("textarea");
        if (ta) { ta.focus(); }
      }
    }
  });
  // Ask before a form that cannot be undone: deciding an item, cancelling a task.
  document.addEventListener("submit", function (e) {
    var f = e.target;
    var q = f.getAttribute && f.getAttribute("data-confirm");
    if (q && !window.confirm(q)) { e.preventDefault(); }
  });
})();
