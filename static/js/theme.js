// Follow the system's light or dark setting (Bootstrap 5.3 colour modes).
// Loaded in <head> so the page never flashes the wrong colours.
(function () {
  var media = window.matchMedia("(prefers-color-scheme: dark)");
  function apply() {
    document.documentElement.setAttribute("data-bs-theme", media.matches ? "dark" : "light");
  }
  apply();
  media.addEventListener("change", apply);
})();
