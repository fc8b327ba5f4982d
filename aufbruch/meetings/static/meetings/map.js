// Leaflet enhancement for the event map; the list below works without it.
// Without a configured tile URL only the markers are drawn (no third-party request).
(function () {
  "use strict";
  function init() {
    var el = document.querySelector("[data-meetings-map]");
    var data = document.getElementById("meetings-markers");
    if (!el || !data || !window.L) { return; }
    var markers = JSON.parse(data.textContent || "[]");
    el.hidden = false;
    var d = el.dataset;
    var map = L.map(el, { center: [parseFloat(d.centerLat), parseFloat(d.centerLon)], zoom: 13, keyboard: true });
    if (d.tileUrl) { L.tileLayer(d.tileUrl, { attribution: d.attribution || "", maxZoom: 19 }).addTo(map); }
    var icon = L.icon({ iconUrl: d.icon, shadowUrl: d.shadow, iconSize: [25, 41], iconAnchor: [12, 41], popupAnchor: [1, -34], shadowSize: [41, 41] });
    var bounds = [];
    markers.forEach(function (m) {
      var link = document.createElement("a");
      link.href = m.url;
      link.textContent = m.title;
      L.marker([m.lat, m.lon], { icon: icon, alt: m.title, title: m.title }).addTo(map).bindPopup(link);
      bounds.push([m.lat, m.lon]);
    });
    if (bounds.length > 1) { map.fitBounds(bounds, { padding: [30, 30], maxZoom: 15 }); }
    else if (bounds.length === 1) { map.setView(bounds[0], 15); }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
