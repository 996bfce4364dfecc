// Replies the SCRIPTING commands give without the Lua state, kept apart from scripting.ts so
// that the command table does not pull Lua into the engine's first chunk.

export const NOSCRIPT = 'NOSCRIPT No matching script. Please use EVAL.';
export const NOTBUSY = 'NOTBUSY No scripts in execution right now.';
