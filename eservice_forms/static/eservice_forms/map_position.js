// "Use where I am now" next to a map-position box (eservice_forms.forms.MapPositionInput):
// shown only where the browser can give its position; fills the box with it.
for (const holder of document.querySelectorAll("[data-map-position]")) {
  const input = document.getElementById(holder.dataset.mapPosition);
  const status = holder.querySelector(".map-position__status");
  if (!input || !navigator.geolocation) continue;
  holder.hidden = false;
  holder.querySelector("button").addEventListener("click", () => {
    navigator.geolocation.getCurrentPosition(
      (found) => {
        const {latitude, longitude} = found.coords;
        input.value = `${latitude.toFixed(6)}, ${longitude.toFixed(6)}`;
        status.textContent = status.dataset.found;
      },
      () => { status.textContent = status.dataset.refused; },
      {enableHighAccuracy: true, timeout: 15000},
    );
  });
}
