/*
 * doorleren: small enhancements on top of pages that already work without JavaScript.
 * No inline scripts anywhere (a strict Content-Security-Policy will come); everything is here.
 */
(function () {
  "use strict";

  /*
   * A wide table scrolls inside its .dl-table-wrap. Keyboard users can only scroll it when the
   * wrapper can take focus, and screen reader users need to know what the region is. Templates
   * write tabindex="0" role="region" aria-labelledby="<caption or heading id>" themselves, so that
   * it works without JavaScript too. Here we keep the tab stop only while the table really is wider
   * than its box (a table that fits gets no useless tab stop), give it back when the table starts
   * to scroll (screen turned, zoomed, window made narrower), and add role and name where a template
   * forgot them. We never add an attribute twice and never touch a tabindex other than "0".
   */
  function nameTableWrap(wrap) {
    if (wrap.hasAttribute("aria-label") || wrap.hasAttribute("aria-labelledby")) {
      return;
    }
    var caption = wrap.querySelector("caption");
    if (!caption) {
      return;
    }
    if (caption.id) {
      wrap.setAttribute("aria-labelledby", caption.id);
    } else if (caption.textContent.trim()) {
      wrap.setAttribute("aria-label", caption.textContent.trim());
    }
  }

  function updateTableWrap(wrap) {
    var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
    if (scrolls) {
      if (!wrap.hasAttribute("tabindex")) {
        wrap.setAttribute("tabindex", "0");
      }
      if (!wrap.hasAttribute("role")) {
        wrap.setAttribute("role", "region");
      }
      nameTableWrap(wrap);
    } else if (wrap.getAttribute("tabindex") === "0" && document.activeElement !== wrap) {
      // Not while it has focus: that would throw the keyboard user back to the top of the page.
      // When focus leaves, ``onTableWrapFocusOut`` checks again.
      wrap.removeAttribute("tabindex");
    }
  }

  function onTableWrapFocusOut(event) {
    updateTableWrap(event.currentTarget);
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
    root = root || document;
    var wraps = Array.prototype.slice.call(root.querySelectorAll(".dl-table-wrap"));
    if (root.matches && root.matches(".dl-table-wrap")) {
      wraps.push(root);
    }
    for (var i = 0; i < wraps.length; i += 1) {
      var wrap = wraps[i];
      updateTableWrap(wrap);
      // Both are no-ops for a wrapper we already watch, so content swapped in twice is fine.
      wrap.addEventListener("focusout", onTableWrapFocusOut);
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
