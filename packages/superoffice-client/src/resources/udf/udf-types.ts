/** The value types a UDF (or archive cell) can be encoded as (superoffice.md §11). */
export type UdfType = 'text' | 'int' | 'float' | 'money' | 'bool' | 'date' | 'datetime' | 'time' | 'binary';

/** A decoded, typed UDF value. Dates and times are zone-less strings: SuperOffice stores them in tenant time. */
export type UdfValue =
  | {
      /** Plain text, stored unencoded. */
      readonly type: 'text';
      /** The text. */
      readonly value: string;
    }
  | {
      /** `[I:123]`. */
      readonly type: 'int';
      /** A safe integer. */
      readonly value: number;
    }
  | {
      /** `[F:1.5]`: float/decimal, `.` as the decimal separator. */
      readonly type: 'float';
      /** A finite number. */
      readonly value: number;
    }
  | {
      /** `[M:123.45]`: money, `.` as the decimal separator. */
      readonly type: 'money';
      /** A finite number. */
      readonly value: number;
    }
  | {
      /** A checkbox UDF: stored as `[I:1]` / `[I:0]`. */
      readonly type: 'bool';
      /** The flag. */
      readonly value: boolean;
    }
  | {
      /** `[D:MM.dd.yyyy]`. */
      readonly type: 'date';
      /** `YYYY-MM-DD`. */
      readonly value: string;
    }
  | {
      /** `[DT:MM/dd/yyyy HH:mm:ss]`. */
      readonly type: 'datetime';
      /** `YYYY-MM-DDTHH:mm:ss` (no offset). */
      readonly value: string;
    }
  | {
      /** `[T:HH:mm]`. */
      readonly type: 'time';
      /** `HH:mm` or `HH:mm:ss`. */
      readonly value: string;
    }
  | {
      /** `[B:base64]`. */
      readonly type: 'binary';
      /** The bytes. */
      readonly value: Uint8Array;
    };

/** The encoded prefix of each type; `text` has none and `bool` shares `I`. */
export const UDF_PREFIXES = {
  /** `[I:123]`. */
  int: 'I',
  /** `[F:1.5]`. */
  float: 'F',
  /** `[M:123.45]`. */
  money: 'M',
  /** `[I:1]` / `[I:0]`: same prefix as `int`. */
  bool: 'I',
  /** `[D:MM.dd.yyyy]`. */
  date: 'D',
  /** `[DT:MM/dd/yyyy HH:mm:ss]`. */
  datetime: 'DT',
  /** `[T:HH:mm]`. */
  time: 'T',
  /** `[B:base64]`. */
  binary: 'B',
} as const satisfies Record<Exclude<UdfType, 'text'>, string>;
