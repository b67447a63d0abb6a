/* bulletin: sort and filter tables, open collapsed years for print and for links.
 *
 * Progressive enhancement: the pages are complete without this file (tables in
 * Vietnamese order, every row shown, filter controls hidden). Plain ES5 and no
 * library, for old office browsers on an intranet.
 *
 * Sorting compares numbers only: each sortable cell carries data-sort, computed
 * at build time (dates as YYYYMMDD, figures as decimals, names as their rank in
 * Vietnamese order), so "71,4%" and "Đ" sort right on every browser.
 */
(function () {
  "use strict";

  function each(list, fn) {
    for (var i = 0; i < list.length; i++) fn(list[i], i);
  }

  /* Fold Vietnamese to ASCII, as the build folds names into data-name. */
  function fold(text) {
    text = String(text).toLowerCase().replace(/đ/g, "d");
    if (text.normalize) text = text.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    return text.replace(/^\s+|\s+$/g, "");
  }

  function sortBy(table, th, column) {
    var tbody = table.tBodies[0];
    var descending = th.getAttribute("aria-sort") === "ascending";
    each(table.tHead.rows[0].cells, function (cell) {
      cell.removeAttribute("aria-sort");
    });
    th.setAttribute("aria-sort", descending ? "descending" : "ascending");
    var rows = [];
    each(tbody.rows, function (row, i) {
      var raw = row.cells[column].getAttribute("data-sort");
      rows.push({ row: row, key: raw === null || raw === "" ? null : parseFloat(raw), index: i });
    });
    rows.sort(function (a, b) {
      if (a.key === null || b.key === null) {
        if (a.key === b.key) return a.index - b.index;
        return a.key === null ? 1 : -1; /* rows without a figure stay last */
      }
      if (a.key !== b.key) return descending ? b.key - a.key : a.key - b.key;
      return a.index - b.index; /* stable */
    });
    each(rows, function (r) {
      tbody.appendChild(r.row);
    });
  }

  function makeSortable(table) {
    each(table.tHead.rows[0].cells, function (th, column) {
      if (!th.getAttribute("data-sort-type")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "bt-sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      var arrow = document.createElement("span");
      arrow.className = "bt-arrow";
      arrow.setAttribute("aria-hidden", "true");
      button.appendChild(arrow);
      th.appendChild(button);
      button.addEventListener("click", function () {
        sortBy(table, th, column);
      });
    });
  }

  /* A month or quarter (data-p-m10, data-p-q3 on the row) whose mark has one of the statuses
     listed, space-separated, in the chosen option ("missed open": not met yet). */
  function periodMatches(row, period, statuses) {
    if (!period || !statuses) return true;
    var mark = row.getAttribute("data-p-" + period);
    return mark !== null && (" " + statuses + " ").indexOf(" " + mark + " ") !== -1;
  }

  function makeFilter(bar) {
    var scope = document.getElementById(bar.getAttribute("data-for"));
    if (!scope) return;
    var noun = bar.getAttribute("data-noun") || "";
    var controls = bar.querySelectorAll("[data-filter]");
    var count = bar.querySelector(".bt-count");
    function apply() {
      var want = {};
      each(controls, function (c) {
        want[c.getAttribute("data-filter")] = c.getAttribute("data-filter") === "name" ? fold(c.value) : c.value;
      });
      var shown = 0;
      var total = 0;
      each(scope.querySelectorAll("tbody tr[data-name]"), function (row) {
        var ok =
          (!want.kind || row.getAttribute("data-kind") === want.kind) &&
          (!want.parent || row.getAttribute("data-parent") === want.parent) &&
          (!want.name || row.getAttribute("data-name").indexOf(want.name) !== -1) &&
          periodMatches(row, want.period, want.status);
        row.hidden = !ok;
        total++;
        if (ok) shown++;
      });
      /* In a grouped index, hide the tables and groups left empty. */
      each(scope.querySelectorAll(".bt-group, .bt-group .bt-table"), function (box) {
        box.hidden = box.querySelectorAll("tbody tr[data-name]:not([hidden])").length === 0;
      });
      each(scope.querySelectorAll(".bt-kind"), function (h) {
        var next = h.nextElementSibling;
        h.hidden = !!(next && next.hidden);
      });
      if (count) count.textContent = "Hiển thị " + shown + "/" + total + " " + noun;
    }
    each(controls, function (c) {
      c.addEventListener(c.tagName === "SELECT" ? "change" : "input", apply);
    });
    bar.hidden = false;
    apply();
  }

  /* Earlier years are collapsed: open the one a link points to, and all of them for print. */
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    while (target) {
      if (target.tagName === "DETAILS") target.open = true;
      target = target.parentElement;
    }
  }

  function openAllForPrint() {
    each(document.querySelectorAll("details"), function (d) {
      d.open = true;
    });
  }

  /* True the first time for an element: a page is never wired twice. */
  function firstTime(el) {
    if (el.getAttribute("data-bt-ready")) return false;
    el.setAttribute("data-bt-ready", "");
    return true;
  }

  function init() {
    each(document.querySelectorAll("table.bt-sortable"), function (table) {
      if (firstTime(table)) makeSortable(table);
    });
    each(document.querySelectorAll(".bt-filters[data-for]"), function (bar) {
      if (firstTime(bar)) makeFilter(bar);
    });
    openTarget();
  }

  window.addEventListener("hashchange", openTarget);
  window.addEventListener("beforeprint", openAllForPrint);
  if (window.matchMedia) {
    var print = window.matchMedia("print");
    var onChange = function (e) {
      if (e.matches) openAllForPrint();
    };
    if (print.addEventListener) print.addEventListener("change", onChange);
    else if (print.addListener) print.addListener(onChange);
  }
  /* Material's instant navigation swaps pages in without a load event; its document$ emits for
     the first page and for every page after. Without it (another theme, an old Material), the
     page's own load. */
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
