import type { ArchiveColumn } from './columns.js';
import { type FilterToken, filterError, tokenize } from './filter-lexer.js';
import { convertLiteral, type FilterLiteral, findOperator, OPERATORS } from './filter-operators.js';
import type { JsonObject } from './json.js';

/**
 * A recursive-descent parser for `$filter` (superoffice.md §14 "Filter grammar (not standard OData)"):
 *
 * ```
 * filter  := or
 * or      := and ('or' and)*
 * and     := unary ('and' unary)*
 * unary   := 'not' unary | '(' filter ')' | clause
 * clause  := column operator operands
 * operands:= literal                       (eq, begins, afterTime, …)
 *          | '(' literal (',' literal)* ')' (oneOf, notOneOf, in; a single bare literal is accepted too)
 *          | '(' literal ',' literal ')'    (between; also `literal , literal` without parentheses)
 * literal := 'quoted' | "quoted" | number | true | false
 * ```
 * `and` binds tighter than `or`. Every problem is a 400 naming what was expected and where.
 */

/** A compiled filter: does this entity match? */
export type FilterPredicate = (entity: JsonObject) => boolean;

/** Resolves a column name (case-insensitive, including `contactUdef/…` columns) or returns `undefined`. */
export type ColumnLookup = (name: string) => ArchiveColumn | undefined;

class Parser {
  #pos = 0;
  readonly #tokens: FilterToken[];

  constructor(
    readonly filter: string,
    readonly columns: ColumnLookup,
    readonly columnNames: readonly string[],
  ) {
    this.#tokens = tokenize(filter);
  }

  get #peek(): FilterToken {
    return this.#tokens[this.#pos] as FilterToken;
  }

  #atEnd(): boolean {
    return this.#peek.kind === 'end';
  }

  #next(): FilterToken {
    const token = this.#peek;
    if (token.kind !== 'end') this.#pos++;
    return token;
  }

  #isWord(word: string): boolean {
    return this.#peek.kind === 'word' && this.#peek.text.toLowerCase() === word;
  }

  #isSymbol(symbol: string): boolean {
    return this.#peek.kind === 'symbol' && this.#peek.text === symbol;
  }

  #fail(problem: string, token: FilterToken = this.#peek): never {
    const found = token.kind === 'end' ? 'the end of the filter' : `'${token.text}'`;
    throw filterError(this.filter, token.at, `${problem}, found ${found}`);
  }

  parse(): FilterPredicate {
    if (this.#atEnd()) this.#fail("expected a condition such as name begins 'A'");
    const predicate = this.#or();
    if (!this.#atEnd()) this.#fail("expected 'and', 'or' or the end of the filter");
    return predicate;
  }

  #or(): FilterPredicate {
    let left = this.#and();
    while (this.#isWord('or')) {
      this.#next();
      const l = left;
      const r = this.#and();
      left = (e) => l(e) || r(e);
    }
    return left;
  }

  #and(): FilterPredicate {
    let left = this.#unary();
    while (this.#isWord('and')) {
      this.#next();
      const l = left;
      const r = this.#unary();
      left = (e) => l(e) && r(e);
    }
    return left;
  }

  #unary(): FilterPredicate {
    if (this.#isWord('not')) {
      this.#next();
      const inner = this.#unary();
      return (e) => !inner(e);
    }
    if (this.#isSymbol('(')) {
      this.#next();
      const inner = this.#or();
      if (!this.#isSymbol(')')) this.#fail("expected ')' to close the group");
      this.#next();
      return inner;
    }
    return this.#clause();
  }

  #clause(): FilterPredicate {
    const nameToken = this.#next();
    if (nameToken.kind !== 'word') this.#fail('expected a column name', nameToken);
    const column = this.columns(nameToken.text);
    if (!column)
      throw filterError(
        this.filter,
        nameToken.at,
        `unknown column '${nameToken.text}' (known: ${this.columnNames.join(', ')})`,
      );
    const opToken = this.#next();
    if (opToken.kind !== 'word' && opToken.kind !== 'symbol')
      this.#fail(`expected an operator after '${column.name}'`, opToken);
    const operator = findOperator(column.type, opToken.text);
    if (!operator)
      throw filterError(
        this.filter,
        opToken.at,
        `operator '${opToken.text}' does not apply to ${column.type} column '${column.name}' (use ${Object.keys(OPERATORS[column.type]).join(', ')})`,
      );
    const literals = this.#operands(operator.arity, opToken.text);
    const operands = literals.map(({ value, token }) => {
      const converted = convertLiteral(column.type, value);
      if (typeof converted === 'object')
        throw filterError(
          this.filter,
          token.at,
          `${converted.error} for ${column.type} column '${column.name}'`,
        );
      return converted;
    });
    return (entity) => operator.test(column.value(entity), operands);
  }

  #operands(arity: 'one' | 'two' | 'many', op: string): { value: FilterLiteral; token: FilterToken }[] {
    if (arity === 'one') return [this.#literal(op)];
    const parenthesised = this.#isSymbol('(');
    if (!parenthesised && arity === 'many') return [this.#literal(op)];
    if (parenthesised) this.#next();
    const values = [this.#literal(op)];
    while (this.#isSymbol(',')) {
      this.#next();
      values.push(this.#literal(op));
    }
    if (parenthesised) {
      if (!this.#isSymbol(')')) this.#fail(`expected ',' or ')' in the operand list of '${op}'`);
      this.#next();
    }
    if (arity === 'two' && values.length !== 2)
      this.#fail(
        `'${op}' takes exactly two values, e.g. ${op} ('a', 'b'); got ${values.length}`,
        this.#tokens[this.#pos - 1],
      );
    return values;
  }

  #literal(op: string): { value: FilterLiteral; token: FilterToken } {
    const token = this.#next();
    if (token.kind === 'string') return { value: token.text, token };
    if (token.kind === 'number') return { value: token.value, token };
    if (token.kind === 'word' && /^(true|false)$/i.test(token.text))
      return { value: token.text.toLowerCase() === 'true', token };
    return this.#fail(`expected a value after '${op}' (a quoted string, a number, true or false)`, token);
  }
}

/**
 * Parses and compiles a `$filter`.
 * @throws SuperOfficeApiHttpError 400 naming the problem and its position.
 */
export function compileFilter(
  filter: string,
  columns: ColumnLookup,
  columnNames: readonly string[],
): FilterPredicate {
  return new Parser(filter, columns, columnNames).parse();
}
