/*
 * doorleren: small enhancements on top of pages that already work without JavaScript.
 * No inline scripts anywhere (a strict Content-Security-Policy will come); everything is here.
 */
(function () {
  "use strict";

  /*
   * A wide table scrolls inside its .dl-table-wrap. Keyboard users can only scroll it when the
   * wrapper can take focus, and screen reader users need to know what the region is. Templates
   * should write tabindex="0" role="region" aria-labelledby="<caption id>" themselves; this adds
   * them where they are missing, and only while the table really is wider than its box.
   */
  function labelFor(wrap) {
    var caption = wrap.querySelector("caption");
    return caption ? caption.textContent.trim() : "";
  }

  function updateTableWrap(wrap) {
    if (wrap.hasAttribute("data-dl-static")) {
      return;
    }
    var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
    var added = wrap.hasAttribute("data-dl-added");
    if (scrolls && !wrap.hasAttribute("tabindex")) {
      wrap.setAttribute("tabindex", "0");
      if (!wrap.hasAttribute("role")) {
        wrap.setAttribute("role", "region");
      }
      if (!wrap.hasAttribute("aria-label") && !wrap.hasAttribute("aria-labelledby") && labelFor(wrap)) {
        wrap.setAttribute("aria-label", labelFor(wrap));
      }
      wrap.setAttribute("data-dl-added", "");
    } else if (!scrolls && added) {
      wrap.removeAttribute("tabindex");
      wrap.removeAttribute("data-dl-added");
    }
  }

  // Re-check a wrapper whenever its size changes (screen turned, zoomed, window made narrower).
  var observer = "ResizeObserver" in window
    ? new window.ResizeObserver(function (entries) {
        for (var i = 0; i < entries.length; i += 1) {
          updateTableWrap(entries[i].target);
        }
      })
    : null;

  function updateTableWraps(root) {
    var wraps = (root || document).querySelectorAll(".dl-table-wrap");
    for (var i = 0; i < wraps.length; i += 1) {
      var wrap = wraps[i];
      if (wrap.hasAttribute("tabindex") && !wrap.hasAttribute("data-dl-added")) {
        wrap.setAttribute("data-dl-static", "");
      }
      updateTableWrap(wrap);
      if (observer) {
        observer.observe(wrap);
      }
    }
  }

  function init() {
    updateTableWraps(document);
    if (!observer) {
      window.addEventListener("resize", function () {
        updateTableWraps(document);
      });
    }
    // Content that htmx swaps in gets the same treatment.
    document.body.addEventListener("htmx:load", function (event) {
      updateTableWraps(event.target);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
