// Keep the reader's place: a language link carries the current #section along.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest(".language-switcher a[hreflang]");
  if (link && window.location.hash && link.getAttribute("href").indexOf("#") === -1) {
    link.setAttribute("href", link.getAttribute("href") + window.location.hash);
  }
});
