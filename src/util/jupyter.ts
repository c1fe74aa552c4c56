/**
 * The Jupyter display protocol of Deno's kernel, shared by the results (which carry the method)
 * and `src/report/notebook.ts` (which builds the bundles). Deno shows a cell's value with
 * `Deno.jupyter.format(value)`: if the value has a method under `Symbol.for('Jupyter.display')`,
 * its (awaited) result is the MIME bundle. Under Node nothing calls the method.
 */

/** The symbol Deno's Jupyter kernel looks up on a cell's value (`Deno.jupyter.$display`). */
export const JUPYTER_DISPLAY: unique symbol = Symbol.for('Jupyter.display') as never;

/** A Jupyter MIME bundle: MIME type → data. */
export type MimeBundle = {
  'text/plain'?: string;
  'text/html'?: string;
  'text/markdown'?: string;
  'image/svg+xml'?: string;
  'image/png'?: string;
  'application/json'?: unknown;
  'application/vnd.vegalite.v5+json'?: unknown;
} & Record<string, unknown>;

/** Something Deno's kernel displays richly. */
export interface Displayable {
  [JUPYTER_DISPLAY](): MimeBundle | Promise<MimeBundle>;
}

/**
 * Give `obj` a Jupyter display method returning `bundle()` and return it. The method is a
 * non-enumerable property, so `JSON.stringify`, spreading and deep equality ignore it. A frozen
 * or sealed object is wrapped in a Proxy instead of being changed.
 *
 * @example
 * const study = withDisplay(result, () => ({ 'text/plain': `CAR = ${result.car}`, 'text/html': table }));
 * study; // last expression of a Deno notebook cell: shown as HTML
 */
export function withDisplay<T extends object>(obj: T, bundle: () => MimeBundle | Promise<MimeBundle>): T & Displayable {
  if (typeof bundle !== 'function') throw new TypeError('withDisplay: bundle must be a function');
  const method = function (this: unknown) {
    return bundle();
  };
  if (Object.isExtensible(obj)) {
    Object.defineProperty(obj, JUPYTER_DISPLAY, { value: method, enumerable: false, configurable: true, writable: true });
    return obj as T & Displayable;
  }
  return new Proxy(obj, {
    get(target, key, receiver) {
      return key === JUPYTER_DISPLAY ? method : Reflect.get(target, key, receiver);
    },
    has(target, key) {
      return key === JUPYTER_DISPLAY || Reflect.has(target, key);
    },
  }) as T & Displayable;
}
