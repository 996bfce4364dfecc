// Error replies that many command groups send, made once (a Reply is immutable, so one object
// serves every call). The strings themselves live in errors.ts.

import * as E from '../shared/errors.js';
import { error } from '../shared/reply.js';

export const WRONGTYPE_R = error(E.WRONGTYPE);
export const SYNTAX_R = error(E.SYNTAX);
export const NOT_INTEGER_R = error(E.NOT_INTEGER);
export const NOT_FLOAT_R = error(E.NOT_FLOAT);
export const OVERFLOW_R = error(E.OVERFLOW);
export const NAN_OR_INF_R = error(E.NAN_OR_INF);
export const INVALID_CURSOR_R = error(E.INVALID_CURSOR);
export const VALUE_OUT_OF_RANGE_R = error(E.VALUE_OUT_OF_RANGE);
export const MUST_BE_POSITIVE_R = error(E.MUST_BE_POSITIVE);
export const NUMKEYS_NOT_POSITIVE_R = error(E.NUMKEYS_NOT_POSITIVE);
export const COUNT_NOT_POSITIVE_R = error(E.COUNT_NOT_POSITIVE);
export const LIMIT_NEGATIVE_R = error(E.LIMIT_NEGATIVE);
