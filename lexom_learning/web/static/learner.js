// Progressive enhancement for the quiz form; the form works the same without it.
// The decimal keypad of some phones (iOS) has no minus key: add a "±" button to number fields.
document.querySelectorAll("input[data-signed]").forEach(function (input) {
  var button = document.createElement("button");
  button.type = "button";
  button.className = "secondary sign";
  button.textContent = "±";
  button.setAttribute("aria-label", input.getAttribute("data-signed") || "±");
  button.addEventListener("click", function () {
    var value = input.value.trim();
    input.value = /^[-\u2212]/.test(value) ? value.slice(1) : "-" + value;
    input.focus();
  });
  input.insertAdjacentElement("afterend", button);
});
