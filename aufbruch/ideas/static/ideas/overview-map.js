// The overview map beside the idea list: the ideas of the current filters
// with a place, nearby markers clustered; a marker opens the idea's card.
// Without JavaScript (or without Leaflet) the section stays hidden.
(function () {
  "use strict";

  function card(idea) {
    var box = document.createElement("div");
    box.className = "ideas-map-card";
    var title = document.createElement("p");
    title.className = "ideas-map-card__title";
    var link = document.createElement("a");
    link.className = "kern-link";
    link.href = idea.url;
    link.textContent = idea.title;
    title.appendChild(link);
    var meta = document.createElement("p");
    meta.className = "ideas-map-card__meta";
    meta.textContent = idea.meta;
    box.appendChild(title);
    box.appendChild(meta);
    return box;
  }

  function init(section) {
    if (!window.L || !L.markerClusterGroup || section.getAttribute("data-ready")) { return; }
    section.setAttribute("data-ready", "1");
    section.hidden = false;
    var d = section.dataset;
    var el = section.querySelector(".ideas-overview__map");
    var note = section.querySelector(".ideas-overview__note");
    var map = L.map(el, {
      center: [parseFloat(d.centerLat), parseFloat(d.centerLon)], zoom: 12,
      zoomControl: false, scrollWheelZoom: false
    });
    L.control.zoom({ zoomInTitle: d.zoomIn || "+", zoomOutTitle: d.zoomOut || "-" }).addTo(map);
    if (d.tileUrl) { L.tileLayer(d.tileUrl, { attribution: d.attribution || "", maxZoom: 18 }).addTo(map); }
    var icon = L.icon({ iconUrl: d.icon, iconRetinaUrl: d.icon2x, shadowUrl: d.shadow, iconSize: [25, 41], iconAnchor: [12, 41], popupAnchor: [1, -34], shadowSize: [41, 41] });
    var clusters = L.markerClusterGroup({
      showCoverageOnHover: false,
      iconCreateFunction: function (cluster) {
        var n = cluster.getChildCount();
        return L.divIcon({
          html: "<span>" + n + "</span>",
          className: "ideas-cluster",
          iconSize: L.point(40, 40)
        });
      }
    });
    clusters.on("animationend", function () { label(); });
    map.addLayer(clusters);
    var request = 0;

    function load() {
      var mine = ++request;
      fetch(d.url + window.location.search, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (data) {
          if (mine !== request) { return; }
          clusters.clearLayers();
          var markers = data.ideas.map(function (idea) {
            var m = L.marker([idea.lat, idea.lon], { icon: icon, alt: idea.title, title: idea.title });
            m.bindPopup(card(idea));
            return m;
          });
          clusters.addLayers(markers);
          label();
          if (markers.length) { map.fitBounds(clusters.getBounds(), { padding: [24, 24], maxZoom: 15 }); }
          note.textContent = !markers.length ? d.none : (data.capped ? d.capped : "");
        });
    }

    // Clusters are keyboard-reachable buttons with a name.
    function label() {
      el.querySelectorAll(".ideas-cluster").forEach(function (c) {
        c.setAttribute("role", "button");
        c.setAttribute("aria-label", (c.textContent || "") + " – " + (d.clusterLabel || ""));
      });
    }
    map.on("zoomend moveend", label);
    load();
    document.addEventListener("htmx:afterSwap", function (e) {
      if (e.detail.target && e.detail.target.id === "idea-results") { load(); }
    });
    window.addEventListener("popstate", load);
  }

  function initAll() { document.querySelectorAll("[data-ideas-overview]").forEach(init); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", initAll); } else { initAll(); }
})();
