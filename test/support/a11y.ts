// Runs axe-core on an element (shadow roots included) and fails with the list of violations, so a failure says
// what is wrong and where instead of "expected false to be true".
import axe from 'axe-core';

export interface A11yOptions {
  /** axe rule ids to skip, each with a reason in the calling test. */
  disable?: string[];
}

export async function expectAccessible(element: Element, options: A11yOptions = {}): Promise<void> {
  const rules = Object.fromEntries((options.disable ?? []).map((id) => [id, {enabled: false}]));
  const result = await axe.run(element, {rules, resultTypes: ['violations']});
  if (result.violations.length) {
    const lines = result.violations.flatMap((v) => [
      `${v.id} (${v.impact}): ${v.help}`,
      ...v.nodes.slice(0, 5).map((n) => `    at ${JSON.stringify(n.target)}: ${n.failureSummary?.replace(/\n/g, ' ')}`),
    ]);
    throw new Error(`axe found ${result.violations.length} violation(s):\n${lines.join('\n')}`);
  }
}
