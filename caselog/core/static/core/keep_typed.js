// What was typed in the page's forms survives a language switch. The switch posts the
// language form and reloads the page in the new language; just before, the text fields of
// every form in <main> are kept in sessionStorage (this tab only), and on the page that
// loads next they are put back into the fields the server left empty. Passwords, hidden
// fields and files are never kept.
(function () {
  "use strict";

  var KEY = "caselog:typed:" + location.pathname;
  var KEPT = ["text", "email", "tel", "search", "url", "number", "date", "datetime-local", "textarea", "select-one"];

  function fields() {
    return Array.from(document.querySelectorAll("main form [name]")).filter(function (field) {
      return KEPT.indexOf(field.type) !== -1 && field.name !== "csrfmiddlewaretoken";
    });
  }

  function keyOf(field) {
    return (field.form && field.form.id ? field.form.id : "") + "/" + field.name;
  }

  function keep() {
    var typed = {};
    fields().forEach(function (field) {
      if (field.value) {
        typed[keyOf(field)] = field.value;
      }
    });
    try {
      sessionStorage.setItem(KEY, JSON.stringify(typed));
    } catch (error) {
      // Storage full or off: the switch still works, only without the typed text.
    }
  }

  var pending = null;

  function isEmpty(field) {
    return !field.value;
  }

  // One pass: fill the kept text into the empty fields that exist now; then set the first kept
  // choice (a select) and stop, because choosing may swap the form for one with more fields
  // (the contact form's product group -> topic -> request type); the next pass runs when
  // htmx has settled the new form, until nothing kept is left.
  function restorePass() {
    if (!pending) {
      return;
    }
    var present = fields();
    present.forEach(function (field) {
      var key = keyOf(field);
      if (field.type !== "select-one" && key in pending) {
        if (isEmpty(field)) {
          field.value = pending[key];
          field.dispatchEvent(new Event("input", { bubbles: true }));
        }
        delete pending[key];
      }
    });
    var choice = present.find(function (field) {
      return field.type === "select-one" && keyOf(field) in pending;
    });
    if (choice) {
      var value = pending[keyOf(choice)];
      delete pending[keyOf(choice)];
      if (choice.value !== value && Array.from(choice.options).some(function (o) { return o.value === value; })) {
        choice.value = value;
        choice.dispatchEvent(new Event("change", { bubbles: true }));
        return;
      }
      restorePass();
      return;
    }
    if (!Object.keys(pending).length) {
      pending = null;
    }
  }

  function restore() {
    try {
      pending = JSON.parse(sessionStorage.getItem(KEY) || "null");
      sessionStorage.removeItem(KEY);
    } catch (error) {
      pending = null;
    }
    if (!pending) {
      return;
    }
    document.body.addEventListener("htmx:afterSettle", restorePass);
    // Fields that never appear (a choice that no longer exists) are given up after a while.
    setTimeout(function () { pending = null; }, 10000);
    restorePass();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form.lang-form");
    if (form) {
      // The select submits the form from its own change handler; the "Go" button (no script
      // at all) never reaches here, so either way this runs before the page goes.
      form.addEventListener("change", keep, true);
      form.addEventListener("submit", keep, true);
    }
    restore();
  });
})();
