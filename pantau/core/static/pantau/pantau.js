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
    box.form.querySelectorAll('input[type=checkbox][name="' + box.dataset.select + '"]').forEach(function (item) {
      item.checked = box.checked;
    });
  }
});
