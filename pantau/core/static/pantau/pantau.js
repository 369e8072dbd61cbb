// Small behaviours that need no inline script (the CSP forbids it).
document.addEventListener("change", function (event) {
  if (event.target.classList.contains("autosubmit")) {
    event.target.form.submit();
  }
});
document.documentElement.classList.add("js");
// A "select all" box checks every box of its form named in data-select (bulk actions on a list).
document.addEventListener("change", function (event) {
  var box = event.target;
  if (box.classList.contains("select-all") && box.form) {
    // form.elements also holds the boxes outside the form that name it (form="..."), as in a table.
    Array.prototype.forEach.call(box.form.elements, function (item) {
      if (item.type === "checkbox" && item.name === box.dataset.select) {
        item.checked = box.checked;
      }
    });
  }
});
