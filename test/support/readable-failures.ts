// Loaded into every browser test page (web-test-runner.config.mjs). A failing assertion that compares DOM nodes
// (`assert.strictEqual(root.activeElement, button)`) crashes the test page when the runner sends the error's
// `actual` and `expected` to the terminal: Chromium detaches the page, and the whole file fails with "browser
// disconnected" and no message. Each failed test's nodes are replaced with a short description instead, so such a
// failure reads like any other.
/** `<button#amount.small-button>`, `#text`, … */
function describeNode(node: Node): string {
  if (!(node instanceof Element)) return node.nodeName;
  const id = node.id ? `#${node.id}` : '';
  const classes = [...node.classList].map((c) => `.${c}`).join('');
  return `<${node.localName}${id}${classes}>`;
}

// The root suite's hook runs after every test of the file; the runner reads `err` once the file has finished.
mocha.suite.afterEach(function () {
  const err = this.currentTest?.err as Record<string, unknown> | undefined;
  if (!err) return;
  for (const key of ['actual', 'expected']) {
    const value = err[key];
    if (value instanceof Node) err[key] = describeNode(value);
  }
});
