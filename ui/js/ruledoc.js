// Renders a RuleDoc's blocks (headings, paragraphs, code, lists) as elements
// with text content; nothing in a doc is parsed as markup.
import {h} from './dom.js';

/** `level` is the heading level of the doc's own title; block headings sit one below. */
export function ruleDocBlocks(doc, level = 3) {
  const headingTag = `h${Math.min(level + 1, 6)}`;
  return (doc.blocks ?? []).map((block) => {
    switch (block.kind) {
      case 'heading': return h(headingTag, {class: 'doc-heading'}, block.text);
      case 'code': return h('pre', {class: 'code-block'}, h('code', {}, block.text));
      case 'list': return h('ul', {class: 'doc-list'}, (block.items ?? []).map((item) => h('li', {}, item)));
      default: return h('p', {}, block.text);
    }
  });
}
