// Small progressive touches; every page works without this script.
(function () {
    "use strict";
    // A page showing a queued or running job marks itself with data-poll-seconds: reload it until the job ends.
    var poll = document.querySelector("[data-poll-seconds]");
    if (poll) {
        var seconds = parseInt(poll.getAttribute("data-poll-seconds"), 10) || 3;
        setTimeout(function () { window.location.reload(); }, seconds * 1000);
    }
    // A field shown once (a new key) selects itself when focused, so it copies whole. Here, not inline: the
    // Content-Security-Policy allows no inline script or handler.
    document.querySelectorAll("[data-select-on-focus]").forEach(function (field) {
        field.addEventListener("focus", function () { field.select(); });
    });
})();
