/* bulletin: Material's search box reads its value on keyup only. A Vietnamese input method (Telex,
   VNI on a phone), a paste or dictation changes the text without a keyup, and the search would
   not run; tell Material the value changed. Its keyboard shortcuts listen to keydown, not keyup. */
document.addEventListener("input", function (ev) {
  var el = ev.target
  if (el instanceof HTMLInputElement && el.getAttribute("data-md-component") === "search-query")
    el.dispatchEvent(new KeyboardEvent("keyup"))
})
