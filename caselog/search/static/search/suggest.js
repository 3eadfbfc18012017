// Keyboard navigation for suggestion lists loaded by htmx.
// Markup: <input data-suggest-list="#some-container" ...>; the container receives the
// fragment of search/suggest/. ArrowDown/ArrowUp move the selection, Enter opens the
// selected article, Alt+I dispatches "caselog:suggestion-insert" (detail: key, url, title)
// on the input so the page can insert the article into a reply.
(function () {
  "use strict";
  function options(input) {
    var container = document.querySelector(input.getAttribute("data-suggest-list"));
    return container ? Array.prototype.slice.call(container.querySelectorAll("[data-article-key]")) : [];
  }
  function select(items, index) {
    items.forEach(function (item, i) {
      item.setAttribute("aria-selected", i === index ? "true" : "false");
      item.classList.toggle("is-selected", i === index);
    });
  }
  document.addEventListener("keydown", function (event) {
    var input = event.target;
    if (!(input instanceof HTMLElement) || !input.hasAttribute("data-suggest-list")) return;
    var items = options(input);
    if (!items.length) return;
    var current = items.findIndex(function (item) { return item.getAttribute("aria-selected") === "true"; });
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      var step = event.key === "ArrowDown" ? 1 : -1;
      select(items, (current + step + items.length) % items.length);
    } else if (event.key === "Enter" && current >= 0) {
      event.preventDefault();
      window.location.assign(items[current].getAttribute("data-article-url"));
    } else if (event.altKey && (event.key === "i" || event.key === "I") && current >= 0) {
      event.preventDefault();
      var item = items[current];
      input.dispatchEvent(new CustomEvent("caselog:suggestion-insert", {
        bubbles: true,
        detail: {
          key: item.getAttribute("data-article-key"),
          url: item.getAttribute("data-article-url"),
          title: item.getAttribute("data-article-title"),
        },
      }));
    } else if (event.key === "Escape") {
      select(items, -1);
    }
  });
})();
