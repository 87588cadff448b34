// The attendance page (/staff/events/<pk>/attendance/): a filter over the check-in list by name,
// reading or group, as typed at the desk: たなか, タナカ, ﾀﾅｶ and 田中 alike, spaces ignored.
// Without JavaScript the whole list is there and the filter stays hidden. No dependency.
(function () {
  "use strict";

  // The key kyodo.core.text.search_key gives the rows (data-search): NFKC (half-width kana
  // become full-width, full-width letters half-width), lower case, katakana as hiragana, no
  // white space, small ヵ/ヶ as か/け.
  function key(text) {
    var s = (text || "").normalize("NFKC").toLowerCase();
    var out = "";
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c >= 0x30a1 && c <= 0x30f6) c -= 0x60;
      if (c === 0x3095) c = 0x304b;
      if (c === 0x3096) c = 0x3051;
      out += String.fromCharCode(c);
    }
    return out.replace(/\s+/g, "");
  }

  function setUp() {
    var box = document.querySelector("[data-checkin-filter]");
    if (!box) return;
    var input = box.querySelector("input");
    var shown = box.querySelector("[data-shown]");
    var rows = Array.prototype.slice.call(document.querySelectorAll(".checkin-row"));
    box.hidden = false;

    function filter() {
      var wanted = key(input.value);
      var count = 0;
      rows.forEach(function (row) {
        var match = !wanted || row.dataset.search.indexOf(wanted) !== -1;
        row.hidden = !match;
        if (match) count += 1;
      });
      shown.textContent = wanted
        ? shown.dataset.shown.replace("{shown}", count).replace("{total}", rows.length)
        : "";
    }

    input.addEventListener("input", filter);
    // Enter in the box filters; it must not send the form (and save) by accident.
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault();
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
