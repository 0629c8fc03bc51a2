// The read-along page: marks the sentence and the word being heard, keeps the sentence in view,
// seeks to a sentence on click or Enter, and takes keys (listed on the page).
(function () {
  "use strict";
  var audio = document.getElementById("audio");
  var status = document.getElementById("status");
  var sentences = Array.prototype.slice.call(document.querySelectorAll(".s"));
  var words = Array.prototype.slice.call(document.querySelectorAll(".w"));
  var chapters = Array.prototype.slice.call(document.querySelectorAll("[data-chapter]"))
    .map(function (b) { return parseFloat(b.getAttribute("data-chapter")); });
  var starts = sentences.map(function (s) { return parseFloat(s.getAttribute("data-start")); });
  var wordStarts = words.map(function (w) { return parseFloat(w.getAttribute("data-start")); });
  var reduced = window.matchMedia("(prefers-reduced-motion: reduce)");
  var current = { sentence: -1, word: -1 };

  // The last index whose start is at or before t (-1 before the first).
  function at(list, t) {
    var lo = 0, hi = list.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (list[mid] <= t) { lo = mid + 1; } else { hi = mid; }
    }
    return lo - 1;
  }

  function mark(kind, list, index) {
    if (current[kind] === index) { return false; }
    if (current[kind] >= 0) {
      list[current[kind]].classList.remove("now");
      list[current[kind]].removeAttribute("aria-current");
    }
    current[kind] = index;
    if (index >= 0) {
      list[index].classList.add("now");
      list[index].setAttribute("aria-current", "true");
    }
    return true;
  }

  function inView(el) {
    var r = el.getBoundingClientRect();
    var top = document.querySelector(".player").getBoundingClientRect().bottom;
    return r.top >= top && r.bottom <= window.innerHeight;
  }

  function update() {
    var t = audio.currentTime + 0.001;
    var s = at(starts, t);
    var changed = mark("sentence", sentences, s);
    var w = at(wordStarts, t);
    if (w >= 0 && s >= 0 && words[w].closest(".s") !== sentences[s]) { w = -1; }
    mark("word", words, w);
    if (changed && s >= 0 && !inView(sentences[s])) {
      sentences[s].scrollIntoView({
        block: "center",
        behavior: reduced.matches ? "auto" : "smooth"
      });
    }
  }

  function seek(t) {
    audio.currentTime = Math.max(0, t);
    update();
  }

  function say(text) { status.textContent = text; }

  audio.addEventListener("timeupdate", update);
  audio.addEventListener("seeked", update);
  audio.addEventListener("play", function tick() {
    update();
    if (!audio.paused) { window.requestAnimationFrame(tick); }
  });

  sentences.forEach(function (s, k) {
    s.addEventListener("click", function () { seek(starts[k]); });
    s.addEventListener("keydown", function (e) {
      if (e.key === "Enter") { e.preventDefault(); seek(starts[k]); }
    });
  });
  document.querySelectorAll("[data-chapter]").forEach(function (b) {
    b.addEventListener("click", function () { seek(parseFloat(b.getAttribute("data-chapter"))); });
  });

  function step(list, direction) {
    var t = audio.currentTime + 0.001;
    var k = at(list, t);
    if (direction < 0 && k >= 0 && t - list[k] > 1.5) { return list[k]; }
    var next = Math.min(Math.max(k + direction, 0), list.length - 1);
    return list[next];
  }

  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) { return; }
    var target = e.target;
    var typing = target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA");
    if (typing) { return; }
    var onControl = target && (target === audio || target.tagName === "BUTTON" ||
      target.tagName === "SUMMARY" || target.tagName === "A");
    switch (e.key) {
      case " ":
        if (onControl) { return; }
        e.preventDefault();
        if (audio.paused) { audio.play(); } else { audio.pause(); }
        break;
      case "ArrowRight":
      case "ArrowLeft":
        if (target === audio) { return; }
        e.preventDefault();
        seek(step(starts, e.key === "ArrowRight" ? 1 : -1));
        break;
      case "]":
      case "[":
        if (!chapters.length) {
          // A chapter's own page: the neighbouring chapter's page.
          var link = document.querySelector(e.key === "]" ? "a[rel=next]" : "a[rel=prev]");
          if (link) { e.preventDefault(); window.location.href = link.href; }
          return;
        }
        e.preventDefault();
        seek(step(chapters, e.key === "]" ? 1 : -1));
        break;
      case "+":
      case "=":
      case "-":
        e.preventDefault();
        var rate = audio.playbackRate + (e.key === "-" ? -0.25 : 0.25);
        audio.playbackRate = Math.min(3, Math.max(0.5, Math.round(rate * 100) / 100));
        say("Speed " + audio.playbackRate + "\u00d7");
        break;
      default:
        return;
    }
  });
  update();
})();
