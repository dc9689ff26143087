// Keeps the overview live without a reload: the cards are re-rendered by the server and swapped in.
(function () {
  'use strict';
  var cards = document.getElementById('cards');
  if (!cards) {
    return;
  }
  function refresh() {
    fetch('/dashboard/cards', { credentials: 'same-origin', cache: 'no-store' }).then(function (response) {
      if (response.status === 401) {
        window.location.assign('/sign-in');
        return null;
      }
      return response.ok ? response.text() : null;
    }).then(function (html) {
      if (html) {
        var current = document.getElementById('cards');
        current.outerHTML = html;
      }
    }).catch(function () {
      // the service may be restarting: the next tick tries again
    });
  }
  setInterval(refresh, 3000);
}());
