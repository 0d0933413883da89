// wiredesk: beside the time of each story card published within the last day, how long ago that
// was ("12 min ago"), in the page's language, kept up to date every minute. A progressive
// enhancement: the page says the absolute time without it, and the built pages carry no clock.
/* global document */
(() => {
  'use strict';
  const steps = [
    ['hour', 3600],
    ['minute', 60],
  ];
  const formats = new Map();
  const formatFor = (language) => {
    if (!formats.has(language)) {
      let format;
      try {
        format = new Intl.RelativeTimeFormat(language || undefined, { numeric: 'auto', style: 'short' });
      } catch {
        format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'short' });
      }
      formats.set(language, format);
    }
    return formats.get(language);
  };
  const phrase = (seconds, language) => {
    const format = formatFor(language);
    if (seconds < 60) return format.format(0, 'minute');
    for (const [unit, size] of steps) if (seconds >= size) return format.format(-Math.floor(seconds / size), unit);
    return '';
  };
  const update = () => {
    const now = Date.now();
    for (const time of document.querySelectorAll('time.card-time[datetime*="T"]')) {
      const seconds = (now - Date.parse(time.dateTime)) / 1000;
      let ago = time.nextElementSibling;
      if (!ago || !ago.classList.contains('time-ago')) ago = null;
      // A future time (the reader's clock is behind) or one past a day: the absolute time says it best.
      const text = Number.isNaN(seconds) || seconds < -60 || seconds >= 86400 ? '' : phrase(Math.max(0, seconds), time.closest('[lang]')?.lang ?? '');
      if (text === '') {
        ago?.remove();
        continue;
      }
      if (!ago) {
        ago = document.createElement('span');
        ago.className = 'time-ago';
        time.after(ago);
      }
      ago.textContent = text;
    }
  };
  update();
  setInterval(update, 60_000);
})();
