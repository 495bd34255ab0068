// Progressive enhancement: a drawn signature on a canvas; without scripts, the typed name is used.
(function () {
  var form = document.getElementById("sign-form");
  if (!form) return;
  var pad = form.querySelector(".signature-pad");
  var canvas = pad.querySelector("canvas");
  var drawn = form.querySelector("input[name=drawn]");
  var ctx = canvas.getContext && canvas.getContext("2d");
  if (!ctx || !drawn) return;
  pad.hidden = false;
  ctx.lineWidth = 3; ctx.lineCap = "round"; ctx.strokeStyle = "#1d2433";
  var drawing = false, inked = false;
  function point(e) {
    var r = canvas.getBoundingClientRect();
    return [(e.clientX - r.left) * canvas.width / r.width, (e.clientY - r.top) * canvas.height / r.height];
  }
  canvas.style.touchAction = "none";
  canvas.addEventListener("pointerdown", function (e) {
    drawing = true; var p = point(e); ctx.beginPath(); ctx.moveTo(p[0], p[1]);
    canvas.setPointerCapture(e.pointerId);
  });
  canvas.addEventListener("pointermove", function (e) {
    if (!drawing) return; var p = point(e); ctx.lineTo(p[0], p[1]); ctx.stroke(); inked = true;
  });
  ["pointerup", "pointercancel"].forEach(function (t) {
    canvas.addEventListener(t, function () { drawing = false; });
  });
  pad.querySelector("[data-clear]").addEventListener("click", function () {
    ctx.clearRect(0, 0, canvas.width, canvas.height); inked = false; drawn.value = "";
  });
  form.addEventListener("submit", function () {
    if (inked) drawn.value = canvas.toDataURL("image/png");
  });
})();
