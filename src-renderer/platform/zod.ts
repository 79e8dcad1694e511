/**
 * zod for the renderer. zod compiles parsers with `new Function` unless told not to; the
 * CSP forbids eval, and even zod's feature probe would be reported as a violation. So the
 * renderer takes zod only from here (lint enforces it), and whichever screen first needs a
 * schema loads it already configured. The guest's first screen needs none: zod is not part
 * of that first load.
 */
import { z } from 'zod';

z.config({ jitless: true });

export { z };
