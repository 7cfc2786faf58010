// Keep the reader's place: a language link carries the current #section along.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest(".language-switcher a[hreflang]");
  if (link && window.location.hash && link.getAttribute("href").indexOf("#") === -1) {
    link.setAttribute("href", link.getAttribute("href") + window.location.hash);
  }
});

// The table of contents: a side list on wide screens, folded away on small ones (open without JS).
(function () {
  var toc = document.querySelector("nav.toc details");
  if (toc && window.matchMedia && !window.matchMedia("(min-width: 64em)").matches) {
    toc.open = false;
  }
})();

// Paper carries the day it was printed, in the page's language (the page itself is static).
window.addEventListener("beforeprint", function () {
  var stamp = document.querySelector(".print-date-value");
  if (!stamp) return;
  var now = new Date();
  stamp.textContent = new Intl.DateTimeFormat(document.documentElement.lang, { dateStyle: "long" }).format(now);
});
