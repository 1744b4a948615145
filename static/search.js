/* glossary-build search engine: matching and ranking over window.GLOSSARY_INDEX.
 *
 * No DOM here, so node runs the same code in benchmarks/search_budget.py.
 * Folding: lower case, accents off (Ä -> a), ß -> ss, and ae/oe/ue -> a/o/u on
 * both sides, so "ueber" finds "Über" and "Straße" is found by "strasse".
 * A query word matches a token exactly, as a prefix, inside a title word
 * (compound parts: "datenbank" finds "Vektordatenbank"), or with one typo
 * (words of four letters or more).  Every query word must match.  Fields rank
 * title > aliases and parts > definition > body.  A query that is a whole name
 * of a term ranks it first, its exact title before any alias or hidden label.
 */
(function (root) {
  "use strict";

  var FIELD_WEIGHT = [100, 70, 60, 40, 10]; // title, alias, part, definition, body
  var EXACT = 1, PREFIX = 0.7, INFIX = 0.55, TYPO = 0.5;
  var WORD = /[\p{L}\p{N}]+/gu;

  function fold(text) {
    return text.toLowerCase().replace(/ß/g, "ss").replace(/œ/g, "oe").replace(/æ/g, "ae").normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "").replace(/ae/g, "a").replace(/oe/g, "o").replace(/ue/g, "u");
  }

  function tokens(text) {
    return fold(text || "").match(WORD) || [];
  }

  /* Within one edit (insert, delete, substitute, swap of neighbours)? */
  function withinOne(a, b) {
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    var i = 0;
    while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
    if (i === la && i === lb) return true;
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;
      return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  function split(text) { return text ? text.split(" ") : []; }

  /* data: window.GLOSSARY_INDEX; records [id, title, aliases, lead, body, parts, folder],
     all but id and title already folded (see glossary_build/render/search.py). */
  function Index(data) {
    var records = data.terms;
    this.terms = [];
    this.byId = Object.create(null);
    this.shardSize = data.shard || 50;
    this.postings = new Map(); // token -> [term * 8 + field, ...]
    this.titleWords = []; // per term: " word word " of title and aliases, for infix search
    for (var i = 0; i < records.length; i++) {
      var r = records[i];
      var id = r[0] || r[1].replace(/ /g, "-"), title = r[1] || id;
      var titleTokens = tokens(title), aliases = r[2] ? r[2].split("|") : [];
      var term = { id: id, title: title, folder: r[6] || id, rank: i, definition: null };
      term.keys = [titleTokens.join(" "), tokens(id).join(" ")].concat(aliases);
      this.terms.push(term);
      this.byId[term.id] = term;
      this.add(i, 0, titleTokens);
      for (var a = 0; a < aliases.length; a++) this.add(i, 1, split(aliases[a]));
      this.add(i, 2, split(r[5]));
      this.add(i, 3, split(r[3]));
      this.add(i, 4, split(r[4]));
      this.titleWords.push(" " + term.keys.join(" ") + " ");
    }
    this.vocabulary = Array.from(this.postings.keys()).sort();
    // Words of titles, other names and parts: what a one- to three-letter prefix is matched against.
    this.nameVocabulary = this.vocabulary.filter(function (token) {
      var posting = this.postings.get(token);
      for (var p = 0; p < posting.length; p++) if ((posting[p] & 7) <= 2) return true;
      return false;
    }, this);
    this.byLength = [];
    for (var v = 0; v < this.vocabulary.length; v++) {
      var len = this.vocabulary[v].length;
      (this.byLength[len] = this.byLength[len] || []).push(this.vocabulary[v]);
    }
  }

  /* Terms are added in order and their fields best first, so a term already at
     the end of a posting list has that token in a better field. */
  Index.prototype.add = function (term, field, list) {
    for (var i = 0; i < list.length; i++) {
      var posting = this.postings.get(list[i]);
      if (!posting) this.postings.set(list[i], [term * 8 + field]);
      else if (posting[posting.length - 1] >> 3 !== term) posting.push(term * 8 + field);
    }
  };

  /* Score of each term for one folded query word: Map term -> best score. */
  Index.prototype.matchWord = function (word, scores) {
    var self = this;
    function credit(token, factor) {
      var posting = self.postings.get(token);
      for (var p = 0; p < posting.length; p++) {
        var term = posting[p] >> 3, score = FIELD_WEIGHT[posting[p] & 7] * factor;
        if (!(scores.get(term) >= score)) scores.set(term, score);
      }
    }
    // Short prefixes match names only (and whole words anywhere): "sch" must not walk half the vocabulary.
    var short = word.length <= 3, vocabulary = short ? this.nameVocabulary : this.vocabulary;
    if (short && this.postings.has(word)) credit(word, EXACT);
    var lo = 0, hi = vocabulary.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (vocabulary[mid] < word) lo = mid + 1; else hi = mid; }
    var limit = short ? 2000 : 5000;
    for (var v = lo; v < vocabulary.length && v - lo < limit && vocabulary[v].lastIndexOf(word, 0) === 0; v++) {
      var token = vocabulary[v];
      credit(token, token === word ? EXACT : PREFIX + 0.2 * word.length / token.length);
    }
    if (word.length >= 4) {
      for (var len = word.length - 1; len <= word.length + 1; len++) {
        var bucket = this.byLength[len] || [];
        for (var b = 0; b < bucket.length; b++) {
          if (bucket[b] !== word && withinOne(word, bucket[b])) credit(bucket[b], TYPO);
        }
      }
    }
    if (word.length >= 3) {
      for (var t = 0; t < this.titleWords.length; t++) {
        var at = this.titleWords[t].indexOf(word);
        if (at > 0 && this.titleWords[t][at - 1] !== " ") {
          var infix = FIELD_WEIGHT[0] * INFIX;
          if (!(scores.get(t) >= infix)) scores.set(t, infix);
        }
      }
    }
  };

  /* The best terms for a query: [{term, score, exact}], best first. */
  Index.prototype.search = function (query, max) {
    var words = tokens(query);
    if (!words.length) return [];
    var total = null;
    for (var w = 0; w < words.length; w++) {
      var scores = new Map();
      this.matchWord(words[w], scores);
      if (total === null) total = scores;
      else {
        var next = new Map();
        total.forEach(function (score, term) { if (scores.has(term)) next.set(term, score + scores.get(term)); });
        total = next;
      }
      if (!total.size) return [];
    }
    var whole = words.join(" "), results = [], terms = this.terms;
    total.forEach(function (score, index) {
      // keys[0] is the title: its exact match outranks an exact alias (or id, or hidden label).
      var term = terms[index], at = term.keys.indexOf(whole), exact = at >= 0;
      results.push({ term: term, score: score + (at === 0 ? 2000 : exact ? 1000 : 0), exact: exact });
    });
    results.sort(function (a, b) { return b.score - a.score || a.term.rank - b.term.rank; });
    return results.slice(0, max || 10);
  };

  var api = { fold: fold, tokens: tokens, withinOne: withinOne, Index: Index };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.GlossarySearch = api;
})(typeof window !== "undefined" ? window : this);
