export { locateJsonError } from "./locate-json-error.js";
export { readJsonLines } from "./read-json-lines.js";
export type { JsonLine, JsonLineError, RecordCheck } from "./read-json-lines.js";
