// Offers a print button where JavaScript runs; without it the browser's own print works the same.
document.querySelectorAll(".js-print").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
