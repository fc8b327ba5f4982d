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
    var search = document.querySelector("[data-ideas-place-search]");
    if (search) { placeSearch(search, function (lat, lon) { place(lat, lon, true); map.setView([lat, lon], 17); }); }
  }

  // Address search through our own /ideas/places/ (the server asks the configured geocoder).
  function placeSearch(box, choose) {
    var input = box.querySelector("[data-place-search-input]");
    var go = box.querySelector("[data-place-search-go]");
    var status = box.querySelector("[data-place-search-status]");
    var list = box.querySelector("[data-place-search-results]");
    var d = box.dataset;
    box.hidden = false;
    function run() {
      var q = input.value.trim();
      if (q.length < 3) { input.focus(); return; }
      status.textContent = d.searching;
      list.textContent = "";
      fetch(d.url + "?q=" + encodeURIComponent(q), { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { if (!r.ok) { throw new Error(String(r.status)); } return r.json(); })
        .then(function (data) {
          var results = data.results || [];
          status.textContent = results.length ? d.found : d.none;
          results.forEach(function (item) {
            var li = document.createElement("li");
            var button = document.createElement("button");
            button.type = "button";
            button.className = "kern-btn kern-btn--tertiary ideas-place-results__choice";
            var label = document.createElement("span");
            label.className = "kern-label";
            label.textContent = item.label;
            button.appendChild(label);
            button.addEventListener("click", function () {
              choose(parseFloat(item.lat), parseFloat(item.lon));
              list.textContent = "";
              status.textContent = d.chosen + " " + item.label;
            });
            li.appendChild(button);
            list.appendChild(li);
          });
        })
        .catch(function () { status.textContent = d.error; });
    }
    go.addEventListener("click", run);
    // Enter searches instead of sending the whole idea form.
    input.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); run(); } });
  }

  function initAll() { document.querySelectorAll("[data-ideas-map]").forEach(init); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", initAll); } else { initAll(); }
})();
