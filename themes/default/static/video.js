// Click-to-load videos. A YouTube or Vimeo video is a placeholder
// (`.video[data-embed]`): its title, a button and a link to the video's
// page. Nothing is requested from the platform until the visitor presses
// the button; then the player takes the button's place. Without
// JavaScript the button stays hidden and the link is the way to the video.
(function () {
  "use strict";

  function play(box, button) {
    var src = box.getAttribute("data-embed");
    var frame = document.createElement("iframe");
    frame.src = src + (src.indexOf("?") < 0 ? "?" : "&") + "autoplay=1";
    frame.title = box.getAttribute("data-title") || "";
    frame.className = "video-frame";
    frame.setAttribute("allow", "autoplay; encrypted-media; fullscreen; picture-in-picture");
    frame.setAttribute("allowfullscreen", "");
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    button.parentNode.replaceChild(frame, button);
    box.classList.add("video-playing");
    frame.focus();
  }

  var boxes = document.querySelectorAll(".video[data-embed]");
  Array.prototype.forEach.call(boxes, function (box) {
    var button = box.querySelector(".video-play");
    if (!button) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      play(box, button);
    });
  });
})();
