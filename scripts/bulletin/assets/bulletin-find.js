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

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
