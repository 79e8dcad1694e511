/**
 * zod for the renderer, in its tree-shakable form (`zod/mini`: checks are functions, not
 * methods). The classic form puts every method on every schema and cannot be shaken: it
 * was 84 kB of the chunk every guest loads for the waiting room, and its schemas were
 * slower to build there. The main process keeps the classic form.
 *
 * zod compiles parsers with `new Function` unless told not to; the CSP forbids eval, and
 * even zod's feature probe would be reported as a violation. So the renderer takes zod only
 * from here (lint enforces it), and whichever screen first needs a schema loads it already
 * configured. The guest's first screen needs none: zod is not part of that first load.
 */
import * as z from 'zod/mini';

z.config({ jitless: true });

export { z };
