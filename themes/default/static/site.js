/* Progressive enhancement: filters over plain tables and lists. Without JavaScript every
   row stays visible. */
(function () {
  "use strict";
  function setup(box) {
    var target = document.querySelector(box.getAttribute("data-filter-target"));
    if (!target) return;
    var rows = target.querySelectorAll("[data-status]");
    var controls = box.querySelectorAll("[data-filter]");
    var count = box.querySelector(".filter-count");
    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var ok = true;
        controls.forEach(function (c) {
          var key = c.getAttribute("data-filter");
          if (c.type === "checkbox") {
            if (c.checked && row.getAttribute("data-" + key) !== "true") ok = false;
          } else if (c.value) {
            var have = (row.getAttribute("data-" + key) || "").split(" ");
            if (have.indexOf(c.value) < 0) ok = false;
          }
        });
        if (ok) { row.removeAttribute("data-hidden-by-filter"); shown++; }
        else row.setAttribute("data-hidden-by-filter", "");
      });
      if (count) count.textContent = shown + " / " + rows.length + " " + count.getAttribute("data-shown");
    }
    controls.forEach(function (c) { c.addEventListener("change", apply); });
    box.hidden = false;
  }
  document.querySelectorAll(".filters[data-filter-target]").forEach(setup);
})();
