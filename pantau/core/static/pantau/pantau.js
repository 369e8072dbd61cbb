// Small behaviours that need no inline script (the CSP forbids it).
document.addEventListener("change", function (event) {
  if (event.target.classList.contains("autosubmit")) {
    event.target.form.submit();
  }
});
document.documentElement.classList.add("js");
