/* The site's own script (allowed by the CSP as a file from our origin). Everything here is an
   improvement: without it the same buttons post to the server and pages work as well.
   - 文字サイズ / 背景色: applied at once and remembered in a cookie the server reads too.
   - Forms: the error summary takes focus; its links move focus to their field.
   - The header on a phone (narrower than 40em): the display switches, the menu and the search box
     fold behind one 「メニュー」 button, so that the page's content is on the first screen.
     Without the script the button stays hidden and all of it is shown.
   - Tables: a cell that is only a date, a time, a fiscal year, a telephone number or a number
     is marked "nowrap" (kyodo.css), so that on a phone, where a wide table scrolls sideways, it
     reads whole instead of being cut before 「(火)」 or between digits. A table that scrolls
     sideways can be focused, so that it scrolls from the keyboard too. */
(function () {
  "use strict";
  var SWITCHES = {
    size: { cookie: "kyodo_size", prefix: "text-" },
    contrast: { cookie: "kyodo_contrast", prefix: "contrast-" }
  };

  function remember(name, value) {
    var secure = location.protocol === "https:" ? "; Secure" : "";
    var cookie = value === "normal"
      ? name + "=; Max-Age=0"
      : name + "=" + encodeURIComponent(value) + "; Max-Age=31536000";
    document.cookie = cookie + "; Path=/; SameSite=Lax" + secure;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var kind = form.getAttribute && form.getAttribute("data-display");
    var setting = SWITCHES[kind];
    var button = event.submitter;
    if (!setting || !button || button.name !== kind) {
      return;
    }
    event.preventDefault();
    var root = document.documentElement;
    Array.prototype.slice.call(root.classList).forEach(function (name) {
      if (name.indexOf(setting.prefix) === 0) {
        root.classList.remove(name);
      }
    });
    if (button.value !== "normal") {
      root.classList.add(setting.prefix + button.value);
    }
    remember(setting.cookie, button.value);
    form.querySelectorAll("button[name='" + kind + "']").forEach(function (other) {
      other.setAttribute("aria-pressed", other === button ? "true" : "false");
    });
  });

  var WHOLE = new RegExp(
    "^(?:" + [
      // 令和8年12月6日(日), 令和8年12月6日(日) 午後7時, 令和8年12月7日 03:34, 令和8年度
      "(?:明治|大正|昭和|平成|令和)(?:元|\\d+)年(?:度|\\d+月(?:\\d+日)?(?:\\(.\\))?(?: \\S+)?)",
      "\\d{4}-\\d{2}-\\d{2}(?: \\d{1,2}:\\d{2})?",
      "(?:午前|午後)\\d+時(?:\\d+分)?(?:～(?:午前|午後)?\\d+時(?:\\d+分)?)?",
      "\\d{1,2}:\\d{2}(?:[～–-]\\d{1,2}:\\d{2})?",
      // 042-111-2222, (042)111-2222, 090-1234-5678
      "\\(?\\d{2,5}\\)?[-‐－]?\\d{1,4}[-‐－]\\d{3,4}",
      // 1,234, 12人, 3件, 50%, ¥3,000
      "[¥￥]?[\\d,.]+(?:人|件|円|団体|回|%|％)?"
    ].join("|") + ")$"
  );

  function markWholeCells() {
    var cells = document.querySelectorAll("main table td, main table th");
    for (var i = 0; i < cells.length; i++) {
      if (WHOLE.test(cells[i].textContent.trim())) {
        cells[i].classList.add("nowrap");
      }
    }
  }

  function focusableScrollers() {
    var tables = document.querySelectorAll("main table");
    for (var i = 0; i < tables.length; i++) {
      var table = tables[i];
      var scrolls = table.scrollWidth > table.clientWidth + 1;
      if (scrolls && !table.hasAttribute("tabindex")) {
        table.setAttribute("tabindex", "0");
        table.setAttribute("data-scroller", "");
      } else if (!scrolls && table.hasAttribute("data-scroller")) {
        table.removeAttribute("tabindex");
        table.removeAttribute("data-scroller");
      }
    }
  }

  var resizing;
  window.addEventListener("resize", function () {
    clearTimeout(resizing);
    resizing = setTimeout(focusableScrollers, 150);
  });

  function headerMenu() {
    var button = document.querySelector(".site-header .menu-button");
    if (!button || !window.matchMedia) return;
    var header = button.closest(".site-header");
    var narrow = window.matchMedia("(max-width: 40em)");
    function set(open) {
      header.classList.toggle("menu-closed", !open);
      button.setAttribute("aria-expanded", open ? "true" : "false");
    }
    function apply() {
      button.hidden = !narrow.matches;
      set(!narrow.matches);
    }
    button.addEventListener("click", function () {
      set(button.getAttribute("aria-expanded") !== "true");
    });
    header.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && narrow.matches && button.getAttribute("aria-expanded") === "true") {
        set(false);
        button.focus();
      }
    });
    if (narrow.addEventListener) narrow.addEventListener("change", apply);
    apply();
  }

  function ready() {
    headerMenu();
    markWholeCells();
    focusableScrollers();
    var summary = document.getElementById("error-summary");
    if (summary) {
      summary.focus();
      summary.addEventListener("click", function (event) {
        var link = event.target.closest("a[href^='#']");
        var target = link && document.getElementById(link.getAttribute("href").slice(1));
        if (target) {
          event.preventDefault();
          target.scrollIntoView({ block: "center" });
          target.focus();
        }
      });
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
