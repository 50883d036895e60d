/* wtdiff report: next/previous change, filters, and the side-by-side view.
   Everything is readable without this script; it only adds ways to move and choose.
   It reads no document text as HTML: new elements get their words through textContent,
   and the side-by-side columns are clones of the redline already on the page. */
(function () {
  "use strict";
  var doc = document;
  var body = doc.body;
  body.classList.add("wt-js");
  var changes = Array.prototype.slice.call(doc.querySelectorAll("article.wt-change"));
  var groups = Array.prototype.slice.call(doc.querySelectorAll("section.wt-group"));
  if (!changes.length) return;
  doc.querySelectorAll("[data-wt-js]").forEach(function (el) { el.hidden = false; });

  var byId = function (id) { return doc.getElementById(id); };
  var status = byId("wt-status");
  var position = byId("wt-position");
  var chapter = byId("wt-chapter");
  var keys = byId("wt-keys");
  var current = null;

  // --- filters -------------------------------------------------------------------------
  function checked(name) {
    var out = {};
    doc.querySelectorAll('input[name="' + name + '"]').forEach(function (box) { out[box.value] = box.checked; });
    return out;
  }

  function matches(article, wanted, attr) {
    var values = (article.getAttribute(attr) || "").split(" ");
    for (var i = 0; i < values.length; i++) {
      if (values[i] && wanted[values[i]] !== false) return true;
    }
    return false;
  }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  function applyFilters() {
    var types = checked("wt-type");
    var cats = checked("wt-cat");
    var hideEditorial = (byId("wt-hide-editorial") || {}).checked;
    var only = chapter ? chapter.value : "";
    var shown = 0;
    changes.forEach(function (article) {
      var group = article.parentNode.getAttribute("data-group");
      var visible = (!only || group === only) && matches(article, types, "data-types") &&
        (article.hasAttribute("data-editorial") ? !hideEditorial : matches(article, cats, "data-cats"));
      article.hidden = !visible;
      if (visible) shown++;
    });
    groups.forEach(function (section) {
      var n = section.querySelectorAll("article.wt-change:not([hidden])").length;
      section.hidden = n === 0;
      var count = doc.querySelector('[data-count-for="' + section.getAttribute("data-group") + '"]');
      if (count) count.textContent = String(n);
    });
    if (status) {
      status.textContent = shown === changes.length ? "Showing all " + plural(shown, "change") + "."
        : shown === 0 ? "No changes match these filters."
        : "Showing " + shown + " of " + plural(changes.length, "change") + ".";
    }
    body.classList.toggle("wt-filtered", shown !== changes.length);
    if (current && current.hidden) current = null;
    showPosition();
  }

  doc.querySelectorAll('input[name="wt-type"], input[name="wt-cat"], #wt-hide-editorial, #wt-chapter')
    .forEach(function (control) { control.addEventListener("change", applyFilters); });
  var reset = byId("wt-reset");
  if (reset) {
    reset.addEventListener("click", function () {
      doc.querySelectorAll('input[name="wt-type"], input[name="wt-cat"]').forEach(function (box) { box.checked = true; });
      var hide = byId("wt-hide-editorial");
      if (hide) hide.checked = false;
      if (chapter) chapter.value = "";
      applyFilters();
    });
  }

  // --- next and previous ---------------------------------------------------------------
  function shownChanges() { return changes.filter(function (a) { return !a.hidden; }); }

  function showPosition() {
    if (!position) return;
    var list = shownChanges();
    var at = current ? list.indexOf(current) : -1;
    position.textContent = at >= 0 ? "Change " + (at + 1) + " of " + list.length
      : list.length ? plural(list.length, "change") + " shown" : "No changes shown";
  }

  function go(step) {
    var list = shownChanges();
    if (!list.length) return;
    var at = current ? list.indexOf(current) : -1;
    var next;
    if (at >= 0 && Math.abs(current.getBoundingClientRect().top) < window.innerHeight / 2) {
      next = at + step;
    } else {
      // Start from where the reader has scrolled to.
      next = step > 0 ? list.length : -1;
      for (var i = 0; i < list.length; i++) {
        var top = list[i].getBoundingClientRect().top;
        if (step > 0 && top > 30) { next = i; break; }
        if (step < 0 && top < -5) next = i;
      }
    }
    if (next < 0 || next >= list.length) {
      if (position) position.textContent = step > 0 ? "That was the last change." : "That was the first change.";
      return;
    }
    select(list[next]);
  }

  function select(article) {
    current = article;
    article.scrollIntoView({ block: "start" });
    article.focus({ preventScroll: true });
    if (history.replaceState) history.replaceState(null, "", "#" + article.id);
    showPosition();
  }

  byId("wt-next").addEventListener("click", function () { go(1); });
  byId("wt-prev").addEventListener("click", function () { go(-1); });

  // --- side by side --------------------------------------------------------------------
  function column(article, side) {
    var col = doc.createElement("div");
    col.className = "wt-sbs__col wt-sbs__col--" + side;
    var label = doc.createElement("p");
    label.className = "wt-sbs__label";
    label.textContent = article.getAttribute(side === "old" ? "data-old" : "data-new");
    var text = article.querySelector(".wt-text").cloneNode(true);
    text.querySelectorAll(side === "old" ? "ins" : "del").forEach(function (n) { n.remove(); });
    if (!text.textContent.trim()) {
      text.textContent = side === "old" ? "Not in the old edition." : "Not in the new edition.";
      text.classList.add("wt-sbs__none");
    }
    col.appendChild(label);
    col.appendChild(text);
    return col;
  }

  var built = false;
  function setView(view) {
    if (view === "sbs" && !built) {
      changes.forEach(function (article) {
        var wrap = doc.createElement("div");
        wrap.className = "wt-sbs";
        wrap.appendChild(column(article, "old"));
        wrap.appendChild(column(article, "new"));
        article.querySelector(".wt-text").after(wrap);
      });
      built = true;
    }
    body.classList.toggle("wt-view-sbs", view === "sbs");
    var radio = byId(view === "sbs" ? "wt-view-sbs" : "wt-view-inline");
    if (radio) radio.checked = true;
    if (current) current.scrollIntoView({ block: "start" });
  }
  doc.querySelectorAll('input[name="wt-view"]').forEach(function (radio) {
    radio.addEventListener("change", function () { if (radio.checked) setView(radio.value); });
  });

  // --- keys (they can be turned off: WCAG 2.1.4) -----------------------------------------
  doc.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    if (keys && !keys.checked) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName))) return;
    var key = event.key;
    if (key === "j" || key === "n") go(1);
    else if (key === "k" || key === "p") go(-1);
    else if (key === "v") setView(body.classList.contains("wt-view-sbs") ? "inline" : "sbs");
    else return;
    event.preventDefault();
  });

  // A permalink opened: that change is the current one.
  function fromHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id ? byId(id) : null;
    if (target && target.classList.contains("wt-change")) {
      if (target.hidden) byId("wt-reset").click();
      current = target;
      showPosition();
    }
  }
  window.addEventListener("hashchange", fromHash);

  applyFilters();
  fromHash();
})();
