/* bulletin: a search box inside a page (the 404 page) hands its words to Material's search.
 * Without this script the form reloads the page with ?q=, and the script, once it runs, opens the
 * search with those words all the same. Plain ES5, no inline handlers (the pages carry a CSP). */
(function () {
  "use strict";

  function openSearch(words) {
    var toggle = document.getElementById("__search");
    var input = document.querySelector('[data-md-component="search-query"]');
    if (!toggle || !input) return false;
    if (!toggle.checked) toggle.click();
    input.value = words;
    input.focus();
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new KeyboardEvent("keyup"));
    return true;
  }

  function init() {
    var forms = document.querySelectorAll("form[data-bt-search-form]");
    for (var i = 0; i < forms.length; i++) {
      forms[i].addEventListener("submit", function (ev) {
        var field = ev.target.querySelector('input[type="search"]');
        if (field && openSearch(field.value)) ev.preventDefault();
      });
    }
    var match = /[?&]q=([^&]*)/.exec(location.search);
    if (forms.length && match) openSearch(decodeURIComponent(match[1].replace(/\+/g, " ")));
  }

  /* A result opened from the search carries the words typed (?h=so+tu+phap): mark them in the
     page as written ("Sở Tư pháp"), marks and đ aside, as whole words. Folding letter by letter
     keeps the folded text as long as the page's, so a match maps back to the same offsets. */
  function foldChar(c) {
    c = c.toLowerCase();
    if (c === "đ") return "d";
    return c.normalize ? c.normalize("NFD").charAt(0) : c;
  }

  function highlightTyped() {
    var match = /[?&]h=([^&#]*)/.exec(location.search);
    var article = document.querySelector("article.md-content__inner");
    if (!match || !article || !"".normalize) return;
    var words = decodeURIComponent(match[1].replace(/\+/g, " ")).normalize("NFC").split(/[^\p{L}\p{N}]+/u);
    words = words.map(function (w) { return Array.prototype.map.call(w, foldChar).join(""); }).filter(Boolean);
    if (!words.length) return;
    var pattern = new RegExp("(^|[^\\p{L}\\p{N}])(" + words.join("|") + ")(?=[^\\p{L}\\p{N}]|$)", "gu");
    var walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.parentElement.closest("mark, script, style, code, pre, svg, .bt-sr") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    nodes.forEach(function (node) {
      var text = node.nodeValue.normalize("NFC");
      var folded = Array.prototype.map.call(text, foldChar).join("");
      var found, last = 0, parts = [];
      pattern.lastIndex = 0;
      while ((found = pattern.exec(folded))) {
        var start = found.index + found[1].length, end = start + found[2].length;
        parts.push(document.createTextNode(text.slice(last, start)));
        var mark = document.createElement("mark");
        mark.setAttribute("data-md-highlight", "");
        mark.textContent = text.slice(start, end);
        parts.push(mark);
        last = end;
      }
      if (!parts.length) return;
      parts.push(document.createTextNode(text.slice(last)));
      var box = document.createDocumentFragment();
      parts.forEach(function (p) { box.appendChild(p); });
      node.parentNode.replaceChild(box, node);
    });
  }

  function start() {
    init();
    highlightTyped();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
