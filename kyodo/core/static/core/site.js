/* The site's own script (allowed by the CSP as a file from our origin). Everything here is an
   improvement: without it the same buttons post to the server and pages work as well.
   - 文字サイズ / 背景色: applied at once and remembered in a cookie the server reads too.
   - Forms: the error summary takes focus; its links move focus to their field. */
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

  function ready() {
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
