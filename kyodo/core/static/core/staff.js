// Staff pages: the idle warning before the session ends, and a kept draft filled in again.
// See kyodo/core/sessions.py. No framework: this is all the JavaScript the staff area needs.
(function () {
  "use strict";

  function idleWarning() {
    var box = document.getElementById("idle-warning");
    if (!box) return;
    var limit = parseInt(box.dataset.idleSeconds, 10) * 1000;
    if (!limit) return;
    // Warn five minutes before the end (or at four fifths of a short limit).
    var lead = Math.min(5 * 60 * 1000, limit / 5);
    var button = box.querySelector(".idle-continue");
    var warnTimer, endTimer, focusTimer;
    var before = null; // where focus was when the warning took it, given back afterwards
    var lastKey = 0;
    document.addEventListener("keydown", function () {
      lastKey = Date.now();
    }, true);

    // The warning is fixed to the bottom of the window (kyodo.css), so it is seen wherever the
    // person is on the page; focus moves to its button, but politely: not in the middle of a word
    // being typed (a pause of two seconds first), so that no keystroke lands on the button.
    function takeFocus(target) {
      clearTimeout(focusTimer);
      var quiet = Date.now() - lastKey;
      if (quiet < 2000) {
        focusTimer = setTimeout(function () {
          takeFocus(target);
        }, 2000 - quiet);
        return;
      }
      if (box.hidden) return;
      var active = document.activeElement;
      if (!box.contains(active)) {
        before = active && active !== document.body ? active : null;
      }
      target.focus();
    }

    function giveBack() {
      var target = before;
      before = null;
      if (target && document.contains(target)) target.focus();
    }

    function arm() {
      clearTimeout(warnTimer);
      clearTimeout(endTimer);
      warnTimer = setTimeout(function () {
        box.hidden = false;
        takeFocus(button);
      }, limit - lead);
      endTimer = setTimeout(function () {
        box.querySelector(".idle-soon").hidden = true;
        box.querySelector(".idle-over").hidden = false;
        var hadFocus = box.contains(document.activeElement);
        button.hidden = true;
        box.hidden = false;
        if (hadFocus) box.focus();
        else takeFocus(box);
      }, limit);
    }
    button.addEventListener("click", function () {
      fetch(box.dataset.keepalive, { credentials: "same-origin" }).then(function (response) {
        if (response.ok) {
          clearTimeout(focusTimer);
          box.hidden = true;
          giveBack();
          arm();
        }
      });
    });
    // Escape leaves the warning where it is and goes back to the form.
    box.addEventListener("keydown", function (event) {
      if (event.key === "Escape") giveBack();
    });
    arm();
  }

  function formFor(path) {
    var forms = Array.prototype.slice.call(document.querySelectorAll("main form"));
    for (var i = 0; i < forms.length; i++) {
      var action = new URL(forms[i].getAttribute("action") || window.location.href, window.location.href);
      if (forms[i].method.toLowerCase() === "post" && action.pathname === path) return forms[i];
    }
    return null;
  }

  function restoreDraft() {
    var data = document.getElementById("kyodo-draft");
    if (!data) return;
    var draft = JSON.parse(data.textContent);
    var form = formFor(draft.path);
    if (!form) return;
    Object.keys(draft.fields).forEach(function (name) {
      var values = draft.fields[name];
      var fields = form.querySelectorAll('[name="' + CSS.escape(name) + '"]');
      Array.prototype.forEach.call(fields, function (field, index) {
        if (field.type === "checkbox" || field.type === "radio") {
          field.checked = values.indexOf(field.value) !== -1;
        } else if (field.tagName === "SELECT" && field.multiple) {
          Array.prototype.forEach.call(field.options, function (option) {
            option.selected = values.indexOf(option.value) !== -1;
          });
        } else if (field.type !== "file" && field.type !== "hidden" && field.type !== "submit") {
          field.value = values[Math.min(index, values.length - 1)];
        }
      });
    });
    // Unticked boxes send nothing: clear those the draft did not mention.
    Array.prototype.forEach.call(form.querySelectorAll('input[type="checkbox"]'), function (box) {
      if (!(box.name in draft.fields)) box.checked = false;
    });
    var notice = document.getElementById("draft-notice");
    if (notice) notice.hidden = false;
    var first = form.querySelector("textarea, input:not([type=hidden]), select");
    if (first) first.focus();
  }

  document.addEventListener("DOMContentLoaded", function () {
    idleWarning();
    restoreDraft();
  });
})();
