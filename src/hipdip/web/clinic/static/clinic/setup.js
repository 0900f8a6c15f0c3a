// Suggest the browser's own time zone when the clinic has none yet (the admin confirms it).
document.addEventListener("DOMContentLoaded", function () {
  var input = document.querySelector("input[data-guess-timezone]");
  if (!input || input.value) return;
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && zone !== "UTC") input.value = zone;
  } catch (e) { /* no guess: the admin types it */ }
});
