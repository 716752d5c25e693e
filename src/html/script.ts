/**
 * The reader's one script, inline. Pointing at or focusing a sentence lights it and its counterpart (the other
 * side's element whose id differs only by its `s-`/`t-` prefix); the buttons choose the source, the English or both.
 * Without it the page still reads: both columns, no buttons.
 */
export const script = `
(function () {
  var lit = [];
  function light(node) {
    var sentence = node && node.closest ? node.closest('[data-pair]') : null;
    var pair = sentence ? sentence.getAttribute('data-pair') : null;
    if (lit.length && lit[0].getAttribute('data-pair') === pair) return;
    lit.forEach(function (element) { element.classList.remove('hl'); });
    lit = [];
    if (!pair) return;
    ['s-', 't-'].forEach(function (side) {
      var element = document.getElementById(side + pair);
      if (element) { element.classList.add('hl'); lit.push(element); }
    });
  }
  document.addEventListener('mouseover', function (event) { light(event.target); });
  document.addEventListener('focusin', function (event) { light(event.target); });
  document.addEventListener('focusout', function () { light(null); });
  var view = document.querySelector('.view');
  if (!view) return;
  view.hidden = false;
  view.addEventListener('click', function (event) {
    var button = event.target.closest ? event.target.closest('button[data-view]') : null;
    if (!button) return;
    var chosen = button.getAttribute('data-view');
    if (chosen === 'both') document.body.removeAttribute('data-view'); else document.body.setAttribute('data-view', chosen);
    view.querySelectorAll('button').forEach(function (other) { other.setAttribute('aria-pressed', String(other === button)); });
  });
})();
`.trim();
