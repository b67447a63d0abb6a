/* Vietnamese search for Material for MkDocs: a wrapper around Material's own lunr worker.

   The page's __config names this file as the search worker, with Material's worker in its query
   (overrides/main.html): search-vi.js?material=search.<hash>.min.js. This file listens first, then
   imports Material's worker unchanged, and so sees every message before and after Material does:

   - SETUP (the index): titles and texts are NFC-normalised, and lunr's index pipeline gets one more
     step that folds every token: marks dropped, đ/Đ -> d (lunr has already lowercased). "Dân",
     "DÂN", a decomposed "Dân" and "dan" all become the index term "dan".
   - QUERY: the query is NFC-normalised, remembered, and folded the same way before lunr sees it.
   - RESULT: lunr knows words, not phrases or marks, so the groups are ranked again, stably: pages
     holding the typed phrase with its exact marks first, then the folded phrase as whole words,
     then as a prefix (the last word still being typed), then pages with every word, then the rest in lunr's
     order; when some page holds every word, pages lacking any of them ("số" alone for "so tu phap",
     or only a prefix: "đảng" for "dan") are dropped, and highlights on such prefixes removed;
     a highlight never ends between a letter and its combining mark. Each
     result's title starts with a word saying what it is ("Chi bộ", "Chuyên đề", "Bản tin"), from
     config.bulletin.kinds, which the bulletin plugin writes into the index.

   The same file runs in a real Worker (http) and inside Material's iframe-worker shim (file://),
   where importScripts is asynchronous and returns a Promise. */
