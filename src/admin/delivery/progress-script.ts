// The small progressive script of a delivery page that is sending: it reloads the page every
// five seconds while the tab is visible and nobody is typing. Without it, the page has a
// Refresh link. Served from /admin/deliveries/progress.js (the desk's CSP allows only
// same-origin scripts, never inline ones).
export const PROGRESS_SCRIPT = `(() => {
  const live = document.querySelector('[data-live-delivery]');
  if (!live) return;
  setInterval(() => {
    const typing = document.activeElement && /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
    if (document.visibilityState === 'visible' && !typing) location.reload();
  }, 5000);
})();
`;
