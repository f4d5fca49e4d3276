// Large sites search with Pagefind, and Material's own search box is then off: this puts a
// box in the header that opens the Search page with the query (search/?q=...), where Pagefind
// answers it. With Material's search on, it does nothing.
(function () {
  document.addEventListener("DOMContentLoaded", function () {
    if (document.querySelector(".md-search")) return;
    var link = document.querySelector('.md-nav--primary a.md-nav__link[href$="search/"]');
    var onSearchPage = typeof window.PagefindUI !== "undefined";
    var header = document.querySelector(".md-header__inner");
    if (!header || !(link || onSearchPage)) return;
    var form = document.createElement("form");
    form.className = "briefing-search";
    form.setAttribute("role", "search");
    form.action = onSearchPage ? window.location.pathname : link.href;
    var input = document.createElement("input");
    input.type = "search";
    input.name = "q";
    input.placeholder = "Search";
    input.setAttribute("aria-label", "Search the briefings");
    input.value = new URLSearchParams(window.location.search).get("q") || "";
    form.appendChild(input);
    header.insertBefore(form, header.querySelector(".md-header__source"));
  });
})();
