/* Autocomplete for search boxes with data-suggest: titles from /api/search/suggest in a <datalist>.
   Progressive: without this script the boxes are plain GET forms that work the same. */
(function () {
  "use strict";
  document.querySelectorAll("input[data-suggest]").forEach(function (input, index) {
    var list = document.createElement("datalist");
    var timer = null;
    var last = "";
    list.id = "search-suggest-" + index;
    input.setAttribute("list", list.id);
    input.after(list);
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var q = input.value.trim();
        if (q === last || q.length < 1) { return; }
        last = q;
        fetch(input.dataset.suggest + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { items: [] }; })
          .then(function (data) {
            list.replaceChildren.apply(list, data.items.map(function (item) {
              var option = document.createElement("option");
              option.value = item.title;
              return option;
            }));
          })
          .catch(function () { /* the box still works as a plain form */ });
      }, 200);
    });
  });
})();
