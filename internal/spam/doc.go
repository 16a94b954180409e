// Package spam decides whether a comment is ham, spam or blatant spam to
// discard, and says why in words a moderator understands.
//
// It combines three kinds of evidence, all in log-odds:
//
//   - a logistic regression over hashed features of the text (words,
//     character 4-grams, link hosts and anchors) and the metadata (author,
//     e-mail address and domain, website, shape and context), trained with
//     AdaGrad and learning online from every moderation decision;
//   - rules: honeypot, form token and timing, link markup, the site's
//     disallowed keywords, Akismet's test triggers;
//   - memories built from moderation: IPs, addresses, domains and link
//     hosts seen only in spam, and near-duplicates of spam (minhash).
//
// NewDefault trains the model at start from the embedded corpus. The
// package does no I/O on the verdict path; persistence belongs to the
// caller: Features turns a comment into plain strings, Learn applies a
// label to such strings, and replaying the same (label, features) events
// in the same order on a fresh default model reaches the same model to
// the bit (learning uses only correctly rounded operations and no fused
// multiply-adds, so replicas on other architectures agree too).
package spam
