// The one keyboard script of every suggestion list (search/_suggestions.html).
// The input names its lists: <input data-suggest-input="#box [data-suggestions]">.
// ArrowDown/ArrowUp choose a suggestion, Enter opens the chosen one, Escape drops the choice.
// By default the focus stays in the input (a combobox: aria-selected marks the choice).
// With data-suggest-focus="list" (the agent console) the focus moves into the list, "/"
// comes back to the input, "i" inserts the chosen article's link ([data-insert-link]) and
// "s" presses its [data-solved] action. A newer list that arrives while someone is choosing
// (the next keystroke's, or the refined one) keeps the same article chosen.
(function () {
  "use strict";

  function linksIn(root) {
    return root ? Array.from(root.querySelectorAll(".suggestion__link")) : [];
  }

  function listsOf(input) {
    return Array.from(document.querySelectorAll(input.dataset.suggestInput));
  }

  function linksOf(input) {
    return listsOf(input).flatMap(linksIn);
  }

  function inputOf(link) {
    return Array.from(document.querySelectorAll("[data-suggest-input]")).find(function (input) {
      return listsOf(input).some(function (list) { return list.contains(link); });
    }) || null;
  }

  function focusesList(input) {
    return input && input.dataset.suggestFocus === "list";
  }

  function choose(input, links, index) {
    const next = index < 0 || !links.length ? -1 : Math.max(0, Math.min(index, links.length - 1));
    links.forEach(function (link, i) { link.setAttribute("aria-selected", i === next ? "true" : "false"); });
    if (next < 0) { input.removeAttribute("aria-activedescendant"); return null; }
    if (focusesList(input)) links[next].focus();
    return links[next];
  }

  function chosen(links) {
    return links.findIndex(function (link) { return link.getAttribute("aria-selected") === "true"; });
  }

  function insertLink(button) {
    const target = document.querySelector(button.dataset.insertLink);
    const link = button.closest(".suggestion").querySelector(".suggestion__link");
    if (!target || !link) return;
    const text = link.dataset.articleTitle + ": " + link.dataset.articleUrl;
    const start = target.selectionStart ?? target.value.length;
    const before = target.value.slice(0, start);
    const after = target.value.slice(target.selectionEnd ?? start);
    const glue = before && !before.endsWith("\n") ? "\n" : "";
    target.value = before + glue + text + "\n" + after;
    target.dispatchEvent(new Event("input", { bubbles: true }));
    target.focus();
  }

  function act(link, selector) {
    const action = link && link.closest(".suggestion").querySelector(selector);
    if (!action) return false;
    if (action.matches("[data-insert-link]")) insertLink(action); else action.click();
    return true;
  }

  document.addEventListener("keydown", function (event) {
    const target = event.target;
    if (!(target instanceof Element)) return;
    if (event.key === "/" && !target.closest("input, textarea, select, [contenteditable]")) {
      const input = document.querySelector("[data-suggest-input][data-suggest-focus=list]");
      if (input) { event.preventDefault(); input.focus(); input.select(); }
      return;
    }
    const input = target.closest("[data-suggest-input]");
    if (input) {
      // Keys typed into the input.
      const links = linksOf(input);
      if (!links.length) return;
      const current = chosen(links);
      if (event.key === "ArrowDown" && focusesList(input)) {
        event.preventDefault();
        choose(input, links, 0);
      } else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && !focusesList(input)) {
        event.preventDefault();
        const down = event.key === "ArrowDown";
        choose(input, links, down ? (current + 1) % links.length : (current <= 0 ? links.length : current) - 1);
      } else if (event.key === "Enter" && current >= 0 && !focusesList(input)) {
        event.preventDefault();
        window.location.assign(links[current].getAttribute("href"));
      } else if (event.key === "Escape" && current >= 0) {
        choose(input, links, -1);
      } else if (event.altKey && (event.key === "i" || event.key === "I") && current >= 0) {
        if (act(links[current], "[data-insert-link]")) event.preventDefault();
      }
      return;
    }
    // Keys pressed on a suggestion the focus is on (the console).
    const link = target.closest(".suggestion__link");
    const owner = link && inputOf(link);
    if (!owner) return;
    const links = linksOf(owner);
    const index = links.indexOf(link);
    if (event.key === "ArrowDown") { event.preventDefault(); choose(owner, links, index + 1); }
    else if (event.key === "ArrowUp") {
      event.preventDefault();
      if (index === 0) { choose(owner, links, -1); owner.focus(); } else choose(owner, links, index - 1);
    }
    else if (event.key === "Escape") { event.preventDefault(); choose(owner, links, -1); owner.focus(); }
    else if (event.key === "i" || event.key === "I") { if (act(link, "[data-insert-link]")) event.preventDefault(); }
    else if (event.key === "s" || event.key === "S") { if (act(link, "[data-solved]")) event.preventDefault(); }
  });

  let kept = null;
  document.addEventListener("htmx:beforeSwap", function (event) {
    kept = null;
    const swapped = event.detail.target;
    if (!swapped) return;
    const input = Array.from(document.querySelectorAll("[data-suggest-input]")).find(function (candidate) {
      return listsOf(candidate).some(function (list) { return swapped.contains(list) || list.contains(swapped) || list === swapped; });
    });
    if (!input) return;
    const links = linksOf(input);
    const index = chosen(links);
    if (index < 0) return;
    const focused = document.activeElement === links[index];
    if (focusesList(input) && !focused) return;
    kept = { input: input, key: links[index].dataset.articleKey, index: index, focused: focused };
  });
  document.addEventListener("htmx:afterSwap", function () {
    if (!kept) return;
    const { input, key, index, focused } = kept;
    kept = null;
    const links = linksOf(input);
    const same = links.findIndex(function (link) { return link.dataset.articleKey === key; });
    if (links.length) choose(input, links, same >= 0 ? same : index);
    else if (focused) input.focus();
  });

  document.addEventListener("click", function (event) {
    const button = event.target instanceof Element && event.target.closest("[data-insert-link]");
    if (button) insertLink(button);
  });
})();
