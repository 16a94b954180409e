// Keyboard shortcuts for the comment queue. Enhancement only: every button
// is a plain form that works without this file.
"use strict";

(() => {
  const rows = () => Array.from(document.querySelectorAll("article.comment"));
  let current = -1;

  const select = (i) => {
    const list = rows();
    if (list.length === 0) return;
    current = Math.max(0, Math.min(i, list.length - 1));
    list.forEach((row, j) => row.classList.toggle("current", j === current));
    list[current].focus({ preventScroll: true });
    list[current].scrollIntoView({ block: "nearest" });
  };

  // Clicking or tabbing into a comment makes it the current one.
  document.addEventListener("focusin", (event) => {
    const row = event.target.closest && event.target.closest("article.comment");
    if (!row) return;
    current = rows().indexOf(row);
    rows().forEach((r) => r.classList.toggle("current", r === row));
  });

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    const target = event.target;
    if (target.closest && target.closest('input:not([type="checkbox"]), textarea, select, [contenteditable]')) return;
    const row = rows()[current];
    switch (event.key) {
      case "j":
        select(current + 1);
        break;
      case "k":
        select(current < 0 ? 0 : current - 1);
        break;
      case "x": {
        const box = row && document.getElementById("pick-" + row.id.slice(1));
        if (!box) return;
        box.checked = !box.checked;
        break;
      }
      case "a":
      case "s":
      case "t": {
        const button = row && row.querySelector(`button[data-key="${event.key}"]`);
        if (!button) return;
        button.click(); // a real submit: the confirm and busy handling apply
        break;
      }
      default:
        return;
    }
    event.preventDefault();
  });

  // "Tick all" exists only with this script, since only it can work it.
  const bulk = document.getElementById("bulk");
  if (bulk) {
    const label = document.createElement("label");
    const all = document.createElement("input");
    all.type = "checkbox";
    all.className = "tick-all";
    label.append(all, " Tick all on this page");
    label.className = "tick-all-label";
    bulk.prepend(label);
    all.addEventListener("change", () => {
      for (const box of document.querySelectorAll('input[type="checkbox"][form="bulk"]')) box.checked = all.checked;
    });
  }
})();
