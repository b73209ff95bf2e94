// zod compiles fast parsers with `new Function` after probing for it, which the page's CSP
// (no 'unsafe-eval') refuses with a console error: tell zod not to try.
import { config } from 'zod';

config({ jitless: true });
