/* Small improvements over the plain GET form: submit on tick, filter long facet lists as you type,
   leave empty fields out of the address. Everything works without this file. */
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  if (!form) {
    return;
  }
  document.documentElement.classList.add("js");

  function submit() {
    if (form.requestSubmit) {
      form.requestSubmit();
    } else {
      form.submit();
    }
  }

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches && target.matches('input[type="checkbox"][form="search-form"]')) {
      submit();
    }
  });

  form.addEventListener("formdata", function (event) {
    var kept = [];
    event.formData.forEach(function (value, name) {
      if (String(value).trim() !== "") {
        kept.push([name, value]);
      }
    });
    Array.from(new Set(Array.from(event.formData.keys()))).forEach(function (name) {
      event.formData.delete(name);
    });
    kept.forEach(function (pair) {
      event.formData.append(pair[0], pair[1]);
    });
  });

  document.querySelectorAll("input[data-filters]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("data-filters"));
    var options = document.getElementById(input.getAttribute("list"));
    var name = input.getAttribute("name");
    input.removeAttribute("name");  /* typed text filters the list; only a picked value is sent */
    input.addEventListener("input", function () {
      var needle = input.value.trim().toLowerCase();
      if (!list) {
        return;
      }
      list.querySelectorAll("li").forEach(function (item) {
        item.hidden = needle !== "" && item.textContent.toLowerCase().indexOf(needle) === -1;
      });
    });
    input.addEventListener("change", function () {
      var offered = options ? Array.from(options.options).some(function (option) {
        return option.value === input.value;
      }) : false;
      if (offered) {
        input.setAttribute("name", name);
        submit();
      }
    });
  });
})();
