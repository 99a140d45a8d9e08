import { badRequest } from './errors.js';

/**
 * Tokens of the archive `$filter` dialect (superoffice.md §14): column names (which may contain `/`, `:`, `.`, as
 * in `contactUdef/SuperOffice:1` or `postAddress/city`), operator words, quoted strings (`'…'` with `''` as an
 * escaped quote, or `"…"`), numbers, parentheses, commas and the symbolic operators `= <> < <= > >=`.
 */

/** One token and where it starts (0-based character offset). */
export type FilterToken =
  | { readonly kind: 'word'; readonly text: string; readonly at: number }
  | { readonly kind: 'string'; readonly text: string; readonly at: number }
  | { readonly kind: 'number'; readonly text: string; readonly value: number; readonly at: number }
  | { readonly kind: 'symbol'; readonly text: string; readonly at: number }
  | { readonly kind: 'end'; readonly text: ''; readonly at: number };

/** 400 naming the problem and where it is. */
export function filterError(filter: string, at: number, problem: string) {
  const excerpt = filter.slice(Math.max(0, at - 10), at + 20);
  return badRequest(`Invalid $filter at position ${at + 1} (near '${excerpt}'): ${problem}`);
}

const WORD = /[A-Za-z_][A-Za-z0-9_/:.-]*/y;
const NUMBER = /-?\d+(?:\.\d+)?/y;
const SYMBOL = /<>|<=|>=|!=|[=<>(),]/y;

/** Splits a filter into tokens; the last token is `end`. */
export function tokenize(filter: string): FilterToken[] {
  const tokens: FilterToken[] = [];
  let i = 0;
  while (i < filter.length) {
    const char = filter[i] as string;
    if (/\s/.test(char)) {
      i++;
      continue;
    }
    if (char === "'" || char === '"') {
      let text = '';
      let j = i + 1;
      for (;;) {
        if (j >= filter.length)
          throw filterError(filter, i, `the string starting here is not closed with ${char}`);
        const c = filter[j] as string;
        if (c === char && filter[j + 1] === char) {
          text += char;
          j += 2;
        } else if (c === char) break;
        else {
          text += c;
          j++;
        }
      }
      tokens.push({ kind: 'string', text, at: i });
      i = j + 1;
      continue;
    }
    const sticky = (pattern: RegExp) => {
      pattern.lastIndex = i;
      return pattern.exec(filter)?.[0];
    };
    const number = /[-\d]/.test(char) ? sticky(NUMBER) : undefined;
    if (number !== undefined) {
      tokens.push({ kind: 'number', text: number, value: Number(number), at: i });
      i += number.length;
      continue;
    }
    const word = sticky(WORD);
    if (word !== undefined) {
      tokens.push({ kind: 'word', text: word, at: i });
      i += word.length;
      continue;
    }
    const symbol = sticky(SYMBOL);
    if (symbol !== undefined) {
      tokens.push({ kind: 'symbol', text: symbol, at: i });
      i += symbol.length;
      continue;
    }
    throw filterError(filter, i, `unexpected character '${char}'`);
  }
  tokens.push({ kind: 'end', text: '', at: filter.length });
  return tokens;
}
