/* parley review page: filters and problem navigation. The page is rendered server-side and
   complete without this script; it only toggles `hidden` on beads and moves focus. */
(function () {
  "use strict";
  var FILTERS = { all: "", low: "is-low", unaligned: "is-unaligned", findings: "has-findings" };
  var LABELS = { all: "all", low: "low confidence", unaligned: "unaligned", findings: "with findings" };
  var root = document.documentElement;
  var bar = document.querySelector(".toolbar");
  var status = document.getElementById("status");
  var empty = document.getElementById("empty");
  var beads = Array.prototype.slice.call(document.querySelectorAll("tbody.bead"));
  var buttons = Array.prototype.slice.call(document.querySelectorAll("[data-filter]"));
  var current = null;
  var filter = "all";

  function setBarHeight() {
    root.style.setProperty("--bar-h", bar.offsetHeight + "px");
  }

  function apply(name) {
    if (!Object.prototype.hasOwnProperty.call(FILTERS, name)) name = "all";
    var cls = FILTERS[name];
    var shown = 0;
    for (var i = 0; i < beads.length; i++) {
      var ok = !cls || beads[i].classList.contains(cls);
      if (beads[i].hidden === ok) beads[i].hidden = !ok;
      if (ok) shown++;
    }
    buttons.forEach(function (b) {
      b.setAttribute("aria-pressed", b.getAttribute("data-filter") === name ? "true" : "false");
    });
    filter = name;
    root.setAttribute("data-filter", name);
    empty.hidden = shown > 0;
    status.textContent = "Showing " + shown + " of " + beads.length + " beads" +
      (name === "all" ? "" : " (" + LABELS[name] + ")");
  }

  function fromHash() {
    var m = /(?:^#|&)filter=([a-z]+)/.exec(location.hash);
    return m ? m[1] : null;
  }

  function choose(name) {
    apply(name);
    try {
      history.replaceState(null, "", name === "all" ? location.pathname + location.search : "#filter=" + name);
    } catch (e) { /* file:// in some browsers: the filter still applies */ }
  }

  function jump(dir) {
    var list = beads.filter(function (b) { return !b.hidden && b.classList.contains("is-problem"); });
    if (!list.length) {
      status.textContent = "No problems in this view";
      return;
    }
    var target = null;
    if (current) {
      var at = +current.getAttribute("data-i");
      for (var i = 0; i < list.length && !target; i++) {
        var k = dir > 0 ? i : list.length - 1 - i;
        var n = +list[k].getAttribute("data-i");
        if (dir > 0 ? n > at : n < at) target = list[k];
      }
      if (!target) target = dir > 0 ? list[0] : list[list.length - 1];
    } else {
      var top = bar.offsetHeight + 40;
      target = dir > 0 ? list[0] : list[list.length - 1];
      for (var j = 0; j < list.length; j++) {
        if (list[j].getBoundingClientRect().top > top) { target = dir > 0 ? list[j] : list[Math.max(j - 1, 0)]; break; }
      }
    }
    if (current) current.classList.remove("current");
    current = target;
    current.classList.add("current");
    current.focus({ preventScroll: true });
    current.scrollIntoView({ block: "center" });
    status.textContent = "Problem " + (list.indexOf(target) + 1) + " of " + list.length +
      " (bead " + (+target.getAttribute("data-i") + 1) + ")";
  }

  buttons.forEach(function (b) {
    b.addEventListener("click", function () { choose(b.getAttribute("data-filter")); });
  });
  document.getElementById("next").addEventListener("click", function () { jump(1); });
  document.getElementById("prev").addEventListener("click", function () { jump(-1); });
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    if (e.key === "j") { jump(1); e.preventDefault(); }
    else if (e.key === "k") { jump(-1); e.preventDefault(); }
  });
  window.addEventListener("hashchange", function () {
    var f = fromHash();
    if (f && f !== filter) apply(f);
  });
  window.addEventListener("resize", setBarHeight);

  bar.hidden = false;
  setBarHeight();
  apply(fromHash() || "all");
  root.setAttribute("data-review-ready", "1");
})();
