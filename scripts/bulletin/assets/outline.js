/* bulletin: the tools of an outline page.
 *
 * "Sao chép đề cương" copies the outline (the page's blocks from its title to the
 * .bt-outline-end marker, without the tools) as two formats at once:
 *   text/html  - headings, numbered and bulleted lists, bold and italic, which Word and
 *                LibreOffice Writer keep on paste;
 *   text/plain - the same structure in words: numbers, "-" marks and indentation.
 * The async Clipboard API needs a secure context (https or localhost); an intranet site on
 * plain http has no navigator.clipboard, so the fallback selects a hidden copy of the outline
 * and runs execCommand("copy"), setting both formats in the copy event.
 *
 * Plain ES5 on purpose: office PCs run old browsers.
 */
(function () {
  "use strict";

  var DONE = "Đã sao chép đề cương";
  var FAILED = "Không sao chép được. Hãy bôi đen nội dung rồi nhấn Ctrl+C.";
  var INLINE = { STRONG: "strong", B: "strong", EM: "em", I: "em", CODE: "code", SUB: "sub", SUP: "sup" };
  var BLOCK = { H1: "h1", H2: "h2", H3: "h3", H4: "h4", H5: "h5", H6: "h6", P: "p", UL: "ul", OL: "ol", LI: "li", BLOCKQUOTE: "blockquote", PRE: "pre" };
  var SKIP = { SCRIPT: 1, STYLE: 1, BUTTON: 1, svg: 1, SVG: 1, TEMPLATE: 1 };

  function skipped(el) {
    return SKIP[el.tagName] || el.hasAttribute("hidden") ||
      (el.classList && (el.classList.contains("headerlink") || el.classList.contains("bt-outline-tools")));
  }

  /* The outline's blocks: siblings from the h1 up to the end marker. */
  function outlineBlocks(tools) {
    var blocks = [];
    var started = false;
    for (var el = tools.parentNode.firstElementChild; el; el = el.nextElementSibling) {
      if (el.classList.contains("bt-outline-end")) break;
      if (el.tagName === "H1") started = true;
      if (started && !skipped(el)) blocks.push(el);
    }
    return blocks;
  }

  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  /* Clean HTML: only structural tags, no classes, no links (their words stay). */
  function toHtml(node) {
    if (node.nodeType === 3) return escapeHtml(node.nodeValue);
    if (node.nodeType !== 1 || skipped(node)) return "";
    if (node.tagName === "BR") return "<br>";
    var inner = "";
    for (var c = node.firstChild; c; c = c.nextSibling) inner += toHtml(c);
    var tag = BLOCK[node.tagName] || INLINE[node.tagName];
    if (!tag) return inner; // div, a, span, small: their content only
    if (tag === "ol" && node.getAttribute("start")) return '<ol start="' + parseInt(node.getAttribute("start"), 10) + '">' + inner + "</ol>";
    return "<" + tag + ">" + inner + "</" + tag + ">";
  }

  /* Plain text: an inline run of words, whitespace collapsed. */
  function inlineText(node) {
    if (node.nodeType === 3) return node.nodeValue;
    if (node.nodeType !== 1 || skipped(node)) return "";
    if (node.tagName === "BR") return "\n";
    if (node.tagName === "UL" || node.tagName === "OL") return "";
    var text = "";
    for (var c = node.firstChild; c; c = c.nextSibling) text += inlineText(c);
    return text;
  }

  function tidy(text) {
    return text.replace(/[ \t\r\f\v\u00a0]*\n[ \t\r\f\v\u00a0]*/g, "\n").replace(/[ \t\r\f\v\u00a0]+/g, " ").trim();
  }

  function hasBlocks(el) {
    for (var c = el.firstElementChild; c; c = c.nextElementSibling) {
      if (BLOCK[c.tagName] || c.tagName === "DIV") return true;
    }
    return false;
  }

  function pushPara(out, text, indent, first) {
    var lines = tidy(text).split("\n");
    for (var i = 0; i < lines.length; i++) {
      if (lines[i]) out.push((i === 0 && first !== undefined ? first : indent) + lines[i]);
    }
  }

  /* Plain text with structure: headings and paragraphs apart, lists numbered and indented. */
  function toText(el, out, indent) {
    if (el.nodeType !== 1 || skipped(el)) return;
    var tag = el.tagName;
    if (/^H[1-6]$/.test(tag)) {
      out.push("");
      pushPara(out, inlineText(el), indent);
      out.push("");
    } else if (tag === "UL" || tag === "OL") {
      var n = parseInt(el.getAttribute("start") || "1", 10);
      for (var li = el.firstElementChild; li; li = li.nextElementSibling) {
        if (li.tagName !== "LI") continue;
        var mark = tag === "OL" ? n++ + ". " : "- ";
        var pad = indent + new Array(mark.length + 1).join(" ");
        var first = true;
        var run = "";
        for (var c = li.firstChild; c; c = c.nextSibling) {
          var block = c.nodeType === 1 && (BLOCK[c.tagName] || c.tagName === "DIV");
          if (!block) { run += inlineText(c); continue; }
          if (tidy(run)) { pushPara(out, run, pad, first ? indent + mark : undefined); first = false; }
          run = "";
          if (c.tagName === "P" && first) { pushPara(out, inlineText(c), pad, indent + mark); first = false; }
          else toText(c, out, pad);
        }
        if (tidy(run) || first) pushPara(out, run, pad, first ? indent + mark : undefined);
      }
      if (!indent) out.push("");
    } else if (tag === "BLOCKQUOTE") {
      for (var q = el.firstElementChild; q; q = q.nextElementSibling) toText(q, out, indent + "    ");
      if (!indent) out.push("");
    } else if (tag === "P" || tag === "PRE" || !hasBlocks(el)) {
      pushPara(out, inlineText(el), indent);
      if (!indent) out.push("");
    } else {
      for (var k = el.firstElementChild; k; k = k.nextElementSibling) toText(k, out, indent);
    }
  }

  function formats(tools) {
    var blocks = outlineBlocks(tools);
    var html = "";
    var lines = [];
    for (var i = 0; i < blocks.length; i++) {
      html += toHtml(blocks[i]);
      toText(blocks[i], lines, "");
    }
    var text = lines.join("\n").replace(/\n{3,}/g, "\n\n").trim() + "\n";
    html = '<meta charset="utf-8"><div style="font-family: \'Times New Roman\', serif">' + html + "</div>";
    return { html: html, text: text };
  }

  function copyWithSelection(data) {
    var holder = document.createElement("div");
    holder.contentEditable = "true";
    holder.setAttribute("aria-hidden", "true");
    holder.style.cssText = "position:fixed;left:-10000px;top:0;width:600px;opacity:0;";
    holder.innerHTML = data.html; // built above from escaped text and a fixed set of tags
    document.body.appendChild(holder);
    function onCopy(event) {
      if (event.clipboardData && event.clipboardData.setData) {
        event.clipboardData.setData("text/html", data.html);
        event.clipboardData.setData("text/plain", data.text);
        event.preventDefault();
      }
    }
    document.addEventListener("copy", onCopy, true);
    var selection = window.getSelection();
    var range = document.createRange();
    range.selectNodeContents(holder);
    selection.removeAllRanges();
    selection.addRange(range);
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.removeEventListener("copy", onCopy, true);
    selection.removeAllRanges();
    document.body.removeChild(holder);
    return ok;
  }

  function copy(data, done) {
    var clip = navigator.clipboard;
    if (clip && clip.write && window.ClipboardItem && window.isSecureContext) {
      var item = new window.ClipboardItem({
        "text/html": new Blob([data.html], { type: "text/html" }),
        "text/plain": new Blob([data.text], { type: "text/plain" })
      });
      clip.write([item]).then(function () { done(true); }, function () { done(copyWithSelection(data)); });
    } else {
      done(copyWithSelection(data));
    }
  }

  function say(tools, ok) {
    var status = tools.querySelector(".bt-copy-status");
    if (!status) return;
    status.textContent = ok ? DONE : FAILED;
    status.className = "bt-copy-status" + (ok ? "" : " bt-bad");
    clearTimeout(status.bulletinTimer);
    status.bulletinTimer = setTimeout(function () { status.textContent = ""; }, ok ? 5000 : 15000);
  }

  function toolsOf(el) {
    while (el && el !== document) {
      if (el.classList && el.classList.contains("bt-outline-tools")) return el;
      el = el.parentNode;
    }
    return null;
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    var tools = toolsOf(target);
    if (!tools) return;
    if (target.hasAttribute("data-bt-copy")) {
      copy(formats(tools), function (ok) { say(tools, ok); });
    } else if (target.hasAttribute("data-bt-print")) {
      window.print();
    }
  });

  function reveal() {
    var hidden = document.querySelectorAll(".bt-outline-tools [hidden]");
    for (var i = 0; i < hidden.length; i++) hidden[i].removeAttribute("hidden");
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", reveal);
  else reveal();
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(reveal); // instant navigation
})();
