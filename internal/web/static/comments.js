// Comment form enhancements. Everything works without them: the reply
// links load a page with the form set to reply, and readers type their
// details themselves.
(function () {
  "use strict";
  var respond = document.getElementById("respond");
  var form = document.getElementById("commentform");
  if (!respond || !form) return;

  // Fill in the details the reader asked this browser to remember. They
  // are read here, never written into pages, which are cached and the same
  // for everyone.
  function cookie(name) {
    var parts = document.cookie ? document.cookie.split("; ") : [];
    for (var i = 0; i < parts.length; i++) {
      var eq = parts[i].indexOf("=");
      if (eq > 0 && parts[i].slice(0, eq) === name) {
        try {
          return decodeURIComponent(parts[i].slice(eq + 1).replace(/\+/g, " "));
        } catch (e) {
          return "";
        }
      }
    }
    return "";
  }
  var saved = { author: "masthead_comment_author", email: "masthead_comment_email", url: "masthead_comment_url" };
  var filled = false;
  Object.keys(saved).forEach(function (field) {
    var value = cookie(saved[field]), input = form.elements[field];
    if (value && input && !input.value) {
      input.value = value;
      filled = true;
    }
  });
  var consent = form.elements["wp-comment-cookies-consent"];
  if (filled && consent) consent.checked = true;

  // Reply in place: move the form under the comment being answered.
  var parent = form.elements["comment_parent"];
  var title = document.getElementById("reply-title");
  var cancel = document.getElementById("cancel-comment-reply-link");
  if (!parent || !title || !cancel) return;
  var home = document.createElement("div"); // where the form goes back to
  home.hidden = true;
  respond.parentNode.insertBefore(home, respond);

  document.addEventListener("click", function (e) {
    var link = e.target.closest ? e.target.closest("a.comment-reply-link") : null;
    if (!link) return;
    var answered = document.getElementById("comment-" + link.dataset.commentid);
    if (!answered) return;
    e.preventDefault();
    answered.parentNode.insertBefore(respond, answered.nextSibling);
    parent.value = link.dataset.commentid;
    title.textContent = link.dataset.replyto;
    cancel.parentNode.hidden = false;
    form.elements["comment"].focus();
  });
  cancel.addEventListener("click", function (e) {
    e.preventDefault();
    home.parentNode.insertBefore(respond, home.nextSibling);
    parent.value = "0";
    title.textContent = title.dataset.title;
    cancel.parentNode.hidden = true;
  });
})();
