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
