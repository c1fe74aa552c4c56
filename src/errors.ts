/**
 * Typed errors. Every error the library throws on bad input is a `SputnikError`: its message is
 * one line that says what was wrong and where (file, line, symbol, date), and its `where` field
 * carries the same facts for programs.
 */

/** Where a problem was found. Every field is optional; the message already names them. */
export interface ErrorLocation {
  file?: string;
  line?: number;
  symbol?: string;
  date?: string;
  field?: string;
}

/** Base class: one-line message, a stable `code`, and the location of the problem. */
export class SputnikError extends Error {
  readonly code: string;
  readonly where: ErrorLocation;

  constructor(code: string, message: string, where: ErrorLocation = {}) {
    super(SputnikError.format(message, where));
    this.name = new.target.name;
    this.code = code;
    this.where = where;
  }

  /** `file:line (SYMBOL, 2025-01-27): message`, leaving out what is unknown. */
  static format(message: string, where: ErrorLocation): string {
    const place = where.file ? where.file + (where.line !== undefined ? `:${where.line}` : '') : '';
    const tags = [where.symbol, where.date].filter(Boolean).join(', ');
    const prefix = place && tags ? `${place} (${tags})` : place || tags;
    return (prefix ? `${prefix}: ${message}` : message).replace(/\s*\n\s*/g, ' ');
  }
}

/** A data file is missing, malformed or inconsistent (bad number, unsorted or duplicate date...). */
export class DataError extends SputnikError {
  constructor(message: string, where: ErrorLocation = {}) {
    super('DATA', message, where);
  }
}

/** A window or event date cannot be placed on the available trading days. */
export class WindowError extends SputnikError {
  constructor(message: string, where: ErrorLocation = {}) {
    super('WINDOW', message, where);
  }
}

/** A model cannot be fitted (unknown name, too few days, no variation in the regressors). */
export class ModelError extends SputnikError {
  constructor(message: string, where: ErrorLocation = {}) {
    super('MODEL', message, where);
  }
}

/** A command-line argument or an option passed to the library is invalid. */
export class UsageError extends SputnikError {
  constructor(message: string, where: ErrorLocation = {}) {
    super('USAGE', message, where);
  }
}

/** An output could not be written (a folder that cannot be created, no permission, a full disk). Nothing was left half-written. */
export class OutputError extends SputnikError {
  constructor(message: string, where: ErrorLocation = {}) {
    super('OUTPUT', message, where);
  }
}

/** The network was needed (live Yahoo data) and could not be reached or answered badly. */
export class NetworkError extends SputnikError {
  constructor(message: string, where: ErrorLocation = {}) {
    super('NETWORK', message, where);
  }
}
