// The console's article suggestions: arrow keys move through them, Enter opens one,
// "i" inserts its link into the reply, "s" marks it as the solution of the case.
(function () {
  "use strict";

  function links(list) {
    return Array.from(list.querySelectorAll(".suggestion__link"));
  }

  function select(list, index) {
    const all = links(list);
    if (!all.length) return;
    const next = Math.max(0, Math.min(index, all.length - 1));
    all.forEach((link, i) => link.setAttribute("aria-selected", i === next ? "true" : "false"));
    all[next].focus();
  }

  function insertLink(link) {
    const reply = document.querySelector("#reply-form textarea");
    if (!reply || !link) return;
    const text = link.dataset.articleTitle + ": " + link.dataset.articleUrl;
    const start = reply.selectionStart ?? reply.value.length;
    const before = reply.value.slice(0, start);
    const after = reply.value.slice(reply.selectionEnd ?? start);
    const glue = before && !before.endsWith("\n") ? "\n" : "";
    reply.value = before + glue + text + "\n" + after;
    reply.dispatchEvent(new Event("input", { bubbles: true }));
    reply.focus();
  }

  document.addEventListener("keydown", function (event) {
    const target = event.target;
    if (event.key === "/" && !target.closest("input, textarea, select, [contenteditable]")) {
      const input = document.querySelector("[data-suggest-input]");
      if (input) { event.preventDefault(); input.focus(); input.select(); }
      return;
    }
    const search = target.closest && target.closest("[data-suggest-input]");
    const box = document.querySelector(search ? search.dataset.suggestInput : "[data-suggestions]");
    if (search && event.key === "ArrowDown" && box) {
      event.preventDefault();
      select(box, 0);
      return;
    }
    const link = target.closest && target.closest(".suggestion__link");
    if (!link) return;
    const list = link.closest("[data-suggestions]");
    const all = links(list);
    const index = all.indexOf(link);
    if (event.key === "ArrowDown") { event.preventDefault(); select(list, index + 1); }
    else if (event.key === "ArrowUp") {
      event.preventDefault();
      if (index === 0) { const input = document.querySelector("[data-suggest-input]"); if (input) input.focus(); }
      else select(list, index - 1);
    }
    else if (event.key === "i" || event.key === "I") { event.preventDefault(); insertLink(link); }
    else if (event.key === "s" || event.key === "S") {
      event.preventDefault();
      const solved = link.closest(".suggestion").querySelector("[data-solved]");
      if (solved) solved.click();
    }
  });

  // A newer list (the answer to the last key, or the refined one that follows once typing
  // pauses) may arrive while the agent is already moving through the current one: keep the
  // same article chosen (or the same place in the list) instead of dropping the focus.
  let kept = null;
  document.addEventListener("htmx:beforeSwap", function (event) {
    const target = event.detail.target;
    const active = document.activeElement;
    kept = null;
    if (!target || !active || !active.classList.contains("suggestion__link") || !target.contains(active)) return;
    const list = active.closest("[data-suggestions]");
    kept = {
      container: target.matches("[data-suggestions]") ? target.parentElement : target,
      key: active.dataset.articleKey,
      index: links(list).indexOf(active),
    };
  });
  document.addEventListener("htmx:afterSwap", function () {
    if (!kept) return;
    const { container, key, index } = kept;
    kept = null;
    const list = container && container.querySelector("[data-suggestions]");
    if (!list) return;
    const all = links(list);
    const same = all.findIndex((link) => link.dataset.articleKey === key);
    if (all.length) select(list, same >= 0 ? same : index);
    else { const input = document.querySelector("[data-suggest-input]"); if (input) input.focus(); }
  });

  document.addEventListener("click", function (event) {
    const button = event.target.closest && event.target.closest("[data-insert-link]");
    if (button) insertLink(button.closest(".suggestion").querySelector(".suggestion__link"));
  });
})();
