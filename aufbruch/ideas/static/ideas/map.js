// Leaflet enhancement for [data-ideas-map]; the coordinate inputs work without it.
// No tile URL configured: the map shows only the marker (never a third-party request).
(function () {
  "use strict";
  function num(value) { var n = parseFloat(String(value || "").replace(",", ".")); return isFinite(n) ? n : null; }

  function init(el) {
    if (!window.L || el.getAttribute("data-ready")) { return; }
    el.setAttribute("data-ready", "1");
    el.hidden = false;
    var d = el.dataset;
    var map = L.map(el, { center: [num(d.centerLat), num(d.centerLon)], zoom: 13, keyboard: true, zoomControl: false });
    L.control.zoom({ zoomInTitle: d.zoomIn || "+", zoomOutTitle: d.zoomOut || "-" }).addTo(map);
    if (d.tileUrl) { L.tileLayer(d.tileUrl, { attribution: d.attribution || "", maxZoom: 18 }).addTo(map); }
    var icon = L.icon({ iconUrl: d.icon, iconRetinaUrl: d.icon2x, shadowUrl: d.shadow, iconSize: [25, 41], iconAnchor: [12, 41], shadowSize: [41, 41] });
    var marker = null;
    var latInput = d.latInput ? document.getElementById(d.latInput) : null;
    var lonInput = d.lonInput ? document.getElementById(d.lonInput) : null;

    function place(lat, lon, fill) {
      if (marker) { marker.setLatLng([lat, lon]); }
      else { marker = L.marker([lat, lon], { icon: icon, alt: d.markerAlt || "", keyboard: false }).addTo(map); }
      if (fill && latInput && lonInput) {
        latInput.value = lat.toFixed(6);
        lonInput.value = lon.toFixed(6);
      }
    }
    if (d.markerLat) { place(num(d.markerLat), num(d.markerLon), false); }
    if (!latInput || !lonInput) { return; }
    var hint = document.querySelector("[data-ideas-map-hint]");
    if (hint) { hint.hidden = false; }
    if (num(latInput.value) !== null && num(lonInput.value) !== null) { place(num(latInput.value), num(lonInput.value), false); }
    map.on("click", function (e) { place(e.latlng.lat, e.latlng.lng, true); });
    el.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && e.target === el) {
        var c = map.getCenter();
        place(c.lat, c.lng, true);
        e.preventDefault();
      }
    });
    function fromInputs() {
      var lat = num(latInput.value), lon = num(lonInput.value);
      if (lat !== null && lon !== null && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) { place(lat, lon, false); map.panTo([lat, lon]); }
    }
    latInput.addEventListener("change", fromInputs);
    lonInput.addEventListener("change", fromInputs);
  }

  function initAll() { document.querySelectorAll("[data-ideas-map]").forEach(init); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", initAll); } else { initAll(); }
})();
