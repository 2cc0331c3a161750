// The settings page's line "With that day, this month is ...": the server computed the text for
// every day (1-28); this swaps it in as the day is typed. No inline script (the CSP allows none).
(function () {
  "use strict";
  var source = document.getElementById("month-start-previews");
  var input = document.getElementById("id_month_start_day");
  var line = document.getElementById("month-start-preview");
  if (!source || !input || !line) {
    return;
  }
  var previews = JSON.parse(source.textContent);
  var target = line.querySelector("[data-preview]");
  function show() {
    var text = previews[String(Number(input.value))];
    line.hidden = !text;
    if (text) {
      target.textContent = text;
    }
  }
  input.addEventListener("input", show);
  show();
})();