(function () {
  "use strict"

  var SETUP = 0, QUERY = 2, RESULT = 3 // Material's SearchMessageType
  var NOT_WORD = "[^\\p{L}\\p{M}\\p{N}]"
  var kinds = []
  var docs = new Map() // location -> {title, text}, NFC and lowercased, built lazily per query
  var raw = new Map() // location -> the index document
  // The last query typed (NFC). Results are ranked and narrowed by it, not by a queue of queries:
  // if one query ever went without its result, a queue would judge every later result by the
  // wrong words; the result on screen at the end is the last query's, judged by its own words.
  var latest = ""

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D")
  }

  function plain(html) {
    return html.replace(/<[^>]*>/g, " ").replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">")
      .replace(/&quot;/g, "\"").replace(/&#x27;|&#39;/g, "'").toLowerCase()
  }

  function prepared(location) {
    var doc = docs.get(location)
    if (!doc && raw.has(location)) {
      var d = raw.get(location)
      var title = plain(d.title || ""), text = plain(d.text || "")
      doc = { title: title, text: text, foldedTitle: fold(title), foldedText: fold(text) }
      docs.set(location, doc)
    }
    return doc
  }

  function escapeRegExp(word) {
    return word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
  }

  // The words of a phrase, joined by anything that is not a letter, as whole words or with the
  // last one still being typed.
  function phrase(words, whole) {
    return new RegExp("(?:^|" + NOT_WORD + ")" + words.map(escapeRegExp).join(NOT_WORD + "+") +
      (whole ? "(?=" + NOT_WORD + "|$)" : ""), "u")
  }

  function tierOf(doc, tests) {
    for (var i = 0; i < tests.length; i++) {
      var t = tests[i]
      if (t.all) {
        if (t.all.every(function (re) { return re.test(doc.foldedTitle) || (t.anywhere && re.test(doc.foldedText)) })) return i
        continue
      }
      if (t.re.test(t.folded ? doc.foldedTitle : doc.title) || t.re.test(t.folded ? doc.foldedText : doc.text))
        return i
    }
    return tests.length
  }

  function label(location) {
    for (var i = 0; i < kinds.length; i++)
      if (location.indexOf(kinds[i][0]) === 0) return kinds[i][1]
    return ""
  }

  // lunr matches the last word as a prefix, so "dan" marks "đảng" ("dang"): keep a highlight only
  // where the marked word is one of the words typed (marks and đ aside).
  function unmarkStrangers(html, wanted) {
    return html.replace(/<mark>([^<]*)<\/mark>/g, function (all, inner) {
      return wanted.indexOf(fold(inner.toLowerCase())) >= 0 ? all : inner
    })
  }

  // Which of the typed words (folded) a section holds as whole words.
  function wholeWords(doc, foldedWords, seen) {
    foldedWords.forEach(function (w, i) {
      var re = phrase([w], true)
      if (re.test(doc.foldedTitle) || re.test(doc.foldedText)) seen[i] = true
    })
  }

  // Highlights must not cut a letter: a combining mark left outside a <mark> (a decomposed "số"
  // in the page) shows as a stray accent ("số́10"). Move marks that follow a highlight into it.
  function wholeGraphemes(html) {
    return html.replace(/<\/mark>(\p{M}+)/gu, "$1</mark>").replace(/(<mark>)(\p{M}+)/gu, "$2$1").normalize("NFC")
  }

  function rerank(result, query) {
    if (!result || !Array.isArray(result.items)) return
    var words = query.toLowerCase().split(new RegExp(NOT_WORD + "+", "u")).filter(Boolean)
    var foldedWords = words.map(fold)
    var tests = []
    if (words.length) {
      if (foldedWords.join(" ") !== words.join(" ")) tests.push({ re: phrase(words, true), folded: false })
      tests.push({ re: phrase(foldedWords, true), folded: true })
      tests.push({ re: phrase(foldedWords, false), folded: true })
      // No page holds the phrase: a page whose title has every word ("ban tin thang 5/2026")
      // still comes before pages that only mention the words somewhere.
      tests.push({ all: foldedWords.map(function (w) { return phrase([w], true) }) })
    }
    if (foldedWords.length) {
      // A page with every word, anywhere in it, before pages with only some of them.
      tests.push({ all: foldedWords.map(function (w) { return phrase([w], true) }), anywhere: true })
    }
    var ranked = result.items.map(function (group, order) {
      var tier = tests.length, seen = foldedWords.map(function () { return false })
      group.forEach(function (item) {
        var doc = prepared(item.location)
        if (doc) {
          tier = Math.min(tier, tierOf(doc, tests))
          wholeWords(doc, foldedWords, seen)
        }
        if (typeof item.title === "string") item.title = wholeGraphemes(unmarkStrangers(item.title, foldedWords))
        if (typeof item.text === "string") item.text = wholeGraphemes(unmarkStrangers(item.text, foldedWords))
        if (Array.isArray(item.tags))
          item.tags = item.tags.map(function (t) { return typeof t === "string" ? unmarkStrangers(t, foldedWords) : t })
        if (item.location.indexOf("#") < 0) {
          // What the page is, as a word before its title: not a tag chip (tags are the outlines').
          var kind = label(item.location)
          if (kind) item.title = '<span class="bt-kind">' + kind + "</span> " + item.title
        }
      })
      var found = seen.filter(Boolean).length
      return { group: group, tier: tier, order: order, found: found }
    })
    // When some page holds every word (whole, folded, anywhere in the page), it is what the reader
    // asked for: pages lacking any of the words ("số" alone for "so tu phap", or only a prefix:
    // "dan" in "đảng") are dropped.
    if (ranked.some(function (r) { return r.found === foldedWords.length })) {
      ranked = ranked.filter(function (r) { return r.found === foldedWords.length })
    }
    ranked.sort(function (a, b) { return a.tier - b.tier || b.found - a.found || a.order - b.order })
    result.items = ranked.map(function (r) { return r.group })
  }

  function foldToken(token) {
    return token.update(fold)
  }

  // Material builds its lunr index when SETUP arrives, long after this file has run: add the fold
  // to every builder's pipeline just before its first document goes in.
  function patchLunr() {
    var lunr = self.lunr
    lunr.Pipeline.registerFunction(foldToken, "bulletinFold")
    var add = lunr.Builder.prototype.add
    lunr.Builder.prototype.add = function () {
      if (this.pipeline._stack.indexOf(foldToken) < 0) {
        this.pipeline.add(foldToken)
        // Queries arrive folded. Terms lunr still runs through the search pipeline (quoted words,
        // "+word") must not meet the English stemmer, which turns "quy" into "qui".
        this.searchPipeline.remove(lunr.stemmer)
      }
      return add.apply(this, arguments)
    }
  }

  addEventListener("message", function (ev) {
    var message = ev.data
    if (!message || typeof message !== "object") return
    if (message.type === SETUP && message.data) {
      var config = message.data.config || {}
      kinds = (config.bulletin && config.bulletin.kinds) || []
      docs.clear()
      raw.clear()
      ;(message.data.docs || []).forEach(function (doc) {
        doc.title = (doc.title || "").normalize("NFC")
        doc.text = (doc.text || "").normalize("NFC")
        raw.set(doc.location, doc)
      })
    } else if (message.type === QUERY && typeof message.data === "string") {
      var query = message.data.normalize("NFC")
      latest = query
      message.data = fold(query)
    }
  })

  var post = self.postMessage
  self.postMessage = function (message) {
    if (message && message.type === RESULT) rerank(message.data, latest)
    return post.apply(self, arguments)
  }

  // Where this file is: a Worker knows its own location; in the iframe shim it is the running script
  // (after the shim's prelude; the shim appends "?<timestamp>" to it).
  var here = typeof document !== "undefined" ? document.currentScript.src : self.location.href
  var material = (new URL(here).searchParams.get("material") || "").split("?")[0]
  if (!/^search\.[\w.]+\.js$/.test(material)) throw new Error("search-vi.js: no Material worker named in " + here)
  var loaded = importScripts(new URL(material, here).href)
  if (loaded && typeof loaded.then === "function") loaded.then(patchLunr)
  else patchLunr()
})()
