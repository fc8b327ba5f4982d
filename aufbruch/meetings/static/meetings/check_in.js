// Check-in enhancements: scan a ticket's QR code with the camera where the
// browser has the BarcodeDetector API; typing the code works without this file.
(function () {
  "use strict";
  function init() {
    var form = document.getElementById("check-in-form");
    var box = document.querySelector("[data-scanner]");
    if (!form) { return; }
    var input = form.querySelector("input[name=code]");
    form.addEventListener("htmx:afterRequest", function () { input.value = ""; input.focus(); });
    if (!box || !("BarcodeDetector" in window) || !navigator.mediaDevices) { return; }
    box.hidden = false;
    var video = box.querySelector("[data-scanner-video]");
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    var last = "";
    var lastAt = 0;
    function submit(code) {
      input.value = code;
      if (window.htmx) { window.htmx.trigger(form, "submit"); } else { form.submit(); }
    }
    function scan() {
      if (video.hidden) { return; }
      detector.detect(video).then(function (codes) {
        var now = Date.now();
        if (codes.length && (codes[0].rawValue !== last || now - lastAt > 4000)) {
          last = codes[0].rawValue;
          lastAt = now;
          submit(last);
        }
      }).catch(function () {}).then(function () { window.setTimeout(scan, 400); });
    }
    box.querySelector("[data-scanner-start]").addEventListener("click", function () {
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
        video.srcObject = stream;
        video.hidden = false;
        video.play();
        scan();
      }).catch(function () { box.hidden = true; });
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
