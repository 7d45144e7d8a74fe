// Practice drills print with their answers open (print.css does it where the browser
// supports ::details-content; this covers the others). Answers close again afterwards.
window.addEventListener("beforeprint", () => {
  document.querySelectorAll("details.bht-drill-answer:not([open])").forEach((answer) => {
    answer.dataset.bhtOpenedForPrint = "true";
    answer.open = true;
  });
});
window.addEventListener("afterprint", () => {
  document.querySelectorAll("details[data-bht-opened-for-print]").forEach((answer) => {
    delete answer.dataset.bhtOpenedForPrint;
    answer.open = false;
  });
});
