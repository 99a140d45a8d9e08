import { describe, expect, it } from 'vitest';
import { escapeHtml, renderPage } from '../../src/index.js';

describe('escapeHtml', () => {
  it('escapes every character that could break out of text or an attribute', () => {
    expect(escapeHtml(`<script>alert("x" & 'y')</script>`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;',
    );
  });

  it('keeps unicode as it is', () => {
    expect(escapeHtml('Ærlig Å/S – Øst')).toBe('Ærlig Å/S – Øst');
  });
});

describe('renderPage', () => {
  it('escapes the title', () => {
    expect(renderPage('<b>', '<p>x</p>')).toContain('<title>&lt;b&gt;</title>');
  });
});
