/**
 * H5 only: Taro's component styles (@tarojs/components-react/dist/index.css) with every
 * selector wrapped in :where(), so that they weigh nothing against the app's own classes, as
 * WeChat's built-in component styles do in the weapp. Without it, `.taro-button-core.taro-btn-default`
 * (two classes) beats every button's own colours (one class, e.g. `.dialog__button--confirm`),
 * and `.taro-button-core + .taro-button-core` pushes a dialog's second button down.
 */
const postcss = require('postcss');

/** A pseudo-element cannot stand inside :where(): it stays after it. */
const PSEUDO_ELEMENT = /(::[\w-]+(\([^)]*\))?|:(before|after|first-line|first-letter))$/;

function weightless(selector) {
  const pseudo = PSEUDO_ELEMENT.exec(selector);
  const base = pseudo ? selector.slice(0, pseudo.index) : selector;
  return base.trim() ? `:where(${base})${pseudo ? pseudo[0] : ''}` : selector;
}

module.exports = function h5ComponentCss(source) {
  const root = postcss.parse(source);
  root.walkRules((rule) => {
    if (rule.parent && rule.parent.type === 'atrule' && /keyframes$/i.test(rule.parent.name)) return;
    rule.selectors = rule.selectors.map(weightless);
  });
  return root.toString();
};

module.exports.weightless = weightless;
