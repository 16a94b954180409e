// Enhancement only: every form works without this file.
"use strict";

document.addEventListener("submit", (event) => {
  const form = event.target;
  const question = form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
    return;
  }
  // One click, one request: disable the button once the form is on its way.
  const button = event.submitter;
  if (button) {
    setTimeout(() => { button.disabled = true; button.dataset.busy = "1"; }, 0);
  }
});

// Coming back with the Back button shows the page from cache: buttons again.
window.addEventListener("pageshow", () => {
  for (const b of document.querySelectorAll("button[data-busy]")) {
    b.disabled = false;
    delete b.dataset.busy;
  }
});
